"""Reading people's input from addresses and forms: out-of-range values are
treated as absent (or refused with a message), never a server error."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
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


# Control characters other than tab and line breaks: nobody types them, no page
# can show them, and PostgreSQL refuses a NUL in text (a server error, and the
# rest of the answer lost with it).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_control_characters(value: str) -> str:
    return _CONTROL.sub("", value)


class CleanMultiDict(ImmutableMultiDict[str, Any]):
    """Form fields and query values with control characters taken out as they are read."""

    def __init__(self, mapping: Any = None) -> None:
        super().__init__(_clean_pairs(mapping) if mapping is not None else None)


def _clean_pairs(mapping: Any) -> Iterable[tuple[str, Any]]:
    if hasattr(mapping, "items"):
        pairs = mapping.items(multi=True) if isinstance(mapping, MultiDict) else mapping.items()
    else:
        pairs = mapping
    for key, value in pairs:
        yield (
            without_control_characters(key),
            without_control_characters(value) if isinstance(value, str) else value,
        )


class CleanRequest(Request):
    parameter_storage_class = CleanMultiDict
