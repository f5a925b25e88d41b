"""How the service keeps its records of reviews: records finished in time,
recommendations done by their date and letters sent to the children, by IRO
and by month. Counted by the
database, so a national year is as quick as a small one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import median
from typing import Any

from sqlalchemy import ColumnElement, and_, case, extract, func, select
from sqlalchemy.orm import Session

from portal.models import (
    PRACTICE_ALERT_STAGES,
    Child,
    ChildLetter,
    Meeting,
    PracticeAlert,
    Recommendation,
    ReviewRecord,
    StaffUser,
)


@dataclass
class RecordFigures:
    label: str
    reviews: int = 0
    finished: int = 0
    in_time: int = 0
    due: int = 0
    done_in_time: int = 0
    late: int = 0
    letters: int = 0

    @property
    def in_time_percent(self) -> float | None:
        return round(100 * self.in_time / self.reviews, 1) if self.reviews else None

    @property
    def letters_percent(self) -> float | None:
        return round(100 * self.letters / self.reviews, 1) if self.reviews else None

    @property
    def done_percent(self) -> float | None:
        return round(100 * self.done_in_time / self.due, 1) if self.due else None


def _reviews(start: date, end: date) -> ColumnElement[bool]:
    return and_(
        Meeting.kind == "looked_after_review",
        Meeting.held_on >= start,
        Meeting.held_on <= end,
    )


def by_iro(db_session: Session, start: date, end: date, today: date | None = None) -> list[RecordFigures]:
    today = today or date.today()
    end = min(end, today)
    rows: dict[Any, RecordFigures] = {}
    for key, name in db_session.execute(select(StaffUser.id, StaffUser.name)):
        rows[key] = RecordFigures(name)
    _count(db_session, start, end, today, Meeting.chair_id, rows, lambda key: str(key))
    return sorted((r for r in rows.values() if r.reviews or r.due), key=lambda r: r.label)


def by_month(db_session: Session, start: date, end: date, today: date | None = None) -> list[RecordFigures]:
    today = today or date.today()
    end = min(end, today)
    month = extract("year", Meeting.held_on) * 100 + extract("month", Meeting.held_on)
    rows: dict[Any, RecordFigures] = {}
    _count(db_session, start, end, today, month, rows, lambda key: f"{int(key) // 100}-{int(key) % 100:02d}")
    return [rows[k] for k in sorted(rows, key=lambda k: int(k))]


def _count(
    db_session: Session,
    start: date,
    end: date,
    today: date,
    key: Any,
    rows: dict[Any, RecordFigures],
    label: Callable[[Any], str],
) -> None:
    """Reviews held, their records and letters, then recommendations falling due, grouped by ``key``."""
    finished = ReviewRecord.finished_at.is_not(None)
    in_time = and_(finished, func.date(ReviewRecord.finished_at) <= ReviewRecord.due_on)
    for value, reviews, done, timely, letters in db_session.execute(
        select(
            key,
            func.count(Meeting.id),
            func.sum(case((finished, 1), else_=0)),
            func.sum(case((in_time, 1), else_=0)),
            func.count(ChildLetter.sent_at),
        )
        .select_from(Meeting)
        .outerjoin(ReviewRecord, ReviewRecord.meeting_id == Meeting.id)
        .outerjoin(ChildLetter, ChildLetter.record_id == ReviewRecord.id)
        .where(_reviews(start, end))
        .group_by(key)
    ):
        figures = rows.setdefault(value, RecordFigures(label(value)))
        figures.reviews, figures.finished, figures.in_time = reviews, int(done or 0), int(timely or 0)
        figures.letters = int(letters or 0)
    done_by_date = and_(
        Recommendation.status == "done", func.date(Recommendation.status_changed_at) <= Recommendation.due_on
    )
    late = and_(Recommendation.status == "open", Recommendation.due_on < today)
    for value, due, done, overdue in db_session.execute(
        select(
            key,
            func.count(Recommendation.id),
            func.sum(case((done_by_date, 1), else_=0)),
            func.sum(case((late, 1), else_=0)),
        )
        .select_from(Recommendation)
        .join(ReviewRecord, Recommendation.record_id == ReviewRecord.id)
        .join(Meeting, ReviewRecord.meeting_id == Meeting.id)
        .where(_reviews(start, end), Recommendation.due_on <= today)
        .group_by(key)
    ):
        figures = rows.setdefault(value, RecordFigures(label(value)))
        figures.due, figures.done_in_time, figures.late = due, int(done or 0), int(overdue or 0)


@dataclass
class AlertRow:
    id: int
    raised_on: date
    child: str
    about: str
    raised_by: str
    stage: str
    resolved: bool


def practice_alerts(db_session: Session, start: date, end: date) -> list[AlertRow]:
    """Practice alerts raised in the period, newest first (a service raises a few a month)."""
    rows = db_session.execute(
        select(PracticeAlert, Child.first_name, Child.last_name, StaffUser.name)
        .join(Child, PracticeAlert.child_id == Child.id)
        .join(StaffUser, PracticeAlert.raised_by_id == StaffUser.id)
        .where(
            PracticeAlert.raised_at >= datetime.combine(start, time.min),
            PracticeAlert.raised_at < datetime.combine(end + timedelta(days=1), time.min),
        )
        .order_by(PracticeAlert.raised_at.desc())
    )
    return [
        AlertRow(
            alert.id,
            alert.raised_at.date(),
            f"{first} {last}",
            alert.note,
            raised_by,
            alert.stage,
            bool(alert.resolved_at),
        )
        for alert, first, last, raised_by in rows
    ]


@dataclass
class StageFigures:
    stage: str
    reached: int = 0  # alerts raised in the period that got at least this far
    resolved_here: int = 0  # resolved while at this stage
    days_to_resolve: list[int] = field(default_factory=list)

    @property
    def median_days(self) -> float | None:
        return float(median(self.days_to_resolve)) if self.days_to_resolve else None


def dispute_resolution(
    db_session: Session, start: date, end: date
) -> tuple[list[StageFigures], dict[str, int], int]:
    """Practice alerts raised in the period: how far each was escalated, where
    it was resolved and how long that took; how many by subject; how many open.
    A service raises tens a year, so they are read whole."""
    raised = db_session.scalars(
        select(PracticeAlert).where(
            PracticeAlert.raised_at >= datetime.combine(start, time.min),
            PracticeAlert.raised_at < datetime.combine(end + timedelta(days=1), time.min),
        )
    ).all()
    stages = {stage: StageFigures(stage) for stage in PRACTICE_ALERT_STAGES}
    subjects: dict[str, int] = {}
    still_open = 0
    for alert in raised:
        subjects[alert.subject] = subjects.get(alert.subject, 0) + 1
        reached = PRACTICE_ALERT_STAGES.index(alert.stage) if alert.stage in PRACTICE_ALERT_STAGES else 0
        for stage in PRACTICE_ALERT_STAGES[: reached + 1]:
            stages[stage].reached += 1
        if alert.resolved_at is None:
            still_open += 1
            continue
        here = stages[PRACTICE_ALERT_STAGES[reached]]
        here.resolved_here += 1
        here.days_to_resolve.append((alert.resolved_at.date() - alert.raised_at.date()).days)
    return list(stages.values()), subjects, still_open
