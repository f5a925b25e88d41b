"""Whether looked-after reviews were held on time (Care Planning Regulations
2010, reg. 33): the first within 20 working days of coming into care, the
second within 3 months of the first, then every 6 months. Plain dates in,
plain counts out; the caller supplies the bank holidays.

A review is on time when it is held on or before the day it was due, the due
day counted from the review before it as actually held: one late review moves
the next one's date, as the regulations do."""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

FIRST_REVIEW_WORKING_DAYS = 20
SECOND_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6
POSITIONS = ("first", "second", "later")


def add_working_days(start: date, days: int, holidays: frozenset[date] = frozenset()) -> date:
    current = start
    while days:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            days -= 1
    return current


def add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def next_due(
    came_into_care_on: date, reviews_held: Iterable[date], holidays: frozenset[date] = frozenset()
) -> date:
    """When the next review is due, given the reviews already held in this episode of care."""
    held = sorted(d for d in reviews_held if d >= came_into_care_on)
    if not held:
        return add_working_days(came_into_care_on, FIRST_REVIEW_WORKING_DAYS, holidays)
    if len(held) == 1:
        return add_months(held[0], SECOND_REVIEW_MONTHS)
    return add_months(held[-1], LATER_REVIEW_MONTHS)


@dataclass(frozen=True)
class HeldReview:
    """One review as the report needs it."""

    child: int
    held_on: date
    came_into_care_on: date | None
    late_reason: str | None = None


@dataclass(frozen=True)
class ReviewTiming:
    review: HeldReview
    position: str  # first | second | later
    due_on: date

    @property
    def on_time(self) -> bool:
        return self.review.held_on <= self.due_on


def timings(reviews: Iterable[HeldReview], holidays: frozenset[date] = frozenset()) -> list[ReviewTiming]:
    """Each review with its due date. Reviews of a child with no date of coming
    into care, or held before it, cannot be timed and are left out."""
    by_child: dict[int, list[HeldReview]] = {}
    for review in reviews:
        by_child.setdefault(review.child, []).append(review)
    timed = []
    for held in by_child.values():
        held.sort(key=lambda r: r.held_on)
        earlier: list[date] = []
        for review in held:
            entered = review.came_into_care_on
            if entered is None or review.held_on < entered:
                continue
            due = next_due(entered, earlier, holidays)
            timed.append(ReviewTiming(review, POSITIONS[min(len(earlier), 2)], due))
            earlier.append(review.held_on)
    return timed


@dataclass
class Timeliness:
    held: int = 0
    on_time: int = 0
    children: int = 0
    by_position: dict[str, tuple[int, int]] = field(default_factory=dict)  # position: (held, on time)
    late_reasons: Counter[str] = field(default_factory=Counter)  # "" when none was recorded

    @property
    def late(self) -> int:
        return self.held - self.on_time


def summarise(
    reviews: Iterable[HeldReview], start: date, end: date, holidays: frozenset[date] = frozenset()
) -> Timeliness:
    """Reviews held between two days (inclusive), timed against the child's
    whole history: pass every earlier review of the same children too."""
    summary = Timeliness()
    position_held: Counter[str] = Counter()
    position_on_time: Counter[str] = Counter()
    children = set()
    for timing in timings(reviews, holidays):
        if not start <= timing.review.held_on <= end:
            continue
        summary.held += 1
        children.add(timing.review.child)
        position_held[timing.position] += 1
        if timing.on_time:
            summary.on_time += 1
            position_on_time[timing.position] += 1
        else:
            summary.late_reasons[timing.review.late_reason or ""] += 1
    summary.children = len(children)
    summary.by_position = {p: (position_held[p], position_on_time[p]) for p in POSITIONS}
    return summary
