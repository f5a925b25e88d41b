"""The meeting page's content, built outside the view: the child's wishes first,
then their answers by page, then carers' and parents'."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, contains_eager

from forms import Question, age_on, get_questionnaire
from forms.answers import display_answer, handler_for
from portal import additions, coding
from portal.coding import Effective
from portal.models import AnswerCoding, CodingCorrection, Invitation, Meeting, Response, SafeguardingFlag
from portal.models.consultations import AUDIENCES
from portal.staff import schedule, to_dos
from portal.staff.caseload import ConsultationState, consultation_states

MEETING_AREA = "meeting"


@dataclass
class AnsweredQuestion:
    question: Question
    lines: list[Any]
    coding: AnswerCoding | None = None
    codes: Effective | None = None
    # The same question's answer at the child's last review, to read beside this one.
    last_time: list[Any] | None = None
    last_time_on: date | None = None


@dataclass
class ResponseView:
    """One submitted response laid out for reading: wishes first, then by page."""

    invitation: Invitation
    response: Response
    wishes: list[AnsweredQuestion] = field(default_factory=list)
    sections: list[tuple[str, list[AnsweredQuestion]]] = field(default_factory=list)
    to_dos: list[str] = field(default_factory=list)  # for the IRO, before the meeting

    @property
    def at_a_glance(self) -> list[AnsweredQuestion]:
        """The face-scale answers (home, school, family...), to read in one look."""
        return [a for _title, answers in self.sections for a in answers if handler_for(a.question).faces]


def _people(child: Any) -> list[tuple[str, str]]:
    """The people a child could name, as staff read them."""
    return [(p.picker_value, p.picker_label) for p in child.people] if child else []


def response_view(
    invitation: Invitation,
    response: Response,
    codings: dict[str, tuple[AnswerCoding, Effective]] | None = None,
) -> ResponseView:
    codings = codings or {}
    view = ResponseView(invitation, response)
    questionnaire = get_questionnaire(response.questionnaire_id, response.questionnaire_version)
    if questionnaire is None:
        return view
    people = _people(invitation.meeting.child)
    for page in questionnaire.pages:
        answered = [
            AnsweredQuestion(
                q, display_answer(q, response.answers.get(q.id), people), *codings.get(q.id, (None, None))
            )
            for q in page.questions
            if q.id in response.answers
        ]
        wishes = [a for a in answered if a.question.area == MEETING_AREA]
        view.wishes.extend(wishes)
        rest = [a for a in answered if a.question.area != MEETING_AREA]
        if rest:
            view.sections.append((page.title, rest))
    questions = {q.id: q for page in questionnaire.pages for q in page.questions}
    view.to_dos = to_dos.for_answers(response.answers, questions, people)
    added = [
        AnsweredQuestion(q, display_answer(q, words, people), *codings.get(key, (None, None)))
        for key, words, day in additions.added(response.answers)
        for q in (additions.question(key, day),)
    ]
    if added:
        view.sections.append((additions.LABEL, added))
    return view


@dataclass
class MeetingPage:
    meeting: Meeting
    child_age: int | None
    consultations: list[ConsultationState]
    responses: list[ResponseView]
    suggested_code: str | None
    can_record_code: bool
    flags: list[SafeguardingFlag]
    # When the review was due by the statutory schedule (None: not a review, or no date of coming into care).
    due_on: date | None = None

    @property
    def late(self) -> bool:
        return held_late(self.meeting, self.due_on)

    def flagged_answers(self, flag: SafeguardingFlag) -> list[tuple[str, str]]:
        """(anchor, question label) for each answer that raised the flag, in page order."""
        view = next((v for v in self.responses if v.response.id == flag.response_id), None)
        if view is None:
            return []
        shown = [a for a in view.wishes] + [a for _title, answers in view.sections for a in answers]
        return [
            (answer_anchor(flag.response_id, a.question.id), a.question.label)
            for a in shown
            if a.question.id in flag.question_ids
        ]


def _beside_last_time(db_session: Session, meeting: Meeting, view: ResponseView) -> None:
    """Put the child's answers at their last review beside this review's."""
    if meeting.child_id is None:
        return
    earlier = db_session.execute(
        select(Response, Meeting.held_on)
        .join(Invitation, Response.invitation_id == Invitation.id)
        .join(Meeting, Invitation.meeting_id == Meeting.id)
        .where(
            Meeting.child_id == meeting.child_id,
            Meeting.held_on < meeting.held_on,
            Invitation.audience == "child",
        )
        .order_by(Meeting.held_on.desc(), Response.id.desc())
        .limit(1)
    ).first()
    if earlier is None:
        return
    before, held_on = earlier
    people = _people(meeting.child)
    for answered in [*view.wishes, *(a for _title, answers in view.sections for a in answers)]:
        if answered.question.id in before.answers:
            answered.last_time = display_answer(
                answered.question, before.answers[answered.question.id], people
            )
            answered.last_time_on = held_on


def answer_anchor(response_id: int, question_id: str) -> str:
    return f"answer-{response_id}-{question_id}"


def suggest_participation_code(
    meeting: Meeting, child_age: int | None, responses: list[ResponseView]
) -> str | None:
    """PN0 for a child under 4; PN6 when the child sent their views by consultation.
    Only a suggestion: the IRO knows whether the child came, and confirms."""
    if child_age is not None and child_age < 4:
        return "PN0"
    if any(view.invitation.audience == "child" for view in responses):
        return "PN6"
    return None


def _codes_in_force(
    db_session: Session, ids: list[int]
) -> dict[int, dict[str, tuple[AnswerCoding, Effective]]]:
    """Each answer's coding with a person's newest correction applied, read with
    its corrections in one statement."""
    latest: dict[tuple[int, str], tuple[AnswerCoding, CodingCorrection | None]] = {}
    if ids:
        rows = db_session.execute(
            select(AnswerCoding, CodingCorrection)
            .outerjoin(
                CodingCorrection,
                and_(
                    CodingCorrection.response_id == AnswerCoding.response_id,
                    CodingCorrection.question_id == AnswerCoding.question_id,
                ),
            )
            .where(AnswerCoding.response_id.in_(ids))
            .order_by(AnswerCoding.id, CodingCorrection.id)
        )
        for coded, corrected in rows:  # in order of correction: the newest stays
            latest[(coded.response_id, coded.question_id)] = (coded, corrected)
    by_response: dict[int, dict[str, tuple[AnswerCoding, Effective]]] = {}
    for (response_id, question_id), (answer, correction) in latest.items():
        by_response.setdefault(response_id, {})[question_id] = (answer, coding.effective(answer, correction))
    return by_response


def meeting_page(db_session: Session, meeting: Meeting, today: date | None = None) -> MeetingPage:
    # The invitations, their responses and any flag on them, in one statement.
    rows = db_session.execute(
        select(Invitation, SafeguardingFlag)
        .outerjoin(Response, Response.invitation_id == Invitation.id)
        .outerjoin(SafeguardingFlag, SafeguardingFlag.response_id == Response.id)
        .where(Invitation.meeting_id == meeting.id)
        .options(contains_eager(Invitation.response))
        .order_by(Invitation.audience, Invitation.id)
    ).all()
    invitations = [invitation for invitation, _flag in rows]
    submitted = [i.response for i in invitations if i.response is not None]
    ids = [r.id for r in submitted]
    by_response = _codes_in_force(db_session, ids)
    # The child's own words first, then the carer's, then the parents'.
    submitted.sort(key=lambda r: (AUDIENCES.index(r.invitation.audience), r.id))
    responses = [response_view(r.invitation, r, by_response.get(r.id)) for r in submitted]
    for view in responses:
        if view.invitation.audience == "child":
            _beside_last_time(db_session, meeting, view)
    flags = [flag for _invitation, flag in rows if flag is not None]
    child = meeting.child
    age = age_on(child.date_of_birth, meeting.held_on) if child else None
    return MeetingPage(
        meeting=meeting,
        child_age=age,
        consultations=consultation_states(meeting, invitations),
        responses=responses,
        suggested_code=suggest_participation_code(meeting, age, responses),
        can_record_code=meeting.kind == "looked_after_review" and meeting.held_on <= (today or date.today()),
        flags=flags,
        due_on=review_due_on(db_session, meeting),
    )


def held_late(meeting: Meeting, due_on: date | None) -> bool:
    """Whether a review was held after the day it was due (never, with no due day)."""
    return due_on is not None and meeting.held_on > due_on


def review_due_on(db_session: Session, meeting: Meeting) -> date | None:
    """The day a looked-after review was due, from the child's earlier reviews
    in this episode of care (counted, and the last one's day, in one statement)."""
    child = meeting.child
    if meeting.kind != "looked_after_review" or child is None or child.came_into_care_on is None:
        return None
    before, previous = db_session.execute(
        select(func.count(), func.max(Meeting.held_on)).where(
            Meeting.child_id == child.id,
            Meeting.kind == "looked_after_review",
            Meeting.held_on >= child.came_into_care_on,
            Meeting.held_on < meeting.held_on,
        )
    ).one()
    return schedule.due_date(child.came_into_care_on, before, previous)
