"""What the meeting page asks the IRO to do before the meeting because of an
answer ("see you alone: yes", "advocate: not sure"), and the gentle checks
(the same person chosen as wanted and as not wanted). The rules are data in
portal/data/iro-to-dos.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from flask_babel import gettext as _

from forms.answers import display_answer

RULES = Path(__file__).resolve().parent.parent / "data" / "iro-to-dos.toml"


@dataclass(frozen=True)
class Rules:
    to_dos: tuple[tuple[str, str, str], ...]  # question, answer, label
    checks: tuple[tuple[str, str, str], ...]  # question, against, label


@cache
def rules() -> Rules:
    with RULES.open("rb") as handle:
        raw = tomllib.load(handle)
    return Rules(
        tuple((r["question"], r["answer"], r["label"]) for r in raw.get("to_do", [])),
        tuple((r["question"], r["against"], r["label"]) for r in raw.get("check", [])),
    )


def _selected(answer: Any) -> list[str]:
    return (
        [v for v in answer.get("selected", []) if v not in ("other", "prefer_not_to_say")]
        if isinstance(answer, dict)
        else []
    )


def for_answers(answers: dict[str, Any], questions: dict[str, Any], people: Any) -> list[str]:
    """The to-dos and checks these answers call for, in the reader's language."""
    found = [_(label) for question, answer, label in rules().to_dos if answers.get(question) == answer]
    for question, against, label in rules().checks:
        both = [v for v in _selected(answers.get(question)) if v in _selected(answers.get(against))]
        if both and question in questions:
            names = display_answer(questions[question], {"selected": both}, people)
            found.append(_(label, people=", ".join(str(n) for n in names)))
    return found
