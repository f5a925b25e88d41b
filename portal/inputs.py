"""Reading people's input from addresses and forms: out-of-range values are
treated as absent (or refused with a message), never a server error."""

from __future__ import annotations

from datetime import date, datetime

from werkzeug.routing import IntegerConverter

FIRST_YEAR, LAST_YEAR = 1900, 2200
LAST_PAGE = 100_000
DATABASE_INT = 2**31 - 1  # the largest id a database integer column holds


def day(text: str | None) -> date | None:
    """A date written like 2025-04-01, within years a service could mean."""
    try:
        parsed = datetime.strptime((text or "").strip(), "%Y-%m-%d").date()
    except ValueError:
        return None
    return parsed if FIRST_YEAR <= parsed.year <= LAST_YEAR else None


def page_number(text: str | None) -> int:
    """A page of a list, from 1; anything else is the first page."""
    text = (text or "").strip()
    if not text.isdigit() or len(text) > 6:
        return 1
    return min(max(1, int(text)), LAST_PAGE)


def sensible_year(year: int | None) -> bool:
    return year is not None and 2000 <= year <= LAST_YEAR


class DatabaseInt(IntegerConverter):
    """``<int:...>`` in a route: an id too large for the database is simply not found."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002
        kwargs.setdefault("max", DATABASE_INT)
        super().__init__(map, *args, **kwargs)
