"""Creating personal links, and choosing the questionnaire each one answers."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from forms import Questionnaire, age_on, questionnaire_for
from portal.models import Invitation, Meeting, Person, utcnow
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
    questionnaire = questionnaire_for("my-review", audience, age)
    if questionnaire is None:
        raise NoQuestionnaire(f"no My Review questionnaire for {audience} aged {age}")
    return questionnaire


def create_invitation(
    db_session: Session,
    meeting: Meeting,
    audience: str,
    valid_days: int,
    person: Person | None = None,
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
    )
    db_session.add(invitation)
    return invitation, token
