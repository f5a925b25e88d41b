"""Counting done by the database: the report's figures are sums and groups, so a
national year never has to be loaded into Python (time and memory stay flat in
the number of reviews). Written in SQL that SQLite and PostgreSQL both run."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, extract, func, or_, select, true
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.expression import ColumnElement, Subquery

from analysis.small_numbers import ThemeFigures
from portal.models import AnswerCoding, CodingCorrection, Invitation, Meeting, Response


def age_at(born: Any, on: Any) -> ColumnElement[Any]:
    """Whole years between two date columns, as `forms.age_on` counts them."""

    def month_day(column: Any) -> ColumnElement[Any]:
        return extract("month", column) * 100 + extract("day", column)

    before_birthday = case((month_day(on) < month_day(born), 1), else_=0)
    return extract("year", on) - extract("year", born) - before_birthday


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


def child_codes(begin: datetime, finish: datetime) -> Subquery:
    """Every coded answer children sent between two moments: (response_id,
    child_id, themes, sentiment), a person's newest correction in the coder's place."""
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
            Meeting.child_id,
            func.coalesce(correction.themes, AnswerCoding.themes).label("themes"),
            func.coalesce(correction.sentiment, AnswerCoding.sentiment).label("sentiment"),
        )
        .join(Response, AnswerCoding.response_id == Response.id)
        .join(Invitation, Response.invitation_id == Invitation.id)
        .join(Meeting, Invitation.meeting_id == Meeting.id)
        .outerjoin(
            latest,
            and_(
                latest.c.response_id == AnswerCoding.response_id,
                latest.c.question_id == AnswerCoding.question_id,
            ),
        )
        .outerjoin(correction, correction.id == latest.c.id)
        .where(
            Invitation.audience == "child",
            AnswerCoding.analysed,
            Response.submitted_at >= begin,
            Response.submitted_at < finish,
        )
        .subquery()
    )


@dataclass
class ThemeTally:
    answers: int = 0
    themes: dict[str, ThemeFigures] = field(default_factory=dict)

    def figures(self, theme: str) -> ThemeFigures:
        return self.themes.get(theme) or ThemeFigures(theme, 0, 0, 0, 0, 0, 0)


def tally_themes(db_session: Session, codes: Subquery) -> ThemeTally:
    """Answers in all, and per theme the answers and distinct children, in
    all and positive and negative: one pass over the answers, each beside its
    themes. Children, not answers, decide what is shown."""
    theme, first = list_elements(db_session, codes.c.themes)
    child = codes.c.child_id

    def children_where(condition: ColumnElement[bool]) -> ColumnElement[Any]:
        return func.count(func.distinct(case((condition, child))))

    positive, negative = codes.c.sentiment == "positive", codes.c.sentiment == "negative"
    rows = db_session.execute(
        select(
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
        .group_by(theme.c.value)
    )
    tally = ThemeTally()
    for value, answers, count, children, pos, pos_children, neg, neg_children in rows:
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
    return tally


def children_answering(db_session: Session, begin: datetime, finish: datetime) -> int:
    """Distinct children whose coded answers were sent between two moments
    (without the corrections and themes, which change no one's having answered)."""
    return int(
        db_session.scalar(
            select(func.count(func.distinct(Meeting.child_id)))
            .select_from(AnswerCoding)
            .join(Response, AnswerCoding.response_id == Response.id)
            .join(Invitation, Response.invitation_id == Invitation.id)
            .join(Meeting, Invitation.meeting_id == Meeting.id)
            .where(
                Invitation.audience == "child",
                AnswerCoding.analysed,
                Response.submitted_at >= begin,
                Response.submitted_at < finish,
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
