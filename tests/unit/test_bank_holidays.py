"""Working days need bank holidays: the data says which years it covers, and
this test fails a year before it runs out, while there is time to add more."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal import calendar_data
from portal.staff import schedule


def test_bank_holidays_are_known_for_at_least_another_year():
    holidays = calendar_data.load()
    assert holidays.covers_to - date.today() > timedelta(days=365), (
        f"add the next years' bank holidays to {calendar_data.FILE} (they end {holidays.covers_to})"
    )


def test_every_year_covered_has_its_christmas_and_new_year():
    holidays = calendar_data.load()
    for year in range(holidays.covers_from.year, holidays.covers_to.year + 1):
        in_year = [d for d in holidays.days if d.year == year]
        assert len(in_year) == 8 and any(d.month == 12 for d in in_year), year


def test_working_days_step_over_a_bank_holiday():
    assert schedule.add_working_days(date(2028, 12, 22), 1) == date(2028, 12, 27)  # Fri, then Wed


def test_check_warns_when_the_data_is_about_to_run_out():
    covers_to = calendar_data.load().covers_to
    assert calendar_data.coverage_problem(covers_to - timedelta(days=400)) is None
    assert "before then" in (calendar_data.coverage_problem(covers_to - timedelta(days=30)) or "")
    assert "without them" in (calendar_data.coverage_problem(covers_to + timedelta(days=1)) or "")


def test_a_file_with_a_day_outside_its_years_is_refused(tmp_path):
    bad = tmp_path / "holidays.toml"
    bad.write_text(
        'region = "x"\ncovers_from = "2024-01-01"\ncovers_to = "2024-12-31"\ndays = ["2025-01-01"]\n'
    )
    with pytest.raises(ValueError, match="outside"):
        calendar_data.load(bad)
