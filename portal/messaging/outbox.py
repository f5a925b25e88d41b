"""Queue a message, then deliver it; a failure is recorded and retried with
back-off, and shows on the caseload until it goes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask_babel import format_date
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from portal.auth import account_links
from portal.messaging import content
from portal.messaging.senders import SendFailed, sender_for
from portal.models import Invitation, OutboundMessage, StaffUser, utcnow
from portal.tokens import hash_token, new_token

BACK_OFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)
MAX_ATTEMPTS = len(BACK_OFF) + 1
# A sender claims a message before sending it, so two senders (this process's
# background thread and the worker) never send it twice. A claim left by a
# process that stopped mid-send lapses after this long, and the message is sent again.
CLAIM = timedelta(minutes=5)


def queue(
    db_session: Session,
    purpose: str,
    channel: str,
    to: str,
    *,
    invitation: Invitation | None = None,
    staff_user: StaffUser | None = None,
    link_path: str = "",
) -> OutboundMessage:
    message = OutboundMessage(
        purpose=purpose,
        channel=channel,
        to_address=to,
        invitation=invitation,
        staff_user=staff_user,
        link_path=link_path,
    )
    db_session.add(message)
    return message


def _fresh_link(invitation: Invitation, base_url: str) -> str:
    """Every send makes a new link; earlier links for the invitation stop working.
    Tokens are never stored, so a retry cannot resend an old one."""
    token = new_token()
    invitation.token_hash = hash_token(token)
    return f"{base_url}/c/{token}"


def _content(db_session: Session, message: OutboundMessage, config: dict[str, Any]) -> content.Content:
    base, council = config["PUBLIC_BASE_URL"].rstrip("/"), config["COUNCIL_NAME"]
    if message.purpose in ("invitation", "iro_profile") and message.invitation is not None:
        url = _fresh_link(message.invitation, base)
        until = format_date(message.invitation.last_day, "d MMMM yyyy")
        make = content.invitation if message.purpose == "invitation" else content.iro_profile
        return make(url, until, council)
    if message.purpose in ("set_password", "reset_password") and message.staff_user is not None:
        token = account_links.issue(db_session, message.staff_user, message.purpose)
        return content.account(f"{base}/account/password/{token}", message.purpose, council)
    if message.purpose == "alert":
        return content.alert(f"{base}{message.link_path}", council)
    raise ValueError(f"message {message.id} has nothing to send")


def deliver(db_session: Session, message: OutboundMessage, config: dict[str, Any]) -> bool:
    """Try to send one message now. Commits either way; returns whether it went."""
    message.attempts += 1
    try:
        made = _content(db_session, message, config)
        sender_for(message.channel, config).send(message.to_address, made.subject, made.body)
    except SendFailed as error:
        db_session.rollback()  # a link made for a failed send must not stay in force
        message = db_session.get(OutboundMessage, message.id)  # type: ignore[assignment]
        message.attempts += 1
        message.last_error = str(error)[:500]
        message.status = "failed" if message.attempts >= MAX_ATTEMPTS else "pending"
        message.next_attempt_at = utcnow() + BACK_OFF[min(message.attempts, len(BACK_OFF)) - 1]
        db_session.commit()
        return False
    message.status, message.sent_at, message.last_error = "sent", utcnow(), ""
    if message.invitation is not None and message.purpose == "invitation":
        message.invitation.sent_at = message.invitation.sent_at or utcnow()
    if message.invitation is not None and message.purpose == "iro_profile":
        child = message.invitation.meeting.child
        if child is not None:
            child.profile_sent_at = utcnow()
    db_session.commit()
    return True


def claim(db_session: Session, message_id: int) -> OutboundMessage | None:
    """Take a message to send, unless another sender has it or it is not due."""
    now = utcnow()
    taken = db_session.execute(
        update(OutboundMessage)
        .where(
            OutboundMessage.id == message_id,
            or_(OutboundMessage.status == "pending", OutboundMessage.status == "sending"),
            OutboundMessage.next_attempt_at <= now,
        )
        .values(status="sending", next_attempt_at=now + CLAIM)
    )
    db_session.commit()
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        return None
    return db_session.get(OutboundMessage, message_id)


def deliver_claimed(db_session: Session, message_id: int, config: dict[str, Any]) -> bool | None:
    """Claim then send one message. None when it was not ours to send."""
    message = claim(db_session, message_id)
    if message is None:
        return None
    return deliver(db_session, message, config)


def due_ids(db_session: Session, limit: int = 200) -> list[int]:
    return list(
        db_session.scalars(
            select(OutboundMessage.id)
            .where(
                or_(OutboundMessage.status == "pending", OutboundMessage.status == "sending"),
                OutboundMessage.next_attempt_at <= utcnow(),
            )
            .order_by(OutboundMessage.id)
            .limit(limit)
        )
    )


def deliver_due(db_session: Session, config: dict[str, Any], limit: int = 200) -> tuple[int, int]:
    """Send everything whose time has come (and nothing another sender holds). Returns (sent, failed)."""
    sent = failed = 0
    for message_id in due_ids(db_session, limit):
        outcome = deliver_claimed(db_session, message_id, config)
        sent += outcome is True
        failed += outcome is False
    return sent, failed
