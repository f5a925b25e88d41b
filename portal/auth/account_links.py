"""Single-use, expiring links to set a first password or reset a forgotten one."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import AccountToken, StaffUser, utcnow
from portal.tokens import hash_token, new_token

LIFETIME = {"set_password": timedelta(days=7), "reset_password": timedelta(hours=1)}


def issue(db_session: Session, user: StaffUser, purpose: str) -> str:
    token = new_token()
    db_session.add(
        AccountToken(
            staff_user=user,
            purpose=purpose,
            token_hash=hash_token(token),
            expires_at=utcnow() + LIFETIME[purpose],
        )
    )
    return token


def usable(db_session: Session, token: str) -> AccountToken | None:
    if not token or len(token) > 200:
        return None
    found = db_session.scalar(select(AccountToken).where(AccountToken.token_hash == hash_token(token)))
    if (
        found is None
        or found.used_at is not None
        or found.expires_at <= utcnow()
        or not found.staff_user.active
    ):
        return None
    return found


def retire_all_for(db_session: Session, user: StaffUser) -> None:
    """Once a password is set, no other link for that person works."""
    for link in db_session.scalars(
        select(AccountToken).where(AccountToken.staff_user_id == user.id, AccountToken.used_at.is_(None))
    ):
        link.used_at = utcnow()
