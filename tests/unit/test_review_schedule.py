from datetime import date

import pytest

from portal.staff.schedule import add_months, add_working_days, next_due, review_state


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
    assert next_due(date(2026, 6, 1), held) == due


def test_states():
    came = date(2026, 1, 5)
    assert review_state(came, [], date(2026, 1, 20)).state == "due_soon"
    assert review_state(came, [], date(2026, 3, 1)).state == "overdue"
    assert review_state(came, [date(2026, 1, 28)], date(2026, 1, 20)).state == "scheduled"
    late = review_state(came, [date(2026, 3, 10)], date(2026, 2, 20))
    assert late.state == "overdue" and late.scheduled_on == date(2026, 3, 10)
    assert review_state(came, [date(2026, 1, 28)], date(2026, 2, 2)).state == "not_due"
