"""Bank holidays as data (portal/data/bank-holidays.toml), with the years they cover,
so working days never silently stop knowing them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

FILE = Path(__file__).parent / "data" / "bank-holidays.toml"
WARN_BEFORE = timedelta(days=365)


@dataclass(frozen=True)
class Holidays:
    region: str
    covers_from: date
    covers_to: date
    days: frozenset[date]


@cache
def load(path: Path = FILE) -> Holidays:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    days = frozenset(date.fromisoformat(d) for d in data["days"])
    covers_from, covers_to = date.fromisoformat(data["covers_from"]), date.fromisoformat(data["covers_to"])
    outside = sorted(d for d in days if not covers_from <= d <= covers_to)
    if outside:
        raise ValueError(f"{path}: {outside[0]} is outside the years the file says it covers")
    return Holidays(data["region"], covers_from, covers_to, days)


def bank_holidays() -> frozenset[date]:
    return load().days


def coverage_problem(today: date | None = None) -> str | None:
    """A message when the bank holidays run out within a year (or already have)."""
    today = today or date.today()
    covers_to = load().covers_to
    if today > covers_to:
        return f"bank holidays end on {covers_to}: working days are now counted without them"
    if today + WARN_BEFORE > covers_to:
        return f"bank holidays end on {covers_to}: add the next years to {FILE.name} before then"
    return None
