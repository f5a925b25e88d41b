"""Test data built through the portal's own models and services."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

from sqlalchemy.orm import Session

from portal.invitations import create_invitation
from portal.models import Child, Invitation, IroProfile, Meeting, Person, ServiceAction, StaffUser
from portal.passwords import hash_password

PASSWORD = "correct horse battery staple"  # noqa: S105
_numbers = count(1)


def staff(db_session: Session, role: str, name: str = "Casey Staff") -> StaffUser:
    n = next(_numbers)
    user = StaffUser(
        name=name, email=f"{role}{n}@example.invalid", role=role, password_hash=hash_password(PASSWORD)
    )
    db_session.add(user)
    db_session.commit()
    return user


def iro(db_session: Session, name: str = "Ada Reviewer", phone: str = "01632 960001") -> StaffUser:
    user = staff(db_session, "iro", name)
    user.profile = IroProfile(display_name=name, hello=f"Hello, I am {name}.", phone=phone)
    db_session.commit()
    return user


def child(db_session: Session, chair: StaffUser, age: int, meeting_in_days: int = 10, **extra) -> Child:  # type: ignore[no-untyped-def]
    n = next(_numbers)
    meeting_day = date.today() + timedelta(days=meeting_in_days)
    born = date(meeting_day.year - age, meeting_day.month, min(meeting_day.day, 28)) - timedelta(days=30)
    record = Child(
        external_ref=f"T-{n}",
        first_name=extra.pop("first_name", "Robin"),
        last_name="Testchild",
        date_of_birth=born,
        iro=chair,
        **extra,
    )
    record.people = [Person(name="Sam Carer", relationship_to_child="foster carer", role="carer")]
    db_session.add(record)
    db_session.flush()
    return record


def meeting(db_session: Session, for_child: Child, in_days: int = 10) -> Meeting:
    record = Meeting(
        kind="looked_after_review",
        held_on=date.today() + timedelta(days=in_days),
        child=for_child,
        chair=for_child.iro,
    )
    db_session.add(record)
    db_session.flush()
    return record


def consultation(
    db_session: Session, age: int = 10, chair: StaffUser | None = None, valid_days: int = 28
) -> tuple[Invitation, str]:
    """A child's invitation and its token, for a meeting in ten days."""
    chair = chair or iro(db_session)
    invitation, token = create_invitation(
        db_session, meeting(db_session, child(db_session, chair, age)), "child", valid_days=valid_days
    )
    db_session.commit()
    return invitation, token


def service_action(
    db_session: Session, author: StaffUser, theme: str, said: str, did: str, ended_days_ago: int = 30
) -> ServiceAction:
    """A "you said, we did" action over the year that ended ``ended_days_ago`` days ago."""
    end = date.today() - timedelta(days=ended_days_ago)
    action = ServiceAction(
        theme=theme,
        period_start=end - timedelta(days=365),
        period_end=end,
        you_said=said,
        we_did=did,
        created_by_id=author.id,
    )
    db_session.add(action)
    db_session.commit()
    return action
