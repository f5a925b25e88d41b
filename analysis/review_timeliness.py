"""Whether looked-after reviews were held on time (Care Planning Regulations
2010, reg. 33): the first within 20 working days of coming into care, the
second within 3 months of the first, then every 6 months. Plain dates in,
plain counts out; the caller supplies the bank holidays.

A review is on time when it is held on or before the day it was due, the due
day counted from the review before it as actually held: one late review moves
the next one's date, as the regulations do."""

from __future__ import annotations

import bisect
import calendar
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

FIRST_REVIEW_WORKING_DAYS = 20
SECOND_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6
POSITIONS = ("first", "second", "later")


def add_working_days(start: date, days: int, holidays: frozenset[date] = frozenset()) -> date:
    """The day ``days`` working days after ``start`` (weekends and ``holidays`` skipped).

    Whole weeks are jumped (each holds five weekdays, less the holidays on
    them), then the rest is stepped a day at a time: the report times
    thousands of first reviews, so this is worth not walking day by day."""
    if days <= 0:
        return start
    weeks, rest = divmod(days, 5)
    if not rest:  # the last day must be stepped onto, not jumped to (it may be a weekend)
        weeks, rest = weeks - 1, 5
    current = start + timedelta(weeks=weeks)
    rest += _weekday_holidays_between(start, current, holidays)
    while rest:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            rest -= 1
    return current


def _weekday_holidays_between(after: date, until: date, holidays: frozenset[date]) -> int:
    """Holidays on a weekday in (after, until]."""
    days = _weekday_holidays(holidays)
    return bisect.bisect_right(days, until) - bisect.bisect_right(days, after)


@cache
def _weekday_holidays(holidays: frozenset[date]) -> tuple[date, ...]:
    return tuple(sorted(d for d in holidays if d.weekday() < 5))


def add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def due_date(
    came_into_care_on: date,
    reviews_before: int,
    previous: date | None,
    holidays: frozenset[date] = frozenset(),
) -> date:
    """When a review is due, from how many reviews came before it in this
    episode of care and the day the last of them was held."""
    if reviews_before == 0 or previous is None:
        return add_working_days(came_into_care_on, FIRST_REVIEW_WORKING_DAYS, holidays)
    return add_months(previous, SECOND_REVIEW_MONTHS if reviews_before == 1 else LATER_REVIEW_MONTHS)


def next_due(
    came_into_care_on: date, reviews_held: Iterable[date], holidays: frozenset[date] = frozenset()
) -> date:
    """When the next review is due, given the reviews already held in this episode of care."""
    held = sorted(d for d in reviews_held if d >= came_into_care_on)
    return due_date(came_into_care_on, len(held), held[-1] if held else None, holidays)


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


def timing(
    review: HeldReview, reviews_before: int, previous: date | None, holidays: frozenset[date] = frozenset()
) -> ReviewTiming | None:
    """One review's place in the schedule and due date; None when it cannot be
    timed (no date of coming into care, or held before it)."""
    entered = review.came_into_care_on
    if entered is None or review.held_on < entered:
        return None
    return ReviewTiming(
        review, POSITIONS[min(reviews_before, 2)], due_date(entered, reviews_before, previous, holidays)
    )


def _in_order(reviews: Iterable[HeldReview]) -> Iterator[tuple[HeldReview, int, date | None]]:
    """Each review that can be timed, with how many came before it in the
    episode and the day the last of them was held."""
    by_child: dict[int, list[HeldReview]] = {}
    for review in reviews:
        by_child.setdefault(review.child, []).append(review)
    for held in by_child.values():
        held.sort(key=lambda r: r.held_on)
        earlier: list[date] = []
        for review in held:
            entered = review.came_into_care_on
            if entered is None or review.held_on < entered:
                continue
            yield review, len(earlier), earlier[-1] if earlier else None
            earlier.append(review.held_on)


def timings(reviews: Iterable[HeldReview], holidays: frozenset[date] = frozenset()) -> list[ReviewTiming]:
    """Each review with its due date, from every review of each child. Reviews of
    a child with no date of coming into care, or held before it, are left out."""
    timed = []
    for review, before, previous in _in_order(reviews):
        found = timing(review, before, previous, holidays)
        if found is not None:
            timed.append(found)
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


@dataclass(frozen=True)
class ReviewGroup:
    """Reviews alike for timing, and how many: held the same day, with as many
    reviews before them in the episode (2 meaning 2 or more), the one before
    held the same day, and, for a first review, the same day of coming into
    care; and the same late reason. A database can count reviews this way
    rather than hand over every one."""

    held_on: date
    reviews_before: int
    previous: date | None
    came_into_care_on: date | None
    late_reason: str | None = None
    count: int = 1
    # Set when the database already compared the day held with the day due (a
    # later review is due whole months after the one before, which a database
    # can add); ``previous`` may then be None, and reviews held the same day
    # group together whatever day the one before was.
    on_time: bool | None = None


def summarise(
    reviews: Iterable[HeldReview], start: date, end: date, holidays: frozenset[date] = frozenset()
) -> Timeliness:
    """Reviews held between two days (inclusive), timed against the child's
    whole history: pass every earlier review of the same children too."""
    groups, children = [], set()
    for review, before, previous in _in_order(reviews):
        groups.append(
            ReviewGroup(review.held_on, before, previous, review.came_into_care_on, review.late_reason)
        )
        if start <= review.held_on <= end:
            children.add(review.child)
    summary = summarise_groups(groups, start, end, holidays)
    summary.children = len(children)
    return summary


def summarise_groups(
    groups: Iterable[ReviewGroup],
    start: date,
    end: date,
    holidays: frozenset[date] = frozenset(),
) -> Timeliness:
    """The figures for the reviews held between two days (inclusive). The
    children reviewed are the caller's to count: a group is not one child."""
    summary = Timeliness()
    position_held: Counter[str] = Counter()
    position_on_time: Counter[str] = Counter()
    due: dict[tuple[date, int, date | None], date] = {}  # many reviews share a due day's inputs
    for group in groups:
        if not start <= group.held_on <= end:
            continue
        entered = group.came_into_care_on
        if group.reviews_before == 0 and entered is None:
            continue  # a first review with no day of coming into care cannot be timed
        position = POSITIONS[min(group.reviews_before, 2)]
        on_time = group.on_time
        if on_time is None:
            key = (entered or group.held_on, min(group.reviews_before, 2), group.previous)
            if key not in due:
                due[key] = due_date(*key, holidays)
            on_time = group.held_on <= due[key]
        summary.held += group.count
        position_held[position] += group.count
        if on_time:
            summary.on_time += group.count
            position_on_time[position] += group.count
        else:
            summary.late_reasons[group.late_reason or ""] += group.count
    summary.by_position = {p: (position_held[p], position_on_time[p]) for p in POSITIONS}
    return summary
