"""The shape of a drafted report: sections of sentences, tables and quotes.
Every figure in a sentence is also in one of the section's tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list[object]]
    chart_labels: list[str] = field(default_factory=list)
    chart_values: list[float] = field(default_factory=list)
    chart_unit: str = ""
    chart_percent: bool = False  # the values are shares: the axis runs 0 to 100%
    # Columns to show again for the year before, beside this year's (rows matched on their first cell).
    compare_columns: tuple[int, ...] = ()

    @property
    def has_chart(self) -> bool:
        return bool(self.chart_values)


@dataclass
class QuoteGroup:
    theme: str
    label: str
    quotes: list[str]  # the ones in the report
    candidates: list[Any] = field(default_factory=list)  # what the participation officer chooses from


@dataclass
class Section:
    number: int
    key: str
    title: str
    sentences: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    quotes: list[QuoteGroup] = field(default_factory=list)


@dataclass
class Report:
    year: int
    sections: list[Section]
    # Set when the year is still running: every figure is "so far", to this day.
    so_far_to: date | None = None

    @property
    def label(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


def year_bounds(year: int) -> tuple[date, date]:
    """A reporting year runs from 1 April to 31 March."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def year_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def last_complete_year(today: date | None = None) -> int:
    """The last reporting year (April to March) that has ended: the one reports are about."""
    return year_of(today or date.today()) - 1


def or_dash(value: float | None) -> float | str:
    """A figure, or a dash when there was nothing to count (0 and 0% are figures)."""
    return "–" if value is None else value


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None
