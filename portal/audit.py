"""Record staff actions. Never records a child's words, only which object."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import has_request_context, request
from flask_login import current_user

from portal import db
from portal.models import AuditEvent

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def record(
    action: str,
    object_type: str = "",
    object_id: object = "",
    outcome: str = "allowed",
    *,
    staff_user_id: int | None = None,
    detail: str = "",
    db_session: Session | None = None,
) -> None:
    """Add an audit event to the current transaction (``db_session``'s, for a
    command with its own session); the caller commits."""
    if staff_user_id is None and current_user and current_user.is_authenticated:
        staff_user_id = current_user.id
    (db_session or db.session()).add(
        AuditEvent(
            staff_user_id=staff_user_id,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            outcome=outcome,
            ip_address=((request.remote_addr or "") if has_request_context() else "")[:45],
            detail=detail[:300],
        )
    )
