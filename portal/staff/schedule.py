"""The statutory review schedule (Care Planning Regulations 2010, reg. 33):
the first review within 20 working days of coming into care, the second
within 3 months of the first, then every 6 months."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

# England and Wales bank holidays (GOV.UK), for counting working days.
BANK_HOLIDAYS = frozenset(
    date.fromisoformat(d)
    for d in (
        "2024-01-01",
        "2024-03-29",
        "2024-04-01",
        "2024-05-06",
        "2024-05-27",
        "2024-08-26",
        "2024-12-25",
        "2024-12-26",
        "2025-01-01",
        "2025-04-18",
        "2025-04-21",
        "2025-05-05",
        "2025-05-26",
        "2025-08-25",
        "2025-12-25",
        "2025-12-26",
        "2026-01-01",
        "2026-04-03",
        "2026-04-06",
        "2026-05-04",
        "2026-05-25",
        "2026-08-31",
        "2026-12-25",
        "2026-12-28",
        "2027-01-01",
        "2027-03-26",
        "2027-03-29",
        "2027-05-03",
        "2027-05-31",
        "2027-08-30",
        "2027-12-27",
        "2027-12-28",
    )
)
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
