"""What a review decided: the record the chair writes after it, carrying the
child's own words, and the recommendations the next review checks."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, JsonType, utcnow
from portal.models.meetings import Meeting
from portal.models.staff import StaffUser

PLAN_MEETS_NEEDS = ("yes", "partly", "no")
RECOMMENDATION_STATUSES = ("open", "done", "not_done")


class ReviewRecord(Base):
    """One per review. ``views`` holds the blocks of "What the child told us":
    each {"source": child|carer|parent|chair, "label", "text", "themes", ...}.
    Blocks from a consultation are the person's words exactly as sent; the chair
    may leave one out, or add their own (source "chair"), never reword one."""

    __tablename__ = "review_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), unique=True)
    views: Mapped[list[dict[str, Any]]] = mapped_column(JsonType)
    attendance: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    plan_meets_needs: Mapped[str] = mapped_column(String(10), default="")
    plan_note: Mapped[str] = mapped_column(Text, default="")
    next_review_on: Mapped[date | None]
    # When it is due (working days after the meeting, as configured when it was started).
    due_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    finished_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

    meeting: Mapped[Meeting] = relationship()
    finished_by: Mapped[StaffUser | None] = relationship(foreign_keys=[finished_by_id])
    recommendations: Mapped[list[Recommendation]] = relationship(
        back_populates="record", order_by="Recommendation.id", cascade="all, delete-orphan"
    )
    amendments: Mapped[list[RecordAmendment]] = relationship(
        back_populates="record", order_by="RecordAmendment.id", cascade="all, delete-orphan"
    )


class Recommendation(Base):
    """Who does what by when, and whether it was done (the next review checks)."""

    __tablename__ = "recommendation"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("review_record.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(10), default="open")
    status_changed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    record: Mapped[ReviewRecord] = relationship(back_populates="recommendations")
    alerts: Mapped[list[PracticeAlert]] = relationship(back_populates="recommendation", viewonly=True)

    def is_late(self, today: date) -> bool:
        return self.status == "open" and self.due_on < today


class RecordAmendment(Base):
    """A finished record opened again, with the reason and what it said before."""

    __tablename__ = "record_amendment"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("review_record.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    before: Mapped[dict[str, Any]]
    amended_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    amended_at: Mapped[datetime] = mapped_column(default=utcnow)

    record: Mapped[ReviewRecord] = relationship(back_populates="amendments")
    amended_by: Mapped[StaffUser] = relationship()


PRACTICE_ALERT_STAGES = ("informal", "formal_1", "formal_2", "director")
# What the IRO is challenging (the subjects councils' IRO reports count).
PRACTICE_ALERT_SUBJECTS = (
    "recommendation",
    "drift",
    "permanence",
    "health",
    "education",
    "contact",
    "visits",
    "placement",
    "other",
)


class PracticeAlert(Base):
    """An IRO's challenge to the service about a child's plan (the dispute
    resolution process starts with an informal practice alert). Raised in one
    step when a review's recommendation is late."""

    __tablename__ = "practice_alert"

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    recommendation_id: Mapped[int | None] = mapped_column(
        ForeignKey("recommendation.id", ondelete="SET NULL"), index=True
    )
    subject: Mapped[str] = mapped_column(String(40))
    stage: Mapped[str] = mapped_column(String(20), default="informal")
    note: Mapped[str] = mapped_column(Text, default="")
    raised_at: Mapped[datetime] = mapped_column(default=utcnow)
    raised_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    resolved_at: Mapped[datetime | None]
    # Each stage it reached after the first: {"stage", "at" (ISO time), "by" (staff id)}.
    escalations: Mapped[list[dict[str, Any]]] = mapped_column(JsonType, default=list)
    outcome: Mapped[str] = mapped_column(Text, default="")

    raised_by: Mapped[StaffUser] = relationship()
    recommendation: Mapped[Recommendation | None] = relationship(back_populates="alerts")


LETTER_DELIVERIES = ("link", "paper")


class ChildLetter(Base):
    """The chair's letter to the child after their review: at most three key
    messages, each {"theme", "told", "happens"} in the chair's own words, set
    in the child's language around translated phrases and a picture per theme.
    The child reads it through its own link (only its hash is kept) or on paper."""

    __tablename__ = "child_letter"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("review_record.id", ondelete="CASCADE"), unique=True)
    language: Mapped[str] = mapped_column(String(12))
    messages: Mapped[list[dict[str, Any]]] = mapped_column(JsonType)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    link_expires_at: Mapped[datetime | None]
    delivery: Mapped[str] = mapped_column(String(10), default="")
    sent_at: Mapped[datetime | None]
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    record: Mapped[ReviewRecord] = relationship()
    sent_by: Mapped[StaffUser | None] = relationship()


PRIORITY_STATUSES = ("planned", "under_way", "done", "not_done")


class ServicePriority(Base):
    """A priority the service manager sets for a reporting year, and later how it went:
    the annual report shows next year's and the progress on this year's."""

    __tablename__ = "service_priority"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)  # the reporting year it is for (starts 1 April)
    title: Mapped[str] = mapped_column(String(300))
    progress: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
