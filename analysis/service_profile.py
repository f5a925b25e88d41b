"""Who the service looked after in a year: children in care at its start and
end, children who came into care and who left, by age band, and caseloads per
full-time IRO. Plain records in, plain counts out.

A child is in care on a day when they came into care on or before it and had
not left by it (a child who leaves on 31 March is not in care at the year's end)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

# The bands the DfE's children looked after statistics use.
AGE_BANDS = ("under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over")


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_band(age: int) -> str:
    if age < 1:
        return AGE_BANDS[0]
    if age < 5:
        return AGE_BANDS[1]
    if age < 10:
        return AGE_BANDS[2]
    if age < 16:
        return AGE_BANDS[3]
    return AGE_BANDS[4]


@dataclass(frozen=True)
class CareEpisode:
    born: date
    came_into_care_on: date | None
    left_care_on: date | None = None
    iro: int | None = None

    def in_care_on(self, day: date) -> bool:
        entered, left = self.came_into_care_on, self.left_care_on
        return entered is not None and entered <= day and (left is None or left > day)


@dataclass
class ServiceProfile:
    at_start: int = 0
    at_end: int = 0
    came_into_care: int = 0
    left_care: int = 0
    left_at_18: int = 0
    # Age bands: of the children in care at the year's end (their age that day),
    # of those who came in (age on coming in) and of those who left (age on leaving).
    at_end_by_band: Counter[str] = field(default_factory=Counter)
    came_in_by_band: Counter[str] = field(default_factory=Counter)
    left_by_band: Counter[str] = field(default_factory=Counter)
    # Children in care at the year's end by the IRO they were allocated to.
    at_end_by_iro: Counter[int] = field(default_factory=Counter)


def profile(episodes: Iterable[CareEpisode], start: date, end: date) -> ServiceProfile:
    """The year's figures, from 'start' to 'end' inclusive."""
    figures = ServiceProfile()
    for episode in episodes:
        entered, left = episode.came_into_care_on, episode.left_care_on
        if entered is None:
            continue
        if episode.in_care_on(start):
            figures.at_start += 1
        if episode.in_care_on(end):
            figures.at_end += 1
            figures.at_end_by_band[age_band(age_on(episode.born, end))] += 1
            if episode.iro is not None:
                figures.at_end_by_iro[episode.iro] += 1
        if start <= entered <= end:
            figures.came_into_care += 1
            figures.came_in_by_band[age_band(age_on(episode.born, entered))] += 1
        if left is not None and start <= left <= end and entered <= left:
            figures.left_care += 1
            figures.left_by_band[age_band(age_on(episode.born, left))] += 1
            if age_on(episode.born, left) >= 18:
                figures.left_at_18 += 1
    return figures


def caseload_per_full_time_iro(children: int, fte_percents: Iterable[int]) -> float | None:
    """Children per full-time-equivalent IRO (the IRO Handbook suggests 50 to 70)."""
    full_time = sum(fte_percents) / 100
    return round(children / full_time, 1) if full_time else None
