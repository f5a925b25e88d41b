"""The audit log: who read or changed what, when (UTC) and from where. Append-only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, event
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str] = mapped_column(String(40), default="")
    object_id: Mapped[str] = mapped_column(String(40), default="")
    outcome: Mapped[str] = mapped_column(String(20), default="allowed")
    ip_address: Mapped[str] = mapped_column(String(45), default="")
    # What changed or was searched for (a role change, an export's filters); never a child's words.
    detail: Mapped[str] = mapped_column(String(300), default="")


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _append_only(_mapper: object, _connection: object, target: AuditEvent) -> None:
    raise PermissionError(f"audit event {target.id} cannot be changed or deleted: the log is append-only")
