"""Safeguarding flags reach a person at once: the allocated IRO and the duty
inbox (or the managers) are alerted with a link, never the child's words. An
unacknowledged flag escalates to managers after a set number of working
minutes. Only a person closes a flag, by acknowledging it with a note."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.messaging import outbox
from portal.models import AnswerCoding, OutboundMessage, Response, SafeguardingFlag, StaffUser, utcnow
from portal.staff.schedule import BANK_HOLIDAYS

WORKING_DAY = (time(9, 0), time(17, 0))


def raise_if_needed(
    db_session: Session,
    response: Response,
    codings: list[AnswerCoding],
    config: dict[str, Any],
    again: bool = False,
) -> tuple[SafeguardingFlag | None, list[OutboundMessage]]:
    """A flag (once per response) and its alerts, when any answer was flagged.

    ``again``: these are new words (added after sending), so a new disclosure
    alerts afresh and opens a flag a person had already acknowledged; the
    earlier acknowledgement stays on the audit record."""
    flagged = [c.question_id for c in codings if c.safeguarding]
    if not flagged:
        return None, []
    flag = db_session.scalar(select(SafeguardingFlag).where(SafeguardingFlag.response_id == response.id))
    if flag is not None:
        new = set(flagged) - set(flag.question_ids)
        flag.question_ids = sorted(set(flag.question_ids) | set(flagged))
        if not (again and new):
            return flag, []
        flag.acknowledged_at, flag.acknowledged_by_id, flag.escalated_at = None, None, None
        flag.raised_at = utcnow()
        return flag, _alert(db_session, response, _first_recipients(db_session, response, config))
    flag = SafeguardingFlag(response_id=response.id, question_ids=flagged)
    db_session.add(flag)
    return flag, _alert(db_session, response, _first_recipients(db_session, response, config))


def _link(response: Response) -> str:
    return f"/staff/meetings/{response.invitation.meeting_id}#flag"


def _first_recipients(db_session: Session, response: Response, config: dict[str, Any]) -> list[str]:
    meeting = response.invitation.meeting
    people = [meeting.child.iro if meeting.child and meeting.child.iro else meeting.chair]
    addresses = [p.email for p in people if p is not None and p.active]
    addresses += [config["DUTY_EMAIL"]] if config.get("DUTY_EMAIL") else _managers(db_session)
    return list(dict.fromkeys(addresses))


def _managers(db_session: Session) -> list[str]:
    return list(
        db_session.scalars(select(StaffUser.email).where(StaffUser.role == "manager", StaffUser.active))
    )


def _alert(db_session: Session, response: Response, addresses: list[str]) -> list[OutboundMessage]:
    return [
        outbox.queue(db_session, "alert", "email", address, link_path=_link(response))
        for address in addresses
    ]


def acknowledge(flag: SafeguardingFlag, person: StaffUser, note: str) -> None:
    flag.acknowledged_at, flag.acknowledged_by_id, flag.note = utcnow(), person.id, note


def working_minutes_between(start: datetime, end: datetime, zone: str = "Europe/London") -> int:
    """Minutes of working time (Monday to Friday, 9 to 5, not bank holidays)
    between two naive-UTC moments."""
    tz, utc = ZoneInfo(zone), ZoneInfo("UTC")
    local_start = start.replace(tzinfo=utc).astimezone(tz)
    local_end = end.replace(tzinfo=utc).astimezone(tz)
    total, day = 0, local_start.date()
    while day <= local_end.date():
        if day.weekday() < 5 and day not in BANK_HOLIDAYS:
            open_at = datetime.combine(day, WORKING_DAY[0], tz)
            close_at = datetime.combine(day, WORKING_DAY[1], tz)
            overlap = min(close_at, local_end) - max(open_at, local_start)
            total += max(0, int(overlap.total_seconds() // 60))
        day += timedelta(days=1)
    return total


def escalate_due(
    db_session: Session, config: dict[str, Any], now: datetime | None = None
) -> list[SafeguardingFlag]:
    """Flags unacknowledged for longer than the set working time go to every manager."""
    now = now or utcnow()
    limit = config["SAFEGUARDING_ESCALATE_MINUTES"]
    waiting = db_session.scalars(
        select(SafeguardingFlag).where(
            SafeguardingFlag.acknowledged_at.is_(None), SafeguardingFlag.escalated_at.is_(None)
        )
    ).all()
    escalated = []
    for flag in waiting:
        if working_minutes_between(flag.raised_at, now, config["BABEL_DEFAULT_TIMEZONE"]) >= limit:
            _alert(db_session, flag.response, _managers(db_session))
            flag.escalated_at = now
            escalated.append(flag)
    return escalated
