"""Import children, the people in their lives, and meetings from a case
management system's CSV export. Preview first; every bad row is reported with
its line number; importing the same file twice changes nothing (rows are
matched on the system's own reference)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.models import (
    CONFERENCE_TYPES,
    CONTACT_WAYS,
    LATE_REASONS,
    MEETING_KINDS,
    PARTICIPATION_CODES,
    Child,
    Meeting,
    Person,
    StaffUser,
)

COLUMNS = {
    "children": {
        "required": ("child_ref", "first_name", "last_name", "date_of_birth"),
        "optional": ("came_into_care_on", "left_care_on", "language", "iro_email", "team", "email", "mobile"),
    },
    "people": {
        "required": ("person_ref", "child_ref", "name", "relationship", "role"),
        "optional": ("email", "phone"),
    },
    "meetings": {
        "required": ("meeting_ref", "kind", "date", "chair_email"),
        # Past reviews come with their participation code, so a council's first report has its history.
        "optional": (
            "child_ref",
            "conference_type",
            "participation_code",
            "late_reason",
            "contact_before_on",
            "contact_before_how",
            "strategy_discussion_on",
        ),
    },
}
ROLES = ("carer", "parent", "other")
MAX_ROWS = 20_000


@dataclass
class RowResult:
    line: int
    ref: str
    action: str  # create | update | unchanged | error
    errors: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class Preview:
    kind: str
    rows: list[RowResult]
    file_errors: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[RowResult]:
        return [r for r in self.rows if r.errors]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)


def _date(value: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


class _Checker:
    def __init__(self, db_session: Session) -> None:
        self.db = db_session
        self._staff: dict[str, StaffUser | None] = {}

    def staff(self, email: str) -> StaffUser | None:
        key = email.strip().lower()
        if key not in self._staff:
            self._staff[key] = self.db.scalar(select(StaffUser).where(func.lower(StaffUser.email) == key))
        return self._staff[key]

    def child(self, ref: str) -> Child | None:
        return self.db.scalar(select(Child).where(Child.external_ref == ref))


# The messages name the file's columns as they are written in it, in every language.
def _not_a_date(column: str, value: str) -> str:
    return _(
        "%(column)s '%(value)s' is not a date (use YYYY-MM-DD or DD/MM/YYYY)", column=column, value=value
    )


def _not_one_of(column: str, allowed: tuple[str, ...], value: str) -> str:
    return _(
        "%(column)s must be one of %(allowed)s, not '%(value)s'",
        column=column,
        allowed=", ".join(allowed),
        value=value,
    )


def _no_account(email: str) -> str:
    return _("no staff account has the email '%(email)s'", email=email)


def _children_row(raw: dict[str, str], check: _Checker, result: RowResult) -> None:
    values: dict[str, Any] = {
        "first_name": raw["first_name"],
        "last_name": raw["last_name"],
        "language": raw.get("language") or "en",
        "team": raw.get("team", ""),
        "email": raw.get("email", ""),
        "mobile": raw.get("mobile", ""),
    }
    for name in ("date_of_birth", "came_into_care_on", "left_care_on"):
        if raw.get(name):
            try:
                values[name] = _date(raw[name])
            except ValueError:
                result.errors.append(_not_a_date(name, raw[name]))
    if "date_of_birth" in values and values["date_of_birth"] > date.today():
        result.errors.append(_("date_of_birth is in the future"))
    if raw.get("iro_email"):
        iro = check.staff(raw["iro_email"])
        if iro is None:
            result.errors.append(_no_account(raw["iro_email"]))
        else:
            values["iro_id"] = iro.id
    result.values = values


def _people_row(raw: dict[str, str], check: _Checker, result: RowResult) -> None:
    child = check.child(raw["child_ref"])
    if child is None:
        result.errors.append(
            _("no child has the reference '%(ref)s' (import children first)", ref=raw["child_ref"])
        )
    if raw["role"] not in ROLES:
        result.errors.append(_not_one_of("role", ROLES, raw["role"]))
    result.values = {
        "child_id": child.id if child else None,
        "name": raw["name"],
        "relationship_to_child": raw["relationship"],
        "role": raw["role"],
        "email": raw.get("email", ""),
        "phone": raw.get("phone", ""),
    }


def _meetings_row(raw: dict[str, str], check: _Checker, result: RowResult) -> None:
    values: dict[str, Any] = {"kind": raw["kind"], "conference_type": raw.get("conference_type") or None}
    if raw["kind"] not in MEETING_KINDS:
        result.errors.append(_not_one_of("kind", MEETING_KINDS, raw["kind"]))
    if values["conference_type"] and values["conference_type"] not in CONFERENCE_TYPES:
        result.errors.append(_not_one_of("conference_type", CONFERENCE_TYPES, values["conference_type"]))
    try:
        values["held_on"] = _date(raw["date"])
    except ValueError:
        result.errors.append(_not_a_date("date", raw["date"]))
    chair = check.staff(raw["chair_email"])
    if chair is None:
        result.errors.append(_no_account(raw["chair_email"]))
    values["chair_id"] = chair.id if chair else None
    values["child_id"] = None
    if raw.get("child_ref"):
        child = check.child(raw["child_ref"])
        if child is None:
            result.errors.append(_("no child has the reference '%(ref)s'", ref=raw["child_ref"]))
        values["child_id"] = child.id if child else None
    elif raw["kind"] == "looked_after_review":
        result.errors.append(_("a looked_after_review needs a child_ref"))
    _review_details(raw, values, result)
    result.values = values


def _one_of(raw: dict[str, str], column: str, allowed: tuple[str, ...], result: RowResult) -> str | None:
    value = raw.get(column, "").strip()
    if value and value not in allowed:
        result.errors.append(_not_one_of(column, allowed, value))
    return value or None


def _review_details(raw: dict[str, str], values: dict[str, Any], result: RowResult) -> None:
    """A review's participation code, why it was late, and the IRO's contact
    before it; a conference's strategy discussion. An empty cell changes nothing, so importing an export that
    leaves them blank never wipes what an IRO recorded in the portal."""
    for column, allowed in (
        ("participation_code", PARTICIPATION_CODES),
        ("late_reason", LATE_REASONS),
        ("contact_before_how", CONTACT_WAYS),
    ):
        value = _one_of(raw, column, allowed, result)
        if value:
            values[column] = value
    for column in ("contact_before_on", "strategy_discussion_on"):
        if raw.get(column):
            try:
                values[column] = _date(raw[column])
            except ValueError:
                result.errors.append(_not_a_date(column, raw[column]))


ROW_CHECKS = {"children": _children_row, "people": _people_row, "meetings": _meetings_row}
MODELS = {"children": Child, "people": Person, "meetings": Meeting}
REF = {"children": "child_ref", "people": "person_ref", "meetings": "meeting_ref"}


def _existing(db_session: Session, kind: str, ref: str) -> Any:
    model: Any = MODELS[kind]  # each has an external_ref column
    return db_session.scalar(select(model).where(model.external_ref == ref))


def preview(db_session: Session, kind: str, text: str) -> Preview:
    result = Preview(kind, [])
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headers = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS[kind]["required"] if c not in headers]
    if missing:
        result.file_errors.append(_("the file has no column %(columns)s", columns=", ".join(missing)))
        return result
    check, seen = _Checker(db_session), set()
    for line, raw_row in enumerate(reader, start=2):
        if line - 1 > MAX_ROWS:
            result.file_errors.append(_("the file has more than %(rows)s rows; split it", rows=MAX_ROWS))
            break
        raw = {k.strip(): (v or "").strip() for k, v in raw_row.items() if k}
        ref = raw.get(REF[kind], "")
        row = RowResult(line, ref, "create")
        for column in COLUMNS[kind]["required"]:
            if not raw.get(column):
                row.errors.append(_("%(column)s is empty", column=column))
        if ref in seen:
            row.errors.append(
                _("%(column)s '%(value)s' appears more than once in the file", column=REF[kind], value=ref)
            )
        seen.add(ref)
        if not row.errors:
            ROW_CHECKS[kind](raw, check, row)
        if row.errors:
            row.action = "error"
        else:
            current = _existing(db_session, kind, ref)
            if current is not None:
                same = all(getattr(current, k) == v for k, v in row.values.items())
                row.action = "unchanged" if same else "update"
        result.rows.append(row)
    return result


def apply(db_session: Session, result: Preview) -> dict[str, int]:
    """Import the rows that have no errors; returns counts by action."""
    counts = {"create": 0, "update": 0, "unchanged": 0}
    for row in result.rows:
        if row.action == "error":
            continue
        if row.action == "create":
            db_session.add(MODELS[result.kind](external_ref=row.ref, **row.values))
        elif row.action == "update":
            current = _existing(db_session, result.kind, row.ref)
            for key, value in row.values.items():
                setattr(current, key, value)
        counts[row.action] += 1
    return counts
