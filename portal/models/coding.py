"""What the coder found in each free-text answer, people's corrections to it,
safeguarding flags, and "You said, we did" actions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow
from portal.models.consultations import Response
from portal.models.staff import StaffUser


class AnswerCoding(Base):
    """The coder's reading of one answer, stored at submission (and by recode)."""

    __tablename__ = "answer_coding"
    __table_args__ = (UniqueConstraint("response_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    themes: Mapped[list[str]]
    sentiment: Mapped[str] = mapped_column(String(10))
    polarity: Mapped[float]
    safeguarding: Mapped[bool]
    analysed: Mapped[bool]
    evidence: Mapped[dict[str, Any]]
    coder: Mapped[str] = mapped_column(String(40))
    coded_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Copied from the response, its invitation and its meeting when the answer
    # is coded; none of them changes once a response is sent. The annual report
    # counts a year's answers from this table alone instead of joining four
    # (measured at 250,000 reviews a year: about 0.9 s of 5.5 s). A conference
    # has no one child, so its parents' answers have none.
    child_id: Mapped[int | None] = mapped_column(ForeignKey("child.id", ondelete="CASCADE"))
    audience: Mapped[str] = mapped_column(String(12))
    submitted_at: Mapped[datetime]

    response: Mapped[Response] = relationship()


class CodingCorrection(Base):
    """A person's correction of the themes or sentiment of one answer. Kept
    apart from the coder's reading, so a recode never overwrites it; the
    newest correction wins from then on."""

    __tablename__ = "coding_correction"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    themes: Mapped[list[str]]
    sentiment: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    corrected_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    corrected_at: Mapped[datetime] = mapped_column(default=utcnow)

    corrected_by: Mapped[StaffUser] = relationship()


class SafeguardingFlag(Base):
    """A response that may disclose harm. Only a person closes it, by
    acknowledging it with a note; the software never does."""

    __tablename__ = "safeguarding_flag"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), unique=True)
    question_ids: Mapped[list[str]]
    raised_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    escalated_at: Mapped[datetime | None]
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    note: Mapped[str] = mapped_column(Text, default="")

    response: Mapped[Response] = relationship()
    acknowledged_by: Mapped[StaffUser | None] = relationship()


class ServiceAction(Base):
    """ "You said, we did": what the service changed in answer to a theme."""

    __tablename__ = "service_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    theme: Mapped[str] = mapped_column(String(40), index=True)
    period_start: Mapped[date]
    period_end: Mapped[date]
    you_said: Mapped[str] = mapped_column(Text)
    we_did: Mapped[str] = mapped_column(Text)
    # Who answers for it, by when, and how far it has got: the annual report lists all three.
    owner: Mapped[str] = mapped_column(String(120), default="")
    due_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="done")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReportQuote(Base):
    """A quote a participation officer chose for a theme in a reporting year's report."""

    __tablename__ = "report_quote"
    __table_args__ = (UniqueConstraint("year", "response_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    theme: Mapped[str] = mapped_column(String(40))
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(64))
    chosen_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    chosen_at: Mapped[datetime] = mapped_column(default=utcnow)


class CoderModel(Base):
    """A learned coder model trained for this council (shipped corpora plus its
    own corrections) by `myreview retrain`. The newest active one codes new
    answers and recodes; earlier ones are kept so a retrain can be rolled back.
    The payload is plain arrays (numpy .npz, read without pickle)."""

    __tablename__ = "coder_model"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    active: Mapped[bool] = mapped_column(default=False, index=True)
    corrections: Mapped[int] = mapped_column(default=0)
    figures: Mapped[dict[str, Any]]
    payload: Mapped[bytes] = mapped_column(LargeBinary)
