"""The figures behind the themes explorer, from stored codes (corrections
first), never re-reading everyone's text. Any group of fewer than 5 people
is suppressed, so no one can be picked out (analysis.small_numbers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from analysis import small_numbers
from forms import age_on
from portal import coding
from portal.insights.masking import mask
from portal.models import AnswerCoding, Child, Invitation, Meeting, Response, SafeguardingFlag, StaffUser

SMALLEST_GROUP = small_numbers.SMALLEST_GROUP
AGE_BANDS = ("4-7", "8-12", "13+")


def age_band(age: int | None) -> str:
    if age is None:
        return ""
    return "4-7" if age <= 7 else "8-12" if age <= 12 else "13+"


@dataclass
class Filters:
    start: date
    end: date
    audience: str = ""
    age_band: str = ""
    team: str = ""
    sentiment: str = ""
    theme: str = ""
    granularity: str = "month"


@dataclass
class Row:
    response_id: int
    question_id: str
    audience: str
    age_band: str
    team: str
    submitted_at: datetime
    text: str
    themes: tuple[str, ...]
    sentiment: str
    evidence: dict[str, Any]
    names: list[str] = field(default_factory=list)
    flagged: bool = False  # raised a safeguarding flag, acknowledged or not: never a quote
    person: str = ""  # the same for every answer one person gave: groups are counted in people


def _person(invitation: Invitation, child: Child | None, response: Response) -> str:
    if invitation.audience == "child" and child is not None:
        return f"child-{child.id}"
    if invitation.person_id is not None:
        return f"person-{invitation.person_id}"
    return f"response-{response.id}"  # a parent by a conference's shared link: each form one person


def load_rows(db_session: Session, filters: Filters, response_ids: list[int] | None = None) -> list[Row]:
    """Every coded answer in the period that matches the filters, with the codes
    in force; only the given responses when ``response_ids`` is set."""
    query = (
        select(AnswerCoding, Response, Invitation, Meeting, Child, StaffUser)
        .join(Response, AnswerCoding.response_id == Response.id)
        .join(Invitation, Response.invitation_id == Invitation.id)
        .join(Meeting, Invitation.meeting_id == Meeting.id)
        .join(StaffUser, Meeting.chair_id == StaffUser.id)
        .outerjoin(Child, Meeting.child_id == Child.id)
        .where(
            AnswerCoding.analysed,
            Response.submitted_at >= datetime.combine(filters.start, time.min),
            Response.submitted_at < datetime.combine(filters.end + timedelta(days=1), time.min),
        )
    )
    query = query.options(selectinload(Child.people))  # names to hide, fetched together
    if response_ids is not None:
        query = query.where(Response.id.in_(response_ids))
    if filters.audience:
        query = query.where(Invitation.audience == filters.audience)
    if filters.team:
        query = query.where(Child.team == filters.team)
    found = db_session.execute(query).all()
    corrections = coding.corrections_for(db_session, list({c.response_id for c, *_ in found}))
    flagged = flagged_answers(db_session, list({c.response_id for c, *_ in found}))
    rows = []
    for answer, response, invitation, meeting, child, chair in found:
        codes = coding.effective(answer, corrections.get((answer.response_id, answer.question_id)))
        band = (
            age_band(age_on(child.date_of_birth, meeting.held_on))
            if child and invitation.audience == "child"
            else ""
        )
        if filters.age_band and band != filters.age_band:
            continue
        if filters.sentiment and codes.sentiment != filters.sentiment:
            continue
        names = [chair.name]
        if child is not None:
            names += [child.first_name, child.last_name, child.preferred_name] + [
                p.name for p in child.people
            ]
        rows.append(
            Row(
                answer.response_id,
                answer.question_id,
                invitation.audience,
                band,
                child.team if child else "",
                response.submitted_at,
                coding.answer_text(response.answers, answer.question_id),
                codes.themes,
                codes.sentiment,
                answer.evidence,
                names,
                answer.safeguarding or (answer.response_id, answer.question_id) in flagged,
                _person(invitation, child, response),
            )
        )
    return rows


def flagged_answers(db_session: Session, response_ids: list[int]) -> set[tuple[int, str]]:
    """(response id, question id) of every answer a safeguarding flag was raised on,
    whether or not a person has acknowledged it, and whatever a later recode said."""
    found: set[tuple[int, str]] = set()
    ids = sorted(set(response_ids))
    for start in range(0, len(ids), coding.CHUNK):
        chunk = ids[start : start + coding.CHUNK]
        for response_id, question_ids in db_session.execute(
            select(SafeguardingFlag.response_id, SafeguardingFlag.question_ids).where(
                SafeguardingFlag.response_id.in_(chunk)
            )
        ):
            found.update((response_id, q) for q in question_ids)
        for response_id, question_id in db_session.execute(
            select(AnswerCoding.response_id, AnswerCoding.question_id).where(
                AnswerCoding.response_id.in_(chunk), AnswerCoding.safeguarding
            )
        ):
            found.add((response_id, question_id))
    return found


@dataclass
class ThemeCount:
    theme: str
    count: int | None  # people; None when fewer than 5: suppressed
    positive: int | None
    negative: int | None


def shown(count: int) -> int | None:
    return small_numbers.shown(count)


def theme_counts(rows: list[Row], themes: list[str]) -> list[ThemeCount]:
    """People per theme, and of them how many wrote positively and negatively:
    each group shown only when it has 5 people or more."""
    figures = small_numbers.theme_figures(((r.person, r.themes, r.sentiment) for r in rows), themes)
    result = [
        ThemeCount(
            f.theme,
            f.shown_people,
            shown(f.positive_people) if f.shown_people else None,
            shown(f.negative_people) if f.shown_people else None,
        )
        for f in figures
    ]
    people = {f.theme: f.people for f in figures}
    return sorted(result, key=lambda c: -people[c.theme])


def period_label(moment: datetime, granularity: str) -> str:
    if granularity == "quarter":
        return f"{moment.year} Q{(moment.month - 1) // 3 + 1}"
    return f"{moment.year}-{moment.month:02d}"


def trend(rows: list[Row], theme: str, granularity: str) -> list[tuple[str, int | None]]:
    """People writing on the theme in each period."""
    people: dict[str, set[str]] = {}
    for row in rows:
        if theme in row.themes:
            people.setdefault(period_label(row.submitted_at, granularity), set()).add(row.person)
    return [(period, shown(len(who))) for period, who in sorted(people.items())]


@dataclass
class Quote:
    response_id: int
    question_id: str
    text: str
    sentiment: str
    themes: tuple[str, ...]


def quotes(rows: list[Row], theme: str, limit: int = 5) -> list[Quote]:
    """Short, clear examples for a theme, identities hidden; none from a group
    under 5, and never an answer that raised a safeguarding flag."""
    matching = [r for r in rows if theme in r.themes]
    evidence = lambda r: len((r.evidence.get("themes") or {}).get(theme, []))  # noqa: E731
    matching.sort(key=lambda r: (-evidence(r), abs(len(r.text) - 80)))
    return representative(matching, limit)


def comments(rows: list[Row], question_id: str, limit: int = 5) -> list[Quote]:
    """Examples of what people wrote in answer to one question (parents'
    comments after a conference, say), chosen and hidden as quotes are."""
    matching = sorted((r for r in rows if r.question_id == question_id), key=lambda r: abs(len(r.text) - 80))
    return representative(matching, limit)


def representative(matching: list[Row], limit: int) -> list[Quote]:
    """Up to ``limit`` of the answers, in the order given: each text once (many
    children write "I want to see my mum more"), the negative ones in
    proportion to the group's own mix, names hidden; none when fewer than 5
    people wrote them, and never an answer that raised a safeguarding flag."""
    matching = [r for r in matching if r.text.strip() and not r.flagged]
    if shown(len({r.person for r in matching})) is None:
        return []
    distinct: list[Row] = []
    seen: set[str] = set()
    for row in matching:
        key = " ".join(mask(row.text, row.names).lower().split())
        if key not in seen:
            seen.add(key)
            distinct.append(row)
    negative_share = sum(r.sentiment == "negative" for r in matching) / len(matching)
    wanted_negative = round(limit * negative_share)
    negatives = [r for r in distinct if r.sentiment == "negative"][:wanted_negative]
    others = [r for r in distinct if r.sentiment != "negative"][: limit - len(negatives)]
    picked = negatives + others
    picked += [r for r in distinct if r not in picked][: limit - len(picked)]  # too few of one kind
    chosen = sorted(picked, key=distinct.index)
    return [Quote(r.response_id, r.question_id, mask(r.text, r.names), r.sentiment, r.themes) for r in chosen]
