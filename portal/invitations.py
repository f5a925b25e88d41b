"""Creating personal links, and choosing the questionnaire each one answers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from forms import Questionnaire, age_on, questionnaire_for
from portal.models import Invitation, Meeting, OutboundMessage, Person, utcnow
from portal.tokens import hash_token, new_token


class NoQuestionnaire(LookupError):
    """No questionnaire serves this audience (for example, a child under 4)."""


def questionnaire_for_meeting(meeting: Meeting, audience: str) -> Questionnaire:
    """My Review by the child's age on the day of the meeting, never by asking them."""
    age = None
    if audience == "child":
        if meeting.child is None:
            raise NoQuestionnaire("a child's consultation needs a child")
        age = age_on(meeting.child.date_of_birth, meeting.held_on)
    family = "cp-feedback" if meeting.kind == "cp_conference" else "my-review"
    questionnaire = questionnaire_for(family, audience, age)
    if questionnaire is None:
        raise NoQuestionnaire(f"no {family} questionnaire for {audience} aged {age}")
    return questionnaire


def create_invitation(
    db_session: Session,
    meeting: Meeting,
    audience: str,
    valid_days: int,
    person: Person | None = None,
    via: str = "personal",
) -> tuple[Invitation, str]:
    """A new invitation and its token. The token is returned once and never stored."""
    questionnaire = questionnaire_for_meeting(meeting, audience)
    token = new_token()
    invitation = Invitation(
        meeting=meeting,
        audience=audience,
        person=person,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        token_hash=hash_token(token),
        expires_at=utcnow() + timedelta(days=valid_days),
        via=via,
    )
    db_session.add(invitation)
    return invitation, token


class NoContact(LookupError):
    """Nobody to send to: no email address or mobile number on record."""


def contact_for(meeting: Meeting, audience: str, person: Person | None) -> tuple[str, str]:
    """(channel, address) for an invitation: email if known, else a text message."""
    if audience == "child":
        child = meeting.child
        email, mobile = (child.email, child.mobile) if child else ("", "")
    elif person is not None:
        email, mobile = person.email, person.phone
    else:
        email = mobile = ""
    if email:
        return "email", email
    if mobile:
        return "sms", mobile
    raise NoContact(audience)


def open_invitation(
    db_session: Session, meeting: Meeting, audience: str, person: Person | None
) -> Invitation | None:
    """The invitation still in play for this person and meeting, if any."""
    from sqlalchemy import select

    query = select(Invitation).where(
        Invitation.meeting_id == meeting.id,
        Invitation.audience == audience,
        Invitation.revoked_at.is_(None),
        Invitation.person_id.is_(None) if person is None else Invitation.person_id == person.id,
    )
    return db_session.scalars(query.order_by(Invitation.id.desc())).first()


def send(
    db_session: Session, meeting: Meeting, audience: str, person: Person | None, config: dict[str, Any]
) -> OutboundMessage:
    """Queue an invitation for the background sender (the caller hands it over
    with ``dispatch.send_soon`` once committed: no page waits on a mail relay).
    Reuses the open invitation (so answers saved so far are kept); the link is
    made fresh when the message is sent."""
    from portal.messaging import outbox

    channel, address = contact_for(meeting, audience, person)
    invitation = open_invitation(db_session, meeting, audience, person)
    if invitation is None or invitation.submitted_at is not None:
        invitation, _token = create_invitation(
            db_session, meeting, audience, config["INVITATION_DAYS"], person
        )
    elif invitation.closes_at <= utcnow():
        invitation.expires_at = utcnow() + timedelta(days=config["INVITATION_DAYS"])
    message = outbox.queue(db_session, "invitation", channel, address, invitation=invitation)
    db_session.commit()
    return message


def revoke(invitation: Invitation) -> None:
    invitation.revoked_at = invitation.revoked_at or utcnow()
