"""The annual report's service profile and review timeliness, counted from
plain records with no database: the figures a manager would check by hand."""

from __future__ import annotations

from datetime import date

from analysis.review_timeliness import HeldReview, summarise, timings
from analysis.service_profile import CareEpisode, caseload_per_full_time_iro, profile

START, END = date(2025, 4, 1), date(2026, 3, 31)


def test_children_in_care_at_the_start_and_end_of_the_year_and_who_came_and_went():
    episodes = [
        CareEpisode(date(2015, 6, 1), date(2020, 1, 1), iro=1),  # in care all year, 10 at the end
        CareEpisode(date(2008, 3, 1), date(2019, 1, 1), date(2026, 3, 1)),  # left at 18, in the year
        CareEpisode(date(2025, 12, 1), date(2025, 12, 2), iro=1),  # a baby who came in
        CareEpisode(date(2012, 1, 1), date(2025, 4, 1), iro=2),  # came in on the first day
        CareEpisode(date(2011, 1, 1), date(2024, 1, 1), date(2026, 3, 31)),  # left on the last day
        CareEpisode(date(2010, 1, 1), date(2021, 1, 1), date(2025, 3, 31)),  # left the year before
        CareEpisode(date(2014, 1, 1), None),  # never in care: not counted anywhere
    ]
    figures = profile(episodes, START, END)
    assert figures.at_start == 4  # the first, second, fourth (came in 1 April) and fifth
    assert figures.at_end == 3
    assert figures.came_into_care == 2
    assert figures.left_care == 2
    assert figures.left_at_18 == 1
    assert figures.at_end_by_band == {"10 to 15": 2, "under 1": 1}
    assert figures.came_in_by_band == {"under 1": 1, "10 to 15": 1}
    assert figures.left_by_band == {"16 and over": 1, "10 to 15": 1}
    assert figures.at_end_by_iro == {1: 2, 2: 1}


def test_caseload_is_children_per_full_time_iro():
    assert caseload_per_full_time_iro(130, [100, 100, 60]) == 50.0
    assert caseload_per_full_time_iro(5, []) is None


def test_first_review_within_20_working_days_then_3_months_then_6():
    entered = date(2025, 6, 2)  # a Monday: 20 working days on is 30 June
    held = [date(2025, 6, 30), date(2025, 9, 30), date(2026, 3, 31), date(2026, 10, 1)]
    due = [t.due_on for t in timings(HeldReview(1, d, entered) for d in held)]
    assert due == [date(2025, 6, 30), date(2025, 9, 30), date(2026, 3, 30), date(2026, 9, 30)]


def test_a_late_review_is_counted_once_with_its_reason_and_moves_the_next_date():
    entered = date(2025, 6, 2)
    reviews = [
        HeldReview(1, date(2025, 7, 1), entered, "family"),  # a day late
        HeldReview(1, date(2025, 10, 1), entered),  # 3 months from the late one: on time
        HeldReview(2, date(2024, 1, 10), date(2023, 6, 1)),  # before the year: times the next one
        HeldReview(2, date(2025, 7, 11), date(2023, 6, 1), "iro"),  # their second, due 10 April 2024: late
        HeldReview(3, date(2025, 8, 1), None),  # no date of coming into care: cannot be timed
    ]
    summary = summarise(reviews, START, END)
    assert (summary.held, summary.on_time, summary.late, summary.children) == (3, 1, 2, 2)
    assert summary.by_position == {"first": (1, 0), "second": (2, 1), "later": (0, 0)}
    assert summary.late_reasons == {"family": 1, "iro": 1}


def test_bank_holidays_push_the_first_review_back():
    entered = date(2025, 12, 1)
    plain = timings([HeldReview(1, date(2026, 1, 1), entered)])[0].due_on
    with_holidays = timings(
        [HeldReview(1, date(2026, 1, 1), entered)],
        frozenset({date(2025, 12, 25), date(2025, 12, 26)}),
    )[0].due_on
    assert (plain, with_holidays) == (date(2025, 12, 29), date(2025, 12, 31))
