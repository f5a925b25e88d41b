"""Per-object access for staff: which meetings, children and responses a
person may see. An IRO sees the meetings they chair and the children they are
allocated, plus those of an IRO they are covering today; a manager sees the
whole service. Anything else is "not found", exactly as if it did not exist."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort
from sqlalchemy import ColumnElement, false, literal, or_, select, true, union
from sqlalchemy.orm import Session, joinedload

from portal.models import Child, Cover, Meeting, StaffUser


def _iro_ids(user: StaffUser, today: date | None = None) -> Any:
    """The IRO and everyone they cover today, as a subquery: checked in the same
    statement as what it guards, not a query of its own on every page."""
    today = today or date.today()
    covered = select(Cover.absent_id).where(
        Cover.covering_id == user.id, Cover.starts_on <= today, Cover.ends_on >= today
    )
    return union(select(literal(user.id)), covered)


def meeting_filter(db_session: Session, user: StaffUser) -> ColumnElement[bool]:
    if user.role == "manager":
        return true()
    if user.role != "iro":
        return false()
    allocated = select(Child.id).where(Child.iro_id.in_(_iro_ids(user)))
    return or_(Meeting.chair_id.in_(_iro_ids(user)), Meeting.child_id.in_(allocated))


def child_filter(db_session: Session, user: StaffUser) -> ColumnElement[bool]:
    if user.role == "manager":
        return true()
    if user.role != "iro":
        return false()
    return Child.iro_id.in_(_iro_ids(user))


def visible_meeting(db_session: Session, user: StaffUser, meeting_id: int) -> Meeting | None:
    """The meeting if this person may see it, with its child and their people
    (every meeting page names them), in one statement."""
    return (
        db_session.scalars(
            select(Meeting)
            .where(Meeting.id == meeting_id, meeting_filter(db_session, user))
            .options(joinedload(Meeting.child).joinedload(Child.people))
        )
        .unique()
        .one_or_none()
    )


def visible_child(db_session: Session, user: StaffUser, child_id: int) -> Child | None:
    return db_session.scalar(select(Child).where(Child.id == child_id, child_filter(db_session, user)))


def signed_in(db_session: Session, user_id: int) -> StaffUser:
    """The signed-in person's own record (the access rules let only signed-in staff here)."""
    me = db_session.get(StaffUser, user_id)
    if me is None:  # an account deleted mid-session
        abort(403)
    return me
