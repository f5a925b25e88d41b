"""The IRO's caseload: upcoming meetings with the state of every consultation,
reviews coming due or overdue, and sends that failed."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, case, func, or_, select, true
from sqlalchemy.orm import Session, selectinload

from analysis import review_timeliness
from portal import sql_dates
from portal.models import (
    Child,
    Invitation,
    Meeting,
    OutboundMessage,
    Person,
    Response,
    SafeguardingFlag,
    StaffUser,
    utcnow,
)
from portal.staff import permissions
from portal.staff.schedule import DUE_SOON_DAYS, ReviewDue, state_of

# What the upcoming meetings can be narrowed to (the caseload's "Show" filter).
SHOW = ("all", "flags", "none_sent", "waiting", "sent_back")
UPCOMING_DAYS = 60
PAGE = 50  # upcoming meetings a page: a caseload of thousands stays quick to open


@dataclass
class ConsultationState:
    audience: str
    who: str
    status: str
    invitation: Invitation | None
    person: Person | None = None


@dataclass
class CaseloadMeeting:
    meeting: Meeting
    consultations: list[ConsultationState] = field(default_factory=list)


@dataclass
class ChildDue:
    child: Child
    due: ReviewDue


@dataclass
class Caseload:
    meetings: list[CaseloadMeeting]
    due: list[ChildDue]
    failed_sends: list[OutboundMessage]
    flags: list[SafeguardingFlag]
    page: int = 1
    meetings_total: int = 0
    due_page: int = 1
    due_total: int = 0
    show: str = "all"
    chair_id: int | None = None

    @property
    def more(self) -> bool:
        return self.page * PAGE < self.meetings_total

    @property
    def due_more(self) -> bool:
        return self.due_page * PAGE < self.due_total

    @property
    def due_first(self) -> int:
        """The place of the first review due on this page, from 1."""
        return (self.due_page - 1) * PAGE + 1

    @property
    def meeting_pages_args(self) -> dict[str, Any]:
        """What the meetings' pager keeps: the filters, and the page of reviews due."""
        return self._filters() | ({"due_page": self.due_page} if self.due_page > 1 else {})

    @property
    def due_pages_args(self) -> dict[str, Any]:
        """What the reviews-due pager keeps: the filters, and the page of meetings."""
        return self._filters() | ({"page": self.page} if self.page > 1 else {})

    def _filters(self) -> dict[str, Any]:
        return ({"show": self.show} if self.show != "all" else {}) | (
            {"iro": self.chair_id} if self.chair_id else {}
        )


def consultation_states(meeting: Meeting, invitations: list[Invitation]) -> list[ConsultationState]:
    """One row for the child and one for each carer and parent, sent or not."""
    now = utcnow()
    latest: dict[tuple[str, int | None], Invitation] = {}
    for invitation in sorted(invitations, key=lambda i: i.id):
        latest[(invitation.audience, invitation.person_id)] = invitation
    rows: list[ConsultationState] = []
    child = meeting.child
    if child is not None:
        found = latest.get(("child", None))
        rows.append(
            ConsultationState("child", child.known_as, found.status(now) if found else "not_sent", found)
        )
        for person in child.people:
            if person.role in ("carer", "parent"):
                found = latest.get((person.role, person.id))
                rows.append(
                    ConsultationState(
                        person.role,
                        person.picker_label,
                        found.status(now) if found else "not_sent",
                        found,
                        person,
                    )
                )
    return rows


def _shown(show: str) -> ColumnElement[bool]:
    """Meetings whose consultations are in the state asked for, as SQL (no row by row)."""
    asked = select(Invitation.id).where(Invitation.meeting_id == Meeting.id, Invitation.revoked_at.is_(None))
    sent_back = asked.where(Invitation.submitted_at.is_not(None))
    flagged = (
        select(SafeguardingFlag.id)
        .join(Response, SafeguardingFlag.response_id == Response.id)
        .join(Invitation, Response.invitation_id == Invitation.id)
        .where(Invitation.meeting_id == Meeting.id, SafeguardingFlag.acknowledged_at.is_(None))
    )
    return {
        "flags": flagged.exists(),
        "none_sent": ~asked.where(
            or_(Invitation.sent_at.is_not(None), Invitation.submitted_at.is_not(None))
        ).exists(),
        "waiting": asked.where(Invitation.sent_at.is_not(None), Invitation.submitted_at.is_(None)).exists(),
        "sent_back": sent_back.exists(),
    }.get(show, true())


def build(
    db_session: Session,
    user: StaffUser,
    today: date | None = None,
    page: int = 1,
    show: str = "all",
    chair_id: int | None = None,
    due_page: int = 1,
) -> Caseload:
    today = today or date.today()
    upcoming = [
        permissions.meeting_filter(db_session, user),
        Meeting.held_on >= today,
        Meeting.held_on <= today + timedelta(days=UPCOMING_DAYS),
        _shown(show),
    ]
    if chair_id is not None:
        upcoming.append(Meeting.chair_id == chair_id)
    total = db_session.scalar(select(func.count(Meeting.id)).where(*upcoming)) or 0
    meetings = db_session.scalars(
        select(Meeting)
        .where(*upcoming)
        .options(selectinload(Meeting.child).selectinload(Child.people))
        .order_by(Meeting.held_on, Meeting.id)
        .offset((page - 1) * PAGE)
        .limit(PAGE)
    ).all()
    invitations = db_session.scalars(
        select(Invitation).where(Invitation.meeting_id.in_([m.id for m in meetings]))
    ).all()
    by_meeting: dict[int, list[Invitation]] = {}
    for invitation in invitations:
        by_meeting.setdefault(invitation.meeting_id, []).append(invitation)
    rows = [CaseloadMeeting(m, consultation_states(m, by_meeting.get(m.id, []))) for m in meetings]
    due, due_total, due_page = _reviews_due(db_session, user, today, due_page)
    return Caseload(
        rows,
        due,
        _failed_sends(db_session, meetings),
        open_flags(db_session, user),
        page=page,
        meetings_total=total,
        due_page=due_page,
        due_total=due_total,
        show=show if show in SHOW else "all",
        chair_id=chair_id,
    )


def open_flags(db_session: Session, user: StaffUser) -> list[SafeguardingFlag]:
    """Every flag no person has acknowledged yet, on meetings this person may see."""
    return list(
        db_session.scalars(
            select(SafeguardingFlag)
            .join(Response, SafeguardingFlag.response_id == Response.id)
            .join(Invitation, Response.invitation_id == Invitation.id)
            .join(Meeting, Invitation.meeting_id == Meeting.id)
            .where(SafeguardingFlag.acknowledged_at.is_(None), permissions.meeting_filter(db_session, user))
            # Loaded with the flags: the list shows each child's name without a query a row.
            .options(
                selectinload(SafeguardingFlag.response)
                .selectinload(Response.invitation)
                .selectinload(Invitation.meeting)
                .selectinload(Meeting.child)
            )
            .order_by(SafeguardingFlag.raised_at)
        )
    )


def _reviews_due(
    db_session: Session, user: StaffUser, today: date, page: int
) -> tuple[list[ChildDue], int, int]:
    """The children in care whose next review is due soon or overdue, soonest
    first (a page of `PAGE` of them, the last page when asked for one past
    it), how many there are in all, and the page shown. Only the children
    shown are loaded, so a whole service of thousands stays quick."""
    states = [
        (child_id, state_of(came_in, count, last, upcoming, today))
        for child_id, came_in, count, last, upcoming in _review_counts(db_session, user, today)
    ]
    due = sorted(
        ((child_id, state) for child_id, state in states if state.state in ("overdue", "due_soon")),
        key=lambda item: item[1].due_on,
    )
    page = min(page, max(1, math.ceil(len(due) / PAGE)))
    shown = due[(page - 1) * PAGE : page * PAGE]
    children = {
        c.id: c for c in db_session.scalars(select(Child).where(Child.id.in_([i for i, _s in shown])))
    }
    return [ChildDue(children[child_id], state) for child_id, state in shown], len(due), page


def _review_counts(db_session: Session, user: StaffUser, today: date) -> Sequence[Row[*tuple[Any, ...]]]:
    """For each child in care this person may see, by id: (id, day they came
    into care, reviews held since, the last of them, the next one booked).
    Children whose next review is months away, or booked in time, are left out."""
    held = and_(Meeting.held_on >= Child.came_into_care_on, Meeting.held_on <= today)
    held_count = func.count(case((held, Meeting.id)))
    last_held = func.max(case((held, Meeting.held_on)))
    booked = func.min(case((Meeting.held_on > today, Meeting.held_on)))
    # A sieve, not the rule: the schedule's months after the last review, in the
    # same arithmetic as schedule.due_date, drop the children plainly not due;
    # state_of decides for every child that is left.
    months = case(
        (held_count == 1, review_timeliness.SECOND_REVIEW_MONTHS), else_=review_timeliness.LATER_REVIEW_MONTHS
    )
    due_by = sql_dates.add_months(last_held, months)
    may_be_due = or_(
        held_count == 0,
        and_(due_by <= today + timedelta(days=DUE_SOON_DAYS), or_(booked.is_(None), booked > due_by)),
    )
    return db_session.execute(
        select(Child.id, Child.came_into_care_on, held_count, last_held, booked)
        .outerjoin(Meeting, and_(Meeting.child_id == Child.id, Meeting.kind == "looked_after_review"))
        .where(
            permissions.child_filter(db_session, user),
            Child.came_into_care_on.is_not(None),
            Child.left_care_on.is_(None),
        )
        .group_by(Child.id, Child.came_into_care_on)
        .having(may_be_due)
        .order_by(Child.id)  # a stable sort by due day keeps this order among equals
    ).all()


def _failed_sends(db_session: Session, meetings: Sequence[Meeting]) -> list[OutboundMessage]:
    return list(
        db_session.scalars(
            select(OutboundMessage)
            .join(Invitation, OutboundMessage.invitation_id == Invitation.id)
            .where(
                Invitation.meeting_id.in_([m.id for m in meetings]),
                OutboundMessage.status != "sent",
                OutboundMessage.attempts > 0,
            )
            .options(selectinload(OutboundMessage.invitation).selectinload(Invitation.meeting))
            .order_by(OutboundMessage.id)
        )
    )
