"""Date arithmetic written in SQL that SQLite and PostgreSQL both run, each
matching the Python it stands for (`analysis.review_timeliness.add_months`,
`forms.age_on`), so the database can do it over a whole caseload or year."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import case, extract
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ColumnElement, FunctionElement
from sqlalchemy.types import Date, Integer


class date_part(FunctionElement[int]):  # noqa: N801 (used like func.*)
    """The year, month or day of a date column as a whole number. PostgreSQL's
    EXTRACT gives an arbitrary-precision number, slow over a million rows:
    its date_part gives a float, about twice as fast (measured)."""

    type = Integer()
    inherit_cache = True

    def __init__(self, field: str, column: Any) -> None:
        self.field = field
        super().__init__(column)


@compiles(date_part)
def _date_part(element: date_part, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(extract(element.field, *element.clauses), **kw)


@compiles(date_part, "postgresql")
def _date_part_postgresql(element: date_part, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(date_part('{element.field}', {column}) AS INTEGER)"


def age_at(born: Any, on: Any) -> ColumnElement[Any]:
    """Whole years between two date columns, as `forms.age_on` counts them."""

    def month_day(column: Any) -> ColumnElement[Any]:
        return date_part("month", column) * 100 + date_part("day", column)

    before_birthday = case((month_day(on) < month_day(born), 1), else_=0)
    return date_part("year", on) - date_part("year", born) - before_birthday


class add_months(FunctionElement[date]):  # noqa: N801 (used like func.*)
    """A date column plus a whole number of months, kept on its day of the
    month or, past the month's end, on its last day: as
    `analysis.review_timeliness.add_months` counts, so the database can time a
    review due months after the one before."""

    type = Date()
    inherit_cache = True


@compiles(add_months, "postgresql")
def _add_months_postgresql(element: add_months, compiler: SQLCompiler, **kw: Any) -> str:
    day, months = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST({day} + make_interval(months => {months}) AS DATE)"  # PostgreSQL keeps to the month's end


@compiles(add_months, "sqlite")
def _add_months_sqlite(element: add_months, compiler: SQLCompiler, **kw: Any) -> str:
    day, months = (compiler.process(c, **kw) for c in element.clauses)
    # SQLite rolls 31 August + 6 months over into 3 March: take the earlier of
    # that and the last day of the month it should land in.
    return (
        f"min(date({day}, '+' || ({months}) || ' months'), "
        f"date({day}, 'start of month', '+' || (({months}) + 1) || ' months', '-1 day'))"
    )
