"""Server-side staff sessions. The signed cookie carries only a random token;
the session lives in the database, so signing out, a timeout or disabling the
account ends it everywhere, and any app process on any machine can check it."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, g, request, session
from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload

from portal import db
from portal.models import StaffSession, StaffUser, utcnow
from portal.tokens import hash_token, new_token

COOKIE_KEY = "staff_session"
TOUCH_EVERY = timedelta(seconds=60)


def start(user: StaffUser, second_factor_done: bool = False) -> StaffSession:
    """A new session with a new token: nothing from before carries over."""
    session.clear()
    token = new_token()
    record = StaffSession(
        token_hash=hash_token(token),
        staff_user_id=user.id,
        second_factor_done=second_factor_done,
        ip_address=(request.remote_addr or "")[:45],
    )
    db.session().add(record)
    session[COOKIE_KEY] = token
    session.permanent = True
    return record


def rotate(record: StaffSession) -> None:
    """A fresh token once the second factor is done (no session fixation)."""
    token = new_token()
    record.token_hash = hash_token(token)
    session[COOKIE_KEY] = token


def _expired(record: StaffSession) -> bool:
    now = utcnow()
    idle = timedelta(minutes=current_app.config["STAFF_IDLE_MINUTES"])
    absolute = timedelta(hours=current_app.config["STAFF_ABSOLUTE_HOURS"])
    return now - record.last_seen_at > idle or now - record.created_at > absolute


def current() -> StaffSession | None:
    """This request's session if it exists, has not timed out and its account is active."""
    if "staff_session_record" in g:
        return g.staff_session_record
    token = session.get(COOKIE_KEY)
    record = None
    if token:
        db_session = db.session()
        record = db_session.scalar(
            select(StaffSession)
            .options(joinedload(StaffSession.staff_user))
            .where(StaffSession.token_hash == hash_token(token))
        )
        if record is not None and (_expired(record) or not record.staff_user.active):
            db_session.delete(record)
            db_session.commit()
            g.session_timed_out = True
            record = None
        elif record is not None and utcnow() - record.last_seen_at > TOUCH_EVERY:
            record.last_seen_at = utcnow()
            db_session.commit()
    g.staff_session_record = record
    return record


def touch(record: StaffSession) -> None:
    record.last_seen_at = utcnow()


def end() -> None:
    record = current()
    if record is not None:
        db.session().delete(record)
    session.clear()
    g.staff_session_record = None


def end_all_for(user: StaffUser) -> None:
    """Every session of this person ends now (disabled account, new password)."""
    db.session().execute(delete(StaffSession).where(StaffSession.staff_user_id == user.id))
