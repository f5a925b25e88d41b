"""The shared feedback link for a conference. It carries no personal data;
each person who opens it gets their own anonymous invitation, until the link
expires or has had its capped number of responses."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.invitations import create_invitation
from portal.models import ConferenceLink, Invitation, Meeting, utcnow
from portal.tokens import hash_token, new_token

OPENINGS_PER_RESPONSE = 3  # people who open it and leave; beyond this the link closes
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


def _count(db_session: Session, meeting_id: int, submitted: bool) -> int:
    query = (
        select(func.count())
        .select_from(Invitation)
        .where(Invitation.meeting_id == meeting_id, Invitation.via == "conference_link")
    )
    if submitted:
        query = query.where(Invitation.submitted_at.is_not(None))
    return db_session.scalar(query) or 0


def open_link(db_session: Session, token: str) -> Invitation | None:
    """A fresh anonymous invitation for whoever opened the link, or None when it is closed."""
    if not token or len(token) > 200:
        return None
    link = db_session.scalar(select(ConferenceLink).where(ConferenceLink.token_hash == hash_token(token)))
    if link is None or link.revoked_at is not None or link.expires_at <= utcnow():
        return None
    if _count(db_session, link.meeting_id, submitted=True) >= link.max_responses:
        return None
    if _count(db_session, link.meeting_id, submitted=False) >= link.max_responses * OPENINGS_PER_RESPONSE:
        return None
    invitation, _token = create_invitation(
        db_session, link.meeting, "parent", ANSWER_DAYS, via="conference_link"
    )
    invitation.opened_at = utcnow()
    return invitation
