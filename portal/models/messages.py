"""The outbox: every email and text message the portal sends, so a failed
send is retried and shown, never silently lost."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow
from portal.models.consultations import Invitation
from portal.models.staff import StaffUser

PURPOSES = ("invitation", "iro_profile", "set_password", "reset_password", "alert")


class OutboundMessage(Base):
    __tablename__ = "outbound_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(10))  # email | sms
    to_address: Mapped[str] = mapped_column(String(254))
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitation.id"), index=True)
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    child_id: Mapped[int | None] = mapped_column(ForeignKey("child.id"))
    # Only for alerts: the page the alert links to. Never a child's words.
    link_path: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)  # pending | sent | failed
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]

    invitation: Mapped[Invitation | None] = relationship()
    staff_user: Mapped[StaffUser | None] = relationship()
