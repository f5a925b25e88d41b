"""How the service keeps its records of reviews: records finished in time,
recommendations done by their date and letters sent to the children, by IRO
and by month. Counted by the
database, so a national year is as quick as a small one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, extract, func, select
from sqlalchemy.orm import Session

from portal.models import Child, ChildLetter, Meeting, PracticeAlert, Recommendation, ReviewRecord, StaffUser


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
            alert.raised_at.date(),
            f"{first} {last}",
            alert.note,
            raised_by,
            alert.stage,
            bool(alert.resolved_at),
        )
        for alert, first, last, raised_by in rows
    ]
