"""Throttling of failed sign-ins, keyed by a hash of the email address (so an
address with no account is throttled exactly like one with an account) and by
the client's address."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.models import SignInAttempt, utcnow


def email_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()


def _failures_since(db_session: Session, *condition: Any) -> int:
    since = utcnow() - timedelta(minutes=current_app.config["SIGN_IN_WINDOW_MINUTES"])
    return db_session.scalar(select(func.count()).where(SignInAttempt.at >= since, *condition)) or 0


def too_many_for(db_session: Session, key: str) -> bool:
    """Too many failures for one account (or one account's second factor)."""
    limit = current_app.config["SIGN_IN_MAX_FAILURES"]
    return _failures_since(db_session, SignInAttempt.email_hash == email_key(key)) >= limit


def is_throttled(db_session: Session, email: str, ip_address: str, known_device: bool = False) -> bool:
    """Too many failures for this account, or (unless this browser has signed in
    as them before) from this address."""
    if too_many_for(db_session, email):
        return True
    if not ip_address or known_device:
        return False
    limit = current_app.config["SIGN_IN_MAX_FAILURES_PER_ADDRESS"]
    return _failures_since(db_session, SignInAttempt.ip_address == ip_address) >= limit


def record_failure(db_session: Session, email: str, ip_address: str) -> None:
    db_session.add(SignInAttempt(email_hash=email_key(email), ip_address=ip_address[:45]))
