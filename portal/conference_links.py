"""The shared feedback link for a conference. It carries no personal data;
each person who presses Start on it gets their own anonymous invitation, until
the link expires or has had its capped number of responses."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.invitations import create_invitation
from portal.models import ConferenceLink, Invitation, Meeting, utcnow
from portal.tokens import hash_token, new_token

ANSWER_DAYS = 2


def create(
    db_session: Session, meeting: Meeting, days: int, max_responses: int
) -> tuple[ConferenceLink, str]:
    """A new link; any earlier link for the conference stops working."""
    for old in db_session.scalars(
        select(ConferenceLink).where(
            ConferenceLink.meeting_id == meeting.id, ConferenceLink.revoked_at.is_(None)
        )
    ):
        old.revoked_at = utcnow()
    token = new_token()
    link = ConferenceLink(
        meeting=meeting,
        token_hash=hash_token(token),
        max_responses=max_responses,
        expires_at=utcnow() + timedelta(days=days),
    )
    db_session.add(link)
    return link, token


def _responses(db_session: Session, meeting_id: int) -> int:
    query = (
        select(func.count())
        .select_from(Invitation)
        .where(
            Invitation.meeting_id == meeting_id,
            Invitation.via == "conference_link",
            Invitation.submitted_at.is_not(None),
        )
    )
    return db_session.scalar(query) or 0


def usable_link(db_session: Session, token: str) -> ConferenceLink | None:
    """The link, while it is open: not withdrawn, not expired, and short of its
    number of responses. Only responses count: link scanners and chat previews
    that open it change nothing."""
    if not token or len(token) > 200:
        return None
    link = db_session.scalar(select(ConferenceLink).where(ConferenceLink.token_hash == hash_token(token)))
    if link is None or link.revoked_at is not None or link.expires_at <= utcnow():
        return None
    if _responses(db_session, link.meeting_id) >= link.max_responses:
        return None
    return link


def start_answering(db_session: Session, link: ConferenceLink) -> Invitation:
    """A fresh anonymous invitation for the person who pressed Start."""
    invitation, _token = create_invitation(
        db_session, link.meeting, "parent", ANSWER_DAYS, via="conference_link"
    )
    invitation.opened_at = utcnow()
    return invitation
