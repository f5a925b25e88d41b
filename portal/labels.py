"""Words shown for stored codes (statuses, audiences), in the reader's language."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from portal.consult.question_view import answer_lines

STATUS = {
    "not_sent": _l("Not sent"),
    "sent": _l("Sent"),
    "opened": _l("Opened"),
    "started": _l("Started"),
    "submitted": _l("Submitted"),
    "expired": _l("Expired"),
    "revoked": _l("Withdrawn"),
}
AUDIENCE = {"child": _l("Child"), "carer": _l("Carer"), "parent": _l("Parent")}


def status_label(status: str) -> str:
    return str(STATUS.get(status, status))


def audience_label(audience: str) -> str:
    return str(AUDIENCE.get(audience, audience))


def summary_rows(answered: list[Any]) -> list[dict[str, Any]]:
    """Summary list rows for answered questions (label, then the answer lines)."""
    from flask_babel import gettext as _

    return [
        {"key": {"text": _(a.question.label)}, "value": {"html": answer_lines(a.lines)}} for a in answered
    ]
