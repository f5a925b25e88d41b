"""Counting done by the database: the report's figures are sums and groups, so a
national year never has to be loaded into Python (time and memory stay flat in
the number of reviews). Written in SQL that SQLite and PostgreSQL both run."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import and_, case, func, literal, or_, select, text, true
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.expression import ColumnElement, Subquery

from analysis.small_numbers import ThemeFigures
from portal.models import AnswerCoding, CodingCorrection
from portal.report.model import year_bounds

T = TypeVar("T")
# Memory each sort or hash of the report's queries may use before spilling to
# disk (PostgreSQL's default is 4 MB): the report is a handful of queries
# run one at a time by one person, so it can have more than a page's queries.
REPORT_WORK_MEM = "64MB"
# What the planner reckons it costs to pass a row from a parallel worker back
# (PostgreSQL's default is 0.1). The report groups by worked-out values (the
# reporting year, a child's age) whose number PostgreSQL cannot estimate, so it
# guesses one group a row, prices handing them all back at the default far
# above their real cost, and joins a million invitations in one process.
# Measured: children's consultations by age 1.19 s at 0.1, 0.65 s at 0.01.
REPORT_PARALLEL_TUPLE_COST = "0.01"
_MEMO = "report_two_years"


@contextmanager
def one_report(db_session: Session) -> Iterator[None]:
    """Inside: figures fetched for two years at once are kept, so the year
    before (shown beside each year) is read in the same pass, not again.

    On PostgreSQL the report's queries also run without JIT compilation (a
    JSON list's elements are estimated at 100 a row, so the planner prices
    these queries far above their real cost and would spend longer compiling
    them than running them: measured, 1.9 s of a 2.1 s query), with
    `REPORT_WORK_MEM` for their sorts, and with parallel workers priced as
    `REPORT_PARALLEL_TUPLE_COST` says."""
    if db_session.get_bind().dialect.name == "postgresql":
        db_session.execute(text("SET LOCAL jit = off"))  # this transaction only
        db_session.execute(text(f"SET LOCAL work_mem = '{REPORT_WORK_MEM}'"))
        db_session.execute(text(f"SET LOCAL parallel_tuple_cost = {REPORT_PARALLEL_TUPLE_COST}"))
    db_session.info[_MEMO] = {}
    try:
        yield
    finally:
        db_session.info.pop(_MEMO, None)


def one_year(db_session: Session, name: str, year: int, fetch: Callable[[int], dict[int, T]]) -> T:
    """A year's figures. ``fetch(year)`` reads the year and the year before in
    one pass and returns {year - 1: ..., year: ...}; inside `one_report` the
    year before's are kept, so the comparison asks the database nothing."""
    memo: dict[tuple[str, int], Any] | None = db_session.info.get(_MEMO)
    if memo is not None and (name, year) in memo:
        return memo[(name, year)]
    fetched = fetch(year)
    if memo is not None:
        memo.update({(name, y): figures for y, figures in fetched.items()})
    return fetched[year]


def year_moments(year: int) -> tuple[datetime, datetime]:
    """A reporting year as moments: from its first midnight to the next year's."""
    return (
        datetime.combine(year_bounds(year)[0], datetime.min.time()),
        datetime.combine(year_bounds(year + 1)[0], datetime.min.time()),
    )


def reporting_year(column: Any, year: int, moments: bool = False) -> ColumnElement[int]:
    """Which of two reporting years (``year`` or the one before) a day, or a
    moment when ``moments``, falls in; the caller keeps to the two years."""
    start: date | datetime = year_moments(year)[0] if moments else year_bounds(year)[0]
    return case((column >= start, literal(year)), else_=literal(year - 1))


def both_years(column: Any, year: int) -> ColumnElement[bool]:
    """The days of ``year`` and the year before (a date column)."""
    return and_(column >= year_bounds(year - 1)[0], column <= year_bounds(year)[1])


def list_elements(db_session: Session, json_list: Any) -> tuple[Any, ColumnElement[bool]]:
    """A JSON list column as a table of its elements (column "value"), to join
    beside its row, and a condition true on one joined row per list (its first
    element, or the lone row of an empty list when outer-joined): each database
    names these differently."""
    if db_session.get_bind().dialect.name == "postgresql":
        elements = (
            func.jsonb_array_elements_text(json_list)
            .table_valued("value", with_ordinality="position")
            .render_derived()
        )
        return elements, or_(elements.c.position.is_(None), elements.c.position == 1)
    elements = func.json_each(json_list).table_valued("value", "key")
    return elements, or_(elements.c.key.is_(None), elements.c.key == 0)


def child_codes(year: int, with_year_before: bool = False) -> Subquery:
    """Every coded answer children sent in a reporting year (and the year before,
    when asked): (response_id, child_id, themes, sentiment, year), a person's
    newest correction in the coder's place."""
    begin, finish = year_moments(year - 1 if with_year_before else year)[0], year_moments(year)[1]
    latest = (
        select(
            CodingCorrection.response_id,
            CodingCorrection.question_id,
            func.max(CodingCorrection.id).label("id"),
        )
        .group_by(CodingCorrection.response_id, CodingCorrection.question_id)
        .subquery()
    )
    correction = aliased(CodingCorrection)
    return (
        select(
            AnswerCoding.response_id,
            AnswerCoding.child_id,
            func.coalesce(correction.themes, AnswerCoding.themes).label("themes"),
            func.coalesce(correction.sentiment, AnswerCoding.sentiment).label("sentiment"),
            reporting_year(AnswerCoding.submitted_at, year, moments=True).label("year"),
        )
        .outerjoin(
            latest,
            and_(
                latest.c.response_id == AnswerCoding.response_id,
                latest.c.question_id == AnswerCoding.question_id,
            ),
        )
        .outerjoin(correction, correction.id == latest.c.id)
        .where(
            AnswerCoding.audience == "child",
            AnswerCoding.analysed,
            AnswerCoding.submitted_at >= begin,
            AnswerCoding.submitted_at < finish,
        )
        .subquery()
    )


@dataclass
class ThemeTally:
    answers: int = 0
    themes: dict[str, ThemeFigures] = field(default_factory=dict)

    def figures(self, theme: str) -> ThemeFigures:
        return self.themes.get(theme) or ThemeFigures(theme, 0, 0, 0, 0, 0, 0)


def tally_themes(db_session: Session, codes: Subquery) -> dict[int, ThemeTally]:
    """Each year's answers in all, and per theme the answers and distinct
    children, in all and positive and negative: one pass over the answers,
    each beside its themes. Children, not answers, decide what is shown."""
    theme, first = list_elements(db_session, codes.c.themes)
    child = codes.c.child_id

    def children_where(condition: ColumnElement[bool]) -> ColumnElement[Any]:
        return func.count(func.distinct(case((condition, child))))

    positive, negative = codes.c.sentiment == "positive", codes.c.sentiment == "negative"
    rows = db_session.execute(
        select(
            codes.c.year,
            theme.c.value,
            func.sum(case((first, 1), else_=0)),
            func.count(theme.c.value),
            func.count(func.distinct(child)),
            func.sum(case((positive, 1), else_=0)),
            children_where(positive),
            func.sum(case((negative, 1), else_=0)),
            children_where(negative),
        )
        .select_from(codes)
        .outerjoin(theme, true())
        .group_by(codes.c.year, theme.c.value)
    )
    tallies: dict[int, ThemeTally] = {}
    for year, value, answers, count, children, pos, pos_children, neg, neg_children in rows:
        tally = tallies.setdefault(int(year), ThemeTally())
        tally.answers += int(answers or 0)
        if value is not None:  # the group of answers with no theme
            tally.themes[value] = ThemeFigures(
                value,
                int(count),
                int(children),
                int(pos or 0),
                int(pos_children or 0),
                int(neg or 0),
                int(neg_children or 0),
            )
    return tallies


def children_answering(db_session: Session, begin: datetime, finish: datetime) -> int:
    """Distinct children whose coded answers were sent between two moments
    (without the corrections and themes, which change no one's having answered)."""
    return int(
        db_session.scalar(
            select(func.count(func.distinct(AnswerCoding.child_id))).where(
                AnswerCoding.audience == "child",
                AnswerCoding.analysed,
                AnswerCoding.submitted_at >= begin,
                AnswerCoding.submitted_at < finish,
            )
        )
        or 0
    )


def responses_with_theme(db_session: Session, codes: Subquery, theme: str, limit: int) -> list[int]:
    """The first responses (by id) with an answer in the theme: the pool quotes are proposed from."""
    element, _first = list_elements(db_session, codes.c.themes)
    return list(
        db_session.scalars(
            select(codes.c.response_id)
            .select_from(codes)
            .join(element, true())
            .where(element.c.value == theme)
            .group_by(codes.c.response_id)
            .order_by(codes.c.response_id)
            .limit(limit)
        )
    )
