"""Invitations (personal links), saved drafts and submitted responses."""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow
from portal.models.children import Person
from portal.models.meetings import Meeting

AUDIENCES = ("child", "carer", "parent")
# The council's time zone, for "the end of the meeting day" (the same setting as the app's).
COUNCIL_ZONE = os.environ.get("MYREVIEW_TIMEZONE", "Europe/London")


class Invitation(Base):
    """A personal link. Only the SHA-256 of its token is stored."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    audience: Mapped[str] = mapped_column(String(12))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    questionnaire_id: Mapped[str] = mapped_column(String(64))
    questionnaire_version: Mapped[int]
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    opened_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    # How it reached them: a personal link, a conference's shared link or QR code, or a paper form.
    via: Mapped[str] = mapped_column(String(20), default="personal")

    meeting: Mapped[Meeting] = relationship()
    person: Mapped[Person | None] = relationship()
    drafts: Mapped[list[Draft]] = relationship(back_populates="invitation", cascade="all, delete-orphan")
    response: Mapped[Response | None] = relationship(back_populates="invitation")

    @property
    def closes_at(self) -> datetime:
        """When the link stops working (naive UTC). Asked before a review, it
        closes at the end of the meeting day, following the meeting if it moves;
        otherwise (feedback after a conference) it lasts its own days."""
        meeting = self.meeting
        if meeting is None or meeting.kind != "looked_after_review" or self.via != "personal":
            return self.expires_at
        end_of_day = datetime.combine(meeting.held_on + timedelta(days=1), time(0), ZoneInfo(COUNCIL_ZONE))
        return end_of_day.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)

    @property
    def last_day(self) -> date:
        """The last day the link works, as people count days."""
        closes = self.closes_at.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(COUNCIL_ZONE))
        return (closes - timedelta(microseconds=1)).date()

    def status(self, now: datetime) -> str:
        """One word for the caseload: the furthest the invitation has got."""
        if self.submitted_at:
            return "submitted"
        if self.revoked_at:
            return "revoked"
        if self.closes_at <= now:
            return "expired"
        for state in ("started", "opened", "sent"):
            if getattr(self, f"{state}_at"):
                return state
        return "not_sent"


class Draft(Base):
    """One page's answers, saved as soon as the page is sent."""

    __tablename__ = "draft"
    __table_args__ = (UniqueConstraint("invitation_id", "page_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(ForeignKey("invitation.id"), index=True)
    page_id: Mapped[str] = mapped_column(String(64))
    answers: Mapped[dict[str, Any]]
    saved_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    invitation: Mapped[Invitation] = relationship(back_populates="drafts")


class Response(Base):
    """A submitted consultation. One per invitation, enforced by the database."""

    __tablename__ = "response"

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(ForeignKey("invitation.id"), unique=True)
    questionnaire_id: Mapped[str] = mapped_column(String(64))
    questionnaire_version: Mapped[int]
    answers: Mapped[dict[str, Any]]
    language: Mapped[str] = mapped_column(String(12))
    helped_by: Mapped[list[str]]
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    source: Mapped[str] = mapped_column(String(10), default="online")  # online | paper

    invitation: Mapped[Invitation] = relationship(back_populates="response")


class ConferenceLink(Base):
    """One shared feedback link (and its QR code) per conference, handed out at
    the end. It carries no personal data, works for a set number of days and
    for a capped number of responses; each person who opens it gets their own
    anonymous invitation."""

    __tablename__ = "conference_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    max_responses: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]

    meeting: Mapped[Meeting] = relationship()


class FollowUp(Base):
    """A parent unhappy in every area: the chair's manager follows it up and records what was done."""

    __tablename__ = "follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), unique=True)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    note: Mapped[str] = mapped_column(String(2000), default="")

    response: Mapped[Response] = relationship()
