"""The statutory review schedule (Care Planning Regulations 2010, reg. 33):
the first review within 20 working days of coming into care, the second
within 3 months of the first, then every 6 months."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from analysis import review_timeliness
from analysis.review_timeliness import add_months as add_months  # the schedule's own vocabulary
from portal import calendar_data

BANK_HOLIDAYS = calendar_data.bank_holidays()
DUE_SOON_DAYS = 28


def add_working_days(start: date, days: int) -> date:
    return review_timeliness.add_working_days(start, days, BANK_HOLIDAYS)


def due_date(came_into_care_on: date, reviews_before: int, previous: date | None) -> date:
    return review_timeliness.due_date(came_into_care_on, reviews_before, previous, BANK_HOLIDAYS)


@dataclass(frozen=True)
class ReviewDue:
    due_on: date
    scheduled_on: date | None
    state: str  # scheduled | due_soon | overdue | not_due


def review_state(came_into_care_on: date, reviews: Iterable[date], today: date) -> ReviewDue:
    """A child's review state from the days of all their reviews, held and booked."""
    reviews = sorted(reviews)
    held = [d for d in reviews if came_into_care_on <= d <= today]
    upcoming = next((d for d in reviews if d > today), None)
    return state_of(came_into_care_on, len(held), held[-1] if held else None, upcoming, today)


def state_of(
    came_into_care_on: date, held: int, last_held: date | None, upcoming: date | None, today: date
) -> ReviewDue:
    """The same from what a database can count: the reviews held since coming
    into care, the last of them, and the first one booked after today."""
    due = due_date(came_into_care_on, held, last_held)
    if upcoming is not None and upcoming <= due:
        return ReviewDue(due, upcoming, "scheduled")
    if due < today:
        return ReviewDue(due, upcoming, "overdue")
    if due <= today + timedelta(days=DUE_SOON_DAYS):
        return ReviewDue(due, upcoming, "due_soon")
    return ReviewDue(due, upcoming, "not_due")
