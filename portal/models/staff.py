"""Staff who sign in, and the IRO profile a child sees."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow

ROLES = ("iro", "participation_officer", "manager", "business_support", "admin")


class StaffUser(Base):
    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(32), default="iro")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    team: Mapped[str] = mapped_column(String(80), default="")
    # Hours as a percentage of full time: caseloads are counted per full-time IRO.
    fte_percent: Mapped[int] = mapped_column(default=100)
    # The chair's manager: who follows up a parent unhappy in every area.
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # Second factor: a TOTP secret, confirmed once the person has entered a code from it.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_confirmed: Mapped[bool] = mapped_column(default=False)
    # The time step of the last code accepted: a code (or an older one) never works twice.
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    recovery_codes: Mapped[list[str]] = mapped_column(default=list)  # Argon2 hashes, each usable once

    profile: Mapped[IroProfile | None] = relationship(back_populates="staff_user")
    manager: Mapped[StaffUser | None] = relationship(remote_side="StaffUser.id")

    # Flask-Login's protocol, written out rather than mixed in.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)


class IroProfile(Base):
    """What a child reads about their IRO before they meet (questions.md §5)."""

    __tablename__ = "iro_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    hello: Mapped[str] = mapped_column(Text, default="")
    about: Mapped[str] = mapped_column(Text, default="")
    languages: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    office_hours: Mapped[str] = mapped_column(String(200), default="")
    # Photos live in the database so any app process on any machine can serve them.
    photo: Mapped[bytes | None] = mapped_column(LargeBinary)
    photo_type: Mapped[str] = mapped_column(String(40), default="")
    photo_alt: Mapped[str] = mapped_column(String(300), default="")
    # Other languages of the text fields: {"cy": {"hello": "...", "about": "...", ...}}.
    translations: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    staff_user: Mapped[StaffUser] = relationship(back_populates="profile")
