"""Server-side staff sessions, single-use account links, sign-in attempts and cover."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow
from portal.models.staff import StaffUser


class StaffSession(Base):
    """One signed-in browser. The cookie holds a random token; only its hash is here,
    so signing out (or disabling the account) ends the session on the server."""

    __tablename__ = "staff_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    staff_user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"), index=True)
    second_factor_done: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ip_address: Mapped[str] = mapped_column(String(45), default="")

    staff_user: Mapped[StaffUser] = relationship()


class AccountToken(Base):
    """A single-use, expiring link to set a first password or reset one."""

    __tablename__ = "account_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))  # set_password | reset_password
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    staff_user: Mapped[StaffUser] = relationship()


class SignInAttempt(Base):
    """A failed sign-in, keyed by a hash of the email so unknown addresses count too."""

    __tablename__ = "sign_in_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_hash: Mapped[str] = mapped_column(String(64), index=True)
    ip_address: Mapped[str] = mapped_column(String(45), default="", index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class Cover(Base):
    """A manager lets one IRO see another's children and meetings for a period."""

    __tablename__ = "cover"

    id: Mapped[int] = mapped_column(primary_key=True)
    covering_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), index=True)
    absent_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    covering: Mapped[StaffUser] = relationship(foreign_keys=[covering_id])
    absent: Mapped[StaffUser] = relationship(foreign_keys=[absent_id])
