"""Looked-after reviews and Child Protection conferences."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow
from portal.models.children import Child
from portal.models.staff import StaffUser

MEETING_KINDS = ("looked_after_review", "cp_conference")
CONFERENCE_TYPES = ("initial", "review", "transfer_in")
PARTICIPATION_CODES = ("PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7")
# How the IRO was in touch with the child before the review (the Handbook expects it).
CONTACT_WAYS = ("visit", "video", "phone", "none")
# Why a review was held after its statutory date: the reasons annual reports give.
LATE_REASONS = ("family", "child", "social_worker", "iro", "illness", "other")


class Meeting(Base):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    conference_type: Mapped[str | None] = mapped_column(String(20))
    held_on: Mapped[date] = mapped_column(index=True)
    child_id: Mapped[int | None] = mapped_column(ForeignKey("child.id"), index=True)
    chair_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), index=True)
    external_ref: Mapped[str | None] = mapped_column(String(64), unique=True)
    participation_code: Mapped[str | None] = mapped_column(String(3))
    participation_recorded_at: Mapped[datetime | None]
    participation_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    contact_before_on: Mapped[date | None]
    contact_before_how: Mapped[str | None] = mapped_column(String(10))
    late_reason: Mapped[str | None] = mapped_column(String(20))
    # An initial Child Protection conference is due within 15 working days of the strategy discussion.
    strategy_discussion_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    child: Mapped[Child | None] = relationship()
    chair: Mapped[StaffUser] = relationship(foreign_keys=[chair_id])
