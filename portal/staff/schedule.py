"""The statutory review schedule (Care Planning Regulations 2010, reg. 33):
the first review within 20 working days of coming into care, the second
within 3 months of the first, then every 6 months."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from portal import calendar_data

BANK_HOLIDAYS = calendar_data.bank_holidays()
DUE_SOON_DAYS = 28


def add_working_days(start: date, days: int) -> date:
    current = start
    while days:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in BANK_HOLIDAYS:
            days -= 1
    return current


def add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def next_due(came_into_care_on: date, reviews_held: Iterable[date]) -> date:
    """When the next review is due, given the reviews already held."""
    held = sorted(d for d in reviews_held if d >= came_into_care_on)
    if not held:
        return add_working_days(came_into_care_on, 20)
    if len(held) == 1:
        return add_months(held[0], 3)
    return add_months(held[-1], 6)


@dataclass(frozen=True)
class ReviewDue:
    due_on: date
    scheduled_on: date | None
    state: str  # scheduled | due_soon | overdue | not_due


def review_state(came_into_care_on: date, reviews: Iterable[date], today: date) -> ReviewDue:
    reviews = sorted(reviews)
    held = [d for d in reviews if d <= today]
    due = next_due(came_into_care_on, held)
    upcoming = next((d for d in reviews if d > today), None)
    if upcoming is not None and upcoming <= due:
        return ReviewDue(due, upcoming, "scheduled")
    if due < today:
        return ReviewDue(due, upcoming, "overdue")
    if due <= today + timedelta(days=DUE_SOON_DAYS):
        return ReviewDue(due, upcoming, "due_soon")
    return ReviewDue(due, upcoming, "not_due")
