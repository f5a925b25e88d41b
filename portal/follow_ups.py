"""A parent unhappy in every area after a conference is followed up by the
chair's manager, who records what was done. Open follow-ups stay on the
managers' pages until someone closes them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from analysis.conference import unhappy_in_every_area
from portal.models import FollowUp, Response, StaffUser, utcnow

FEEDBACK_FAMILY_PREFIX = "cp-feedback"


def open_if_unhappy(db_session: Session, response: Response) -> FollowUp | None:
    if not response.questionnaire_id.startswith(FEEDBACK_FAMILY_PREFIX):
        return None
    if not unhappy_in_every_area(response.answers):
        return None
    existing = db_session.scalar(select(FollowUp).where(FollowUp.response_id == response.id))
    if existing is not None:
        return existing
    chair = response.invitation.meeting.chair
    follow_up = FollowUp(response_id=response.id, manager_id=chair.manager_id if chair else None)
    db_session.add(follow_up)
    return follow_up


def open_for(db_session: Session, user: StaffUser) -> list[FollowUp]:
    """Open follow-ups for a manager: theirs first, then any with no manager set."""
    rows = db_session.scalars(
        select(FollowUp).where(FollowUp.closed_at.is_(None)).order_by(FollowUp.opened_at)
    )
    return sorted(rows, key=lambda f: (f.manager_id != user.id, f.opened_at))


def close(follow_up: FollowUp, person: StaffUser, note: str) -> None:
    follow_up.closed_at, follow_up.closed_by_id, follow_up.note = utcnow(), person.id, note
