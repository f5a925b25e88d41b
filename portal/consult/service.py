"""The consultation's rules, kept out of the routes: which link is usable,
what has been saved, which page comes next, and submitting exactly once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeGuard

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from forms import Page, Questionnaire, get_questionnaire
from forms.answers import People, display_answer
from portal import additions, coding, follow_ups, safeguarding
from portal.consult.relationships import relationship_label
from portal.messaging import dispatch
from portal.models import Child, Draft, Invitation, Response, utcnow
from portal.tokens import hash_token

HELPED_BY = "helped_by"
TELL_IT_ONCE = {"name_to_use": "preferred_name", "pronouns": "pronouns", "words_to_use": "words_to_use"}


def is_usable(invitation: Invitation | None) -> TypeGuard[Invitation]:
    """Open for answering: not revoked, not expired, not yet submitted."""
    return (
        invitation is not None
        and invitation.revoked_at is None
        and invitation.submitted_at is None
        and invitation.closes_at > utcnow()
    )


def questionnaire_for_link(link: Any) -> Questionnaire:
    from portal.invitations import questionnaire_for_meeting

    return questionnaire_for_meeting(link.meeting, "parent")


def _by_token(db_session: Session, token: str) -> Invitation | None:
    if not token or len(token) > 200:
        return None
    return db_session.scalar(select(Invitation).where(Invitation.token_hash == hash_token(token)))


def invitation_for_token(db_session: Session, token: str) -> Invitation | None:
    found = _by_token(db_session, token)
    return found if is_usable(found) else None


def sent_invitation_for_token(db_session: Session, token: str) -> Invitation | None:
    """A personal link already used to send answers, while it may still add to them."""
    found = _by_token(db_session, token)
    return found if may_add(found) else None


def may_add(invitation: Invitation | None) -> bool:
    """Something can be added after sending, through one's own link, until the link
    closes (the end of the meeting day), a few times at most."""
    return (
        invitation is not None
        and invitation.via == "personal"
        and invitation.submitted_at is not None
        and invitation.revoked_at is None
        and invitation.closes_at > utcnow()
        and invitation.response is not None
        and len(additions.added(invitation.response.answers)) < additions.MOST
    )


def add_to_response(
    db_session: Session, invitation: Invitation, text: str, config: dict[str, Any] | None = None
) -> str:
    """Keep what was added beside the answers sent, code it, and raise the flag
    (with fresh alerts) when it may tell of harm. Returns the addition's id."""
    response = invitation.response
    assert response is not None  # may_add was checked by the caller
    response.answers, key = additions.with_addition(response.answers, text.strip(), date.today())
    codings = coding.code_response(db_session, response)
    added = [c for c in codings if c.question_id == key]
    _flag, alerts = safeguarding.raise_if_needed(db_session, response, added, config or {}, again=True)
    db_session.commit()
    if config and alerts:
        dispatch.send_soon(alerts)
    return key


def mark_opened(invitation: Invitation) -> None:
    invitation.opened_at = invitation.opened_at or utcnow()


@dataclass(frozen=True)
class Progress:
    """Where a consultation stands: its definition and everything saved so far."""

    invitation: Invitation
    questionnaire: Questionnaire
    answers: dict[str, Any]
    saved_pages: frozenset[str]

    @property
    def pages(self) -> tuple[Page, ...]:
        return self.questionnaire.visible_pages(self.answers)

    def page_after(self, page_id: str) -> Page | None:
        pages = self.pages
        ids = [p.id for p in pages]
        if page_id not in ids:
            return pages[0] if pages else None
        index = ids.index(page_id)
        return pages[index + 1] if index + 1 < len(pages) else None

    def page_before(self, page_id: str) -> Page | None:
        ids = [p.id for p in self.pages]
        if page_id in ids and ids.index(page_id) > 0:
            return self.pages[ids.index(page_id) - 1]
        return None

    def resume_page(self) -> Page | None:
        """The first page not yet saved; None when every page has been seen."""
        return next((p for p in self.pages if p.id not in self.saved_pages), None)

    @property
    def steps(self) -> tuple[Page, ...]:
        """The pages counted in "Step n of m": every page that may yet be shown.
        The total never changes as answers show or hide pages; only the
        meeting's own facts ("@conference_type") settle pages out of it."""
        return tuple(
            p
            for p in self.questionnaire.pages
            if p.show_if is None or not p.show_if.question.startswith("@") or p.visible(self.answers)
        )

    def page_number(self, page_id: str) -> int:
        ids = [p.id for p in self.steps]
        return ids.index(page_id) + 1 if page_id in ids else 1


def progress(db_session: Session, invitation: Invitation) -> Progress:
    questionnaire = get_questionnaire(invitation.questionnaire_id, invitation.questionnaire_version)
    if questionnaire is None:  # a definition removed while links were out
        raise LookupError(f"questionnaire {invitation.questionnaire_id} v{invitation.questionnaire_version}")
    drafts = db_session.scalars(select(Draft).where(Draft.invitation_id == invitation.id)).all()
    # Context conditions ("@conference_type") read the meeting; never stored as answers.
    answers: dict[str, Any] = context_for(invitation)
    for page in questionnaire.pages:  # definition order, so later pages win nothing by accident
        for draft in drafts:
            if draft.page_id == page.id:
                answers.update(draft.answers)
    return Progress(invitation, questionnaire, answers, frozenset(d.page_id for d in drafts))


def context_for_meeting(meeting: Any) -> dict[str, Any]:
    """What questionnaire conditions may know about the meeting ("@conference_type")."""
    return {"@conference_type": meeting.conference_type or ""}


def context_for(invitation: Invitation) -> dict[str, Any]:
    return context_for_meeting(invitation.meeting) if invitation.meeting is not None else {}


def save_page(db_session: Session, invitation: Invitation, page_id: str, answers: dict[str, Any]) -> None:
    """Upsert the page's draft. A concurrent save of the same page wins last."""
    draft = db_session.scalar(
        select(Draft).where(Draft.invitation_id == invitation.id, Draft.page_id == page_id)
    )
    if draft is None:
        db_session.add(Draft(invitation_id=invitation.id, page_id=page_id, answers=answers))
    else:
        draft.answers = answers
        draft.saved_at = utcnow()
    invitation.started_at = invitation.started_at or utcnow()
    try:
        db_session.commit()
    except IntegrityError:
        db_session.rollback()
        save_page(db_session, invitation, page_id, answers)


def page_may_disclose(db_session: Session, state: Progress, page: Page, answers: dict[str, Any]) -> bool:
    """The saved-page check: might what was just saved on this page tell of harm?"""
    return coding.may_disclose(
        db_session,
        state.questionnaire,
        answers,
        state.invitation.audience,
        {q.id for q in page.questions},
    )


def people_choices(invitation: Invitation) -> People:
    child = invitation.meeting.child
    if child is None:
        return []
    return [
        (p.picker_value, f"{p.name} ({relationship_label(p.relationship_to_child)})") for p in child.people
    ]


def answered_pages(
    pages: Sequence[Page], answers: dict[str, Any], people: People
) -> list[tuple[Page, list[tuple[Any, Any]]]]:
    """Each page with its shown questions and their answers as the person gave them
    (the check page before sending, and their own copy after)."""
    return [
        (page, [(q, display_answer(q, answers.get(q.id), people)) for q in page.visible_questions(answers)])
        for page in pages
    ]


def answers_to_submit(state: Progress) -> dict[str, Any]:
    """Answers to the questions the person was shown (not those a later choice hid)."""
    shown = {q.id for page in state.pages for q in page.visible_questions(state.answers)}
    return {key: value for key, value in state.answers.items() if key in shown}


def submit(
    db_session: Session, state: Progress, language: str, config: dict[str, Any] | None = None
) -> Response:
    """Store exactly one response per invitation, however often this is called.
    Its free text is coded in the same transaction, and any safeguarding flag
    raised with its alerts queued; the alerts go straight after the commit."""
    invitation = state.invitation
    existing = db_session.scalar(select(Response).where(Response.invitation_id == invitation.id))
    if existing is not None:
        return existing
    answers = answers_to_submit(state)
    helped = answers.get(HELPED_BY) or {}
    response = Response(
        invitation_id=invitation.id,
        questionnaire_id=state.questionnaire.id,
        questionnaire_version=state.questionnaire.version,
        answers=answers,
        language=language,
        helped_by=list(helped.get("selected", [])),
    )
    db_session.add(response)
    invitation.submitted_at = utcnow()
    try:
        db_session.flush()  # a racing duplicate fails here, on the unique invitation
        # Only after the flush: loading the child would flush early, outside this try.
        _tell_it_once(invitation, answers)
        codings = coding.code_response(db_session, response)
        _flag, alerts = safeguarding.raise_if_needed(db_session, response, codings, config or {})
        follow_ups.open_if_unhappy(db_session, response)
        # Sent: the drafts go (data minimisation). Answers a later choice of the
        # person's own hid were not sent, and are not kept either.
        db_session.execute(delete(Draft).where(Draft.invitation_id == invitation.id))
        db_session.commit()
    except IntegrityError:
        # Another request (a double tap, a retry) stored it first: use that one.
        db_session.rollback()
        return db_session.scalars(select(Response).where(Response.invitation_id == invitation.id)).one()
    if config and alerts:
        dispatch.send_soon(alerts)  # after the commit, and the child never waits for the mail relay
    return response


def _tell_it_once(invitation: Invitation, answers: dict[str, Any]) -> None:
    child = invitation.meeting.child
    if invitation.audience != "child" or child is None:
        return
    for question_id, attribute in TELL_IT_ONCE.items():
        if answers.get(question_id):
            # A council's questionnaire may allow longer answers than the record holds:
            # the full words stay in the response; the record keeps what fits.
            limit = getattr(Child.__table__.c[attribute].type, "length", None)
            setattr(child, attribute, str(answers[question_id])[:limit])
