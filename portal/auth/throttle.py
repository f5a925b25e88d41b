"""Throttling of failed sign-ins, keyed by a hash of the email address (so an
address with no account is throttled exactly like one with an account) and by
the client's address."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.models import SignInAttempt, utcnow


def email_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()


def is_throttled(db_session: Session, email: str, ip_address: str) -> bool:
    since = utcnow() - timedelta(minutes=current_app.config["SIGN_IN_WINDOW_MINUTES"])
    by_email = db_session.scalar(
        select(func.count()).where(SignInAttempt.email_hash == email_key(email), SignInAttempt.at >= since)
    )
    by_address = db_session.scalar(
        select(func.count()).where(SignInAttempt.ip_address == ip_address, SignInAttempt.at >= since)
    )
    return (by_email or 0) >= current_app.config["SIGN_IN_MAX_FAILURES"] or (
        by_address or 0
    ) >= current_app.config["SIGN_IN_MAX_FAILURES_PER_ADDRESS"]


def record_failure(db_session: Session, email: str, ip_address: str) -> None:
    db_session.add(SignInAttempt(email_hash=email_key(email), ip_address=ip_address[:45]))
