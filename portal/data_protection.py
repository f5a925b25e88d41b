"""What the portal holds about a child, for how long, and how it goes.

- Retention (``myreview retention``): saved-but-unsent answers go once their
  link has closed; sent messages and sign-in attempts after a few months; a
  child's whole record when they reach the council's retention age (75 by
  default, as for care records); anonymous conference feedback after a set
  number of years.
- Subject access (``myreview export-child``): everything held about one child
  as a zip of JSON and a readable page, with the log of who read their words.
- Erasure (``myreview erase-child``): one child's record and everything
  attached to it, where the law allows; the audit log keeps that it happened,
  never what was said.

Every run is audited by counts only: no names and no words.
"""

from __future__ import annotations

import html
import io
import json
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from portal import audit
from portal.models import (
    AnswerCoding,
    AuditEvent,
    Child,
    ChildLetter,
    CodingCorrection,
    ConferenceLink,
    Draft,
    Invitation,
    Meeting,
    OutboundMessage,
    PracticeAlert,
    Response,
    ReviewRecord,
    SafeguardingFlag,
    SignInAttempt,
    StaffUser,
    utcnow,
)


@dataclass(frozen=True)
class Retention:
    """How long things are kept (from configuration)."""

    child_record_until_age: int = 75
    feedback_years: int = 6
    message_days: int = 90
    sign_in_attempt_days: int = 30

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Retention:
        return cls(
            child_record_until_age=int(config.get("RETAIN_CHILD_RECORD_UNTIL_AGE", 75)),
            feedback_years=int(config.get("RETAIN_FEEDBACK_YEARS", 6)),
            message_days=int(config.get("RETAIN_MESSAGE_DAYS", 90)),
            sign_in_attempt_days=int(config.get("RETAIN_SIGN_IN_ATTEMPT_DAYS", 30)),
        )


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def apply_retention(
    db_session: Session, rules: Retention, dry_run: bool, today: date | None = None
) -> Counter[str]:
    """Delete (or, in a dry run, count) what has been kept long enough."""
    today = today or date.today()
    now = utcnow()
    counts: Counter[str] = Counter()

    closed_drafts = [
        draft
        for draft in db_session.scalars(
            select(Draft)
            .join(Invitation, Draft.invitation_id == Invitation.id)
            .where(Invitation.submitted_at.is_(None))
        )
        if draft.invitation.revoked_at is not None or draft.invitation.closes_at <= now
    ]
    counts["unsent drafts of closed links"] = len(closed_drafts)

    old_messages = select(OutboundMessage.id).where(
        OutboundMessage.status.in_(("sent", "failed")),
        OutboundMessage.created_at < now - timedelta(days=rules.message_days),
    )
    counts["sent or failed messages"] = len(db_session.scalars(old_messages).all())
    old_attempts = select(SignInAttempt.id).where(
        SignInAttempt.at < now - timedelta(days=rules.sign_in_attempt_days)
    )
    counts["failed sign-in attempts"] = len(db_session.scalars(old_attempts).all())

    born_before = _years_before(today, rules.child_record_until_age)
    past_age = db_session.scalars(select(Child).where(Child.date_of_birth <= born_before)).all()
    counts["children past the retention age"] = len(past_age)

    feedback_before = _years_before(today, rules.feedback_years)
    old_conferences = db_session.scalars(
        select(Meeting).where(Meeting.child_id.is_(None), Meeting.held_on < feedback_before)
    ).all()
    counts["conferences with feedback past its years"] = len(old_conferences)

    if dry_run:
        return counts
    for draft in closed_drafts:
        db_session.delete(draft)
    db_session.execute(delete(OutboundMessage).where(OutboundMessage.id.in_(old_messages)))
    db_session.execute(delete(SignInAttempt).where(SignInAttempt.id.in_(old_attempts)))
    for child in past_age:
        _erase(db_session, child)
    for meeting in old_conferences:
        _delete_meetings(db_session, [meeting.id])
    audit.record("retention", detail="; ".join(f"{k}={v}" for k, v in counts.items()), db_session=db_session)
    return counts


def _delete_meetings(db_session: Session, meeting_ids: list[int]) -> int:
    """Meetings and everything hanging from them (database cascades do the codings)."""
    if not meeting_ids:
        return 0
    invitations = select(Invitation.id).where(Invitation.meeting_id.in_(meeting_ids))
    db_session.execute(delete(OutboundMessage).where(OutboundMessage.invitation_id.in_(invitations)))
    db_session.execute(delete(Draft).where(Draft.invitation_id.in_(invitations)))
    responses = db_session.scalars(select(Response).where(Response.invitation_id.in_(invitations))).all()
    for response in responses:
        db_session.delete(response)  # codings, corrections, flags, follow-ups and quotes cascade
    records = select(ReviewRecord.id).where(ReviewRecord.meeting_id.in_(meeting_ids))
    db_session.execute(delete(ChildLetter).where(ChildLetter.record_id.in_(records)))
    for record in db_session.scalars(select(ReviewRecord).where(ReviewRecord.meeting_id.in_(meeting_ids))):
        db_session.delete(record)  # its recommendations and amendments go with it
    db_session.flush()
    db_session.execute(delete(Invitation).where(Invitation.meeting_id.in_(meeting_ids)))
    db_session.execute(delete(ConferenceLink).where(ConferenceLink.meeting_id.in_(meeting_ids)))
    db_session.execute(delete(Meeting).where(Meeting.id.in_(meeting_ids)))
    return len(responses)


def _erase(db_session: Session, child: Child) -> int:
    db_session.execute(delete(PracticeAlert).where(PracticeAlert.child_id == child.id))
    meeting_ids = list(db_session.scalars(select(Meeting.id).where(Meeting.child_id == child.id)))
    responses = _delete_meetings(db_session, meeting_ids)
    db_session.execute(delete(OutboundMessage).where(OutboundMessage.child_id == child.id))
    for person in list(child.people):
        db_session.delete(person)
    db_session.delete(child)
    db_session.flush()
    return responses


def erase_child(db_session: Session, child: Child) -> int:
    """Erase one child's record and everything attached to it. Returns the
    number of responses that went. The audit log keeps the record number only."""
    reference = child.id
    responses = _erase(db_session, child)
    audit.record("erase_child", "child", reference, detail=f"responses={responses}", db_session=db_session)
    return responses


def _response_ids(db_session: Session, child: Child) -> list[int]:
    return list(
        db_session.scalars(
            select(Response.id)
            .join(Invitation, Response.invitation_id == Invitation.id)
            .join(Meeting, Invitation.meeting_id == Meeting.id)
            .where(Meeting.child_id == child.id)
        )
    )


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def export_child(db_session: Session, child: Child) -> bytes:
    """Everything held about one child, for a subject access request: a zip of
    ``record.json`` (the record, the people in their life, meetings, what each
    person sent and how it was coded, any flags), ``who-read-it.json`` (the
    audit of every read of their words) and ``index.html`` to read it all."""
    meetings = db_session.scalars(
        select(Meeting).where(Meeting.child_id == child.id).order_by(Meeting.held_on)
    ).all()
    response_ids = _response_ids(db_session, child)
    codings = db_session.scalars(select(AnswerCoding).where(AnswerCoding.response_id.in_(response_ids)))
    by_response: dict[int, list[dict[str, Any]]] = {}
    for row in codings:
        by_response.setdefault(row.response_id, []).append(
            {"question": row.question_id, "themes": row.themes, "sentiment": row.sentiment}
        )
    corrections = db_session.scalars(
        select(CodingCorrection).where(CodingCorrection.response_id.in_(response_ids))
    ).all()
    flags = db_session.scalars(
        select(SafeguardingFlag).where(SafeguardingFlag.response_id.in_(response_ids))
    ).all()
    record = {
        "child": {
            "reference": child.external_ref,
            "first_name": child.first_name,
            "last_name": child.last_name,
            "date_of_birth": _plain(child.date_of_birth),
            "came_into_care_on": _plain(child.came_into_care_on),
            "left_care_on": _plain(child.left_care_on),
            "language": child.language,
            "preferred_name": child.preferred_name,
            "pronouns": child.pronouns,
            "words_to_use": child.words_to_use,
            "email": child.email,
            "mobile": child.mobile,
        },
        "people": [
            {"name": p.name, "relationship": p.relationship_to_child, "role": p.role, "email": p.email}
            for p in child.people
        ],
        "meetings": [
            {
                "kind": m.kind,
                "held_on": _plain(m.held_on),
                "participation_code": m.participation_code,
                "consultations": [
                    {
                        "asked": i.audience,
                        "sent_at": _plain(i.sent_at),
                        "submitted_at": _plain(i.submitted_at),
                        "answers": i.response.answers if i.response else None,
                        "language": i.response.language if i.response else None,
                        "coded": by_response.get(i.response.id, []) if i.response else [],
                    }
                    for i in db_session.scalars(select(Invitation).where(Invitation.meeting_id == m.id))
                ],
            }
            for m in meetings
        ],
        "corrections_of_coding": [
            {"question": c.question_id, "themes": c.themes, "sentiment": c.sentiment} for c in corrections
        ],
        "safeguarding_flags": [
            {
                "raised_at": _plain(f.raised_at),
                "questions": f.question_ids,
                "acknowledged_at": _plain(f.acknowledged_at),
                "note": f.note,
            }
            for f in flags
        ],
    }
    reads = _audit_of(db_session, child, meetings, response_ids)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("record.json", json.dumps(record, ensure_ascii=False, indent=2))
        archive.writestr("who-read-it.json", json.dumps(reads, ensure_ascii=False, indent=2))
        archive.writestr("index.html", _readable(record, reads))
    audit.record("export_child", "child", child.id, db_session=db_session)
    return out.getvalue()


def _audit_of(
    db_session: Session, child: Child, meetings: Sequence[Meeting], response_ids: list[int]
) -> list[dict[str, Any]]:
    objects = [("child", str(child.id))]
    objects += [("meeting", str(m.id)) for m in meetings]
    objects += [("response", str(r)) for r in response_ids]
    conditions = [
        (AuditEvent.object_type == kind) & (AuditEvent.object_id == ident) for kind, ident in objects
    ]
    events = db_session.execute(
        select(AuditEvent, StaffUser.name)
        .outerjoin(StaffUser, AuditEvent.staff_user_id == StaffUser.id)
        .where(or_(*conditions))
        .order_by(AuditEvent.at)
    ).all()
    return [
        {
            "when": _plain(event.at),
            "staff_user": who,
            "action": event.action,
            "what": f"{event.object_type} {event.object_id}",
            "outcome": event.outcome,
        }
        for event, who in events
    ]


def _readable(record: dict[str, Any], reads: list[dict[str, Any]]) -> str:
    """A plain page a person can read: every value escaped, no scripts, no links out."""

    def block(title: str, value: Any) -> str:
        body = html.escape(json.dumps(value, ensure_ascii=False, indent=2))
        return f"<h2>{html.escape(title)}</h2>\n<pre>{body}</pre>\n"

    child = record["child"]
    full_name = f"{child['first_name']} {child['last_name']}"
    name = html.escape(full_name)
    heading = html.escape(_("What My Review holds about %(name)s", name=full_name))
    parts = [
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{name}</title></head><body>',
        f"<h1>{heading}</h1>",
        block(_("Their record"), child),
        block(_("People in their life"), record["people"]),
        block(_("Meetings, and what was sent before them"), record["meetings"]),
        block(_("Corrections of how words were coded"), record["corrections_of_coding"]),
        block(_("Safeguarding flags"), record["safeguarding_flags"]),
        block(_("Who read it, and when"), reads),
        "</body></html>",
    ]
    return "\n".join(parts)
