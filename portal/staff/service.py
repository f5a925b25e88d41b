"""What an IRO may see, and the meeting page's content, built outside the view."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from forms import Question, age_on, get_questionnaire
from forms.answers import display_answer
from portal.models import Invitation, Meeting, Response, StaffUser, utcnow

MEETING_AREA = "meeting"


def meetings_chaired_by(db_session: Session, user: StaffUser, from_day: date) -> list[Meeting]:
    return list(
        db_session.scalars(
            select(Meeting)
            .where(Meeting.chair_id == user.id, Meeting.held_on >= from_day)
            .order_by(Meeting.held_on, Meeting.id)
        )
    )


def meeting_for_chair(db_session: Session, user: StaffUser, meeting_id: int) -> Meeting | None:
    """The meeting only if this user chairs it: anyone else gets the same 'not found'."""
    return db_session.scalar(select(Meeting).where(Meeting.id == meeting_id, Meeting.chair_id == user.id))


@dataclass
class AnsweredQuestion:
    question: Question
    lines: list[Any]


@dataclass
class ResponseView:
    """One submitted response laid out for reading: wishes first, then by page."""

    invitation: Invitation
    response: Response
    wishes: list[AnsweredQuestion] = field(default_factory=list)
    sections: list[tuple[str, list[AnsweredQuestion]]] = field(default_factory=list)


def response_view(invitation: Invitation, response: Response) -> ResponseView:
    view = ResponseView(invitation, response)
    questionnaire = get_questionnaire(response.questionnaire_id, response.questionnaire_version)
    if questionnaire is None:
        return view
    child = invitation.meeting.child
    people = [(p.picker_value, p.picker_label) for p in child.people] if child else []
    for page in questionnaire.pages:
        answered = [
            AnsweredQuestion(q, display_answer(q, response.answers.get(q.id), people))
            for q in page.questions
            if q.id in response.answers
        ]
        wishes = [a for a in answered if a.question.area == MEETING_AREA]
        view.wishes.extend(wishes)
        rest = [a for a in answered if a.question.area != MEETING_AREA]
        if rest:
            view.sections.append((page.title, rest))
    return view


@dataclass
class MeetingPage:
    meeting: Meeting
    child_age: int | None
    invitations: list[tuple[Invitation, str]]
    responses: list[ResponseView]


def meeting_page(db_session: Session, meeting: Meeting) -> MeetingPage:
    now = utcnow()
    invitations = list(
        db_session.scalars(
            select(Invitation)
            .where(Invitation.meeting_id == meeting.id)
            .options(selectinload(Invitation.response))
            .order_by(Invitation.audience, Invitation.id)
        )
    )
    responses = [response_view(i, i.response) for i in invitations if i.response is not None]
    child = meeting.child
    return MeetingPage(
        meeting=meeting,
        child_age=age_on(child.date_of_birth, meeting.held_on) if child else None,
        invitations=[(i, i.status(now)) for i in invitations],
        responses=responses,
    )
