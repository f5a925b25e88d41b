"""Every shipped questionnaire, loaded once, and the choice of version by age."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path
from types import MappingProxyType

from forms.answers import HANDLERS
from forms.definition import DefinitionError, Questionnaire, load_file

SHIPPED = Path(__file__).parent / "questionnaires"


def _directories() -> list[Path]:
    """The shipped definitions, plus a council's own folder if configured."""
    extra = os.environ.get("MYREVIEW_QUESTIONNAIRES")
    return [SHIPPED] + ([Path(extra)] if extra else [])


@cache
def all_questionnaires() -> Mapping[tuple[str, int], Questionnaire]:
    found: dict[tuple[str, int], Questionnaire] = {}
    for directory in _directories():
        for path in sorted(directory.glob("*.toml")):
            questionnaire = load_file(path, HANDLERS)
            key = (questionnaire.id, questionnaire.version)
            if key in found:
                raise DefinitionError(path.name, f"{key[0]} version {key[1]} is defined twice")
            found[key] = questionnaire
    return MappingProxyType(found)


def get_questionnaire(questionnaire_id: str, version: int | None = None) -> Questionnaire | None:
    """One version, or the newest when no version is given."""
    loaded = all_questionnaires()
    if version is not None:
        return loaded.get((questionnaire_id, version))
    versions = [q for (qid, _), q in loaded.items() if qid == questionnaire_id]
    return max(versions, key=lambda q: q.version, default=None)


def age_on(date_of_birth: date, on: date) -> int:
    """Age in whole years on a day (a 29 February birthday counts from 1 March)."""
    before_birthday = (on.month, on.day) < (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - int(before_birthday)


def questionnaire_for(family: str, audience: str, age: int | None = None) -> Questionnaire | None:
    """The newest version of the family that serves this audience and age."""
    candidates = [
        q
        for q in all_questionnaires().values()
        if q.family == family and q.audience == audience and (age is None or q.serves_age(age))
    ]
    if not candidates:
        return None
    newest = max(q.version for q in candidates)
    # Several ids may share a family (one per age band); prefer the newest version.
    return next(q for q in candidates if q.version == newest)
