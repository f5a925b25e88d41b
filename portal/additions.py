"""What a child (or carer, or parent) adds after sending, until their meeting.

An addition is kept in the response beside the answers, under its own id
("added-1", "added-2"...), so everything that reads a person's words (the
coder, the safeguarding flag, the meeting page, the record, the explorer)
reads it the same way. The day each was added is kept with them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from forms.definition import Question

PREFIX = "added-"
DATES = "added_on"
MOST = 5  # enough to add a forgotten thing or two; not a second consultation
LENGTH = 2000
TITLE = _l("Added after sending")
LABEL = "Added after sending"  # TITLE's msgid: an answer's label is translated where it is shown


def is_addition(key: str) -> bool:
    return key.startswith(PREFIX)


def added(answers: dict[str, Any]) -> list[tuple[str, str, date | None]]:
    """(id, words, day added) for each addition, oldest first."""
    days = answers.get(DATES) or {}
    found = [(k, v) for k, v in answers.items() if is_addition(k) and isinstance(v, str) and v.strip()]
    found.sort(key=lambda item: int(item[0][len(PREFIX) :]) if item[0][len(PREFIX) :].isdigit() else 0)
    return [(k, v, date.fromisoformat(days[k]) if k in days else None) for k, v in found]


def with_addition(answers: dict[str, Any], text: str, today: date) -> tuple[dict[str, Any], str]:
    """A new answers dict holding ``text`` as the next addition (the stored one
    is replaced whole, so the change is saved), and the addition's id."""
    key = f"{PREFIX}{len(added(answers)) + 1}"
    days = {**(answers.get(DATES) or {}), key: today.isoformat()}
    return {**answers, key: text, DATES: days}, key


def question(key: str, day: date | None) -> Question:
    """An addition shown as an answer, labelled with the day it was added
    (shown under the heading TITLE)."""
    return Question(id=key, type="long_text", label=day.strftime("%d/%m/%Y") if day else LABEL, analyse=True)
