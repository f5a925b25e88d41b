"""Record staff actions. Never records a child's words, only which object."""

from __future__ import annotations

from flask import request
from flask_login import current_user

from portal import db
from portal.models import AuditEvent


def record(
    action: str,
    object_type: str = "",
    object_id: object = "",
    outcome: str = "allowed",
    *,
    staff_user_id: int | None = None,
    detail: str = "",
) -> None:
    """Add an audit event to the current transaction; the caller commits."""
    if staff_user_id is None and current_user and current_user.is_authenticated:
        staff_user_id = current_user.id
    db.session().add(
        AuditEvent(
            staff_user_id=staff_user_id,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            outcome=outcome,
            ip_address=(request.remote_addr or "")[:45],
            detail=detail[:300],
        )
    )
