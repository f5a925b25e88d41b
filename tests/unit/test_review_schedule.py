from datetime import date, timedelta

import pytest

from analysis.review_timeliness import next_due
from portal.staff.schedule import BANK_HOLIDAYS, add_months, add_working_days, review_state


def test_twenty_working_days_skip_weekends_and_bank_holidays():
    # Came into care Monday 15 December 2025: Christmas, Boxing Day and New Year's Day are not counted.
    assert add_working_days(date(2025, 12, 15), 20) == date(2026, 1, 15)
    assert add_working_days(date(2026, 6, 1), 20) == date(2026, 6, 29)


def test_months_clamp_to_the_end_of_a_short_month():
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)


@pytest.mark.parametrize(
    ("held", "due"),
    [
        ([], date(2026, 6, 29)),
        ([date(2026, 6, 20)], date(2026, 9, 20)),
        ([date(2026, 6, 20), date(2026, 9, 18)], date(2027, 3, 18)),
    ],
)
def test_first_within_20_working_days_then_3_months_then_every_6(held, due):
    assert next_due(date(2026, 6, 1), held, BANK_HOLIDAYS) == due


def test_states():
    came = date(2026, 1, 5)
    assert review_state(came, [], date(2026, 1, 20)).state == "due_soon"
    assert review_state(came, [], date(2026, 3, 1)).state == "overdue"
    assert review_state(came, [date(2026, 1, 28)], date(2026, 1, 20)).state == "scheduled"
    late = review_state(came, [date(2026, 3, 10)], date(2026, 2, 20))
    assert late.state == "overdue" and late.scheduled_on == date(2026, 3, 10)
    assert review_state(came, [date(2026, 1, 28)], date(2026, 2, 2)).state == "not_due"


def test_working_days_agree_with_counting_one_day_at_a_time():
    """Jumping whole weeks must land where walking day by day does, from any
    weekday or weekend, over bank holidays and across the new year."""
    import random

    from analysis.review_timeliness import add_working_days as jumping
    from portal import calendar_data

    holidays = calendar_data.bank_holidays()

    def walking(start: date, days: int) -> date:
        current = start
        while days:
            current += timedelta(days=1)
            if current.weekday() < 5 and current not in holidays:
                days -= 1
        return current

    rng = random.Random(0)
    for _ in range(3000):
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(365 * 4))
        days = rng.choice([1, 4, 5, 6, 10, 15, 20, 21, rng.randrange(1, 90)])
        assert jumping(start, days, holidays) == walking(start, days), (start, days)
    assert jumping(date(2026, 3, 2), 0, holidays) == date(2026, 3, 2)
