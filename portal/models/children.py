"""Children in care and the people in their lives."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, utcnow
from portal.models.staff import StaffUser


class Child(Base):
    __tablename__ = "child"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The case management system's id, so a repeated import changes nothing.
    external_ref: Mapped[str] = mapped_column(String(64), unique=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    date_of_birth: Mapped[date]
    came_into_care_on: Mapped[date | None]
    left_care_on: Mapped[date | None]
    language: Mapped[str] = mapped_column(String(12), default="en")
    # "Tell it once": what the child asked to be called, shown on every staff page.
    preferred_name: Mapped[str] = mapped_column(String(80), default="")
    pronouns: Mapped[str] = mapped_column(String(40), default="")
    words_to_use: Mapped[str] = mapped_column(Text, default="")
    iro_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    team: Mapped[str] = mapped_column(String(80), default="")
    # How the child's own link reaches them (often through their carer instead).
    email: Mapped[str] = mapped_column(String(254), default="")
    mobile: Mapped[str] = mapped_column(String(40), default="")
    profile_sent_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    iro: Mapped[StaffUser | None] = relationship()
    people: Mapped[list[Person]] = relationship(
        back_populates="child", order_by="Person.id", cascade="all, delete-orphan"
    )

    @property
    def known_as(self) -> str:
        return self.preferred_name or self.first_name

    @property
    def age_today(self) -> int:
        today = date.today()
        return (
            today.year
            - self.date_of_birth.year
            - ((today.month, today.day) < (self.date_of_birth.month, self.date_of_birth.day))
        )


class Person(Base):
    """Someone in the child's life: a carer, a parent, a brother, a friend."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_ref: Mapped[str | None] = mapped_column(String(64), unique=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    relationship_to_child: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(20), default="other")  # carer | parent | other
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")

    child: Mapped[Child] = relationship(back_populates="people")

    @property
    def picker_value(self) -> str:
        return f"person-{self.id}"

    @property
    def picker_label(self) -> str:
        return f"{self.name} ({self.relationship_to_child})"
