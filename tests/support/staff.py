"""Signing staff in, as a person would: password, then a code from their app."""

from __future__ import annotations

import pyotp
from sqlalchemy.orm import Session

from portal.models import StaffUser
from tests.support.factories import PASSWORD


def with_second_factor(db_session: Session, user: StaffUser) -> str:
    """Give the account a confirmed authenticator secret; returns it."""
    user.totp_secret = pyotp.random_base32()
    user.totp_confirmed = True
    db_session.commit()
    return user.totp_secret


def sign_in(client, db_session: Session, user: StaffUser, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    secret = user.totp_secret if user.totp_confirmed else with_second_factor(db_session, user)
    first = client.submit_form("/sign-in", {"email": user.email, "password": password})
    assert first.status_code == 302 and first.headers["Location"] == "/sign-in/code", first.get_data(
        as_text=True
    )[:500]
    return client.submit_form("/sign-in/code", {"code": pyotp.TOTP(secret).now()})
