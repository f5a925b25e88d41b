"""Practice alerts: an IRO's challenge to the service about a child's plan,
and its escalation through the dispute resolution stages (informal, formal
stages, the director) until it is resolved, with the outcome."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import PRACTICE_ALERT_STAGES, Child, PracticeAlert, StaffUser, utcnow


def next_stage(alert: PracticeAlert) -> str | None:
    """The stage an open alert would be escalated to, or None at the last."""
    index = PRACTICE_ALERT_STAGES.index(alert.stage) if alert.stage in PRACTICE_ALERT_STAGES else -1
    if alert.resolved_at is not None or index + 1 >= len(PRACTICE_ALERT_STAGES):
        return None
    return PRACTICE_ALERT_STAGES[index + 1]


def raise_alert(child: Child, subject: str, note: str, user: StaffUser) -> PracticeAlert:
    """A new informal alert (the caller adds it to the session)."""
    return PracticeAlert(
        child_id=child.id, subject=subject, stage="informal", note=note.strip(), raised_by=user
    )


def escalate(alert: PracticeAlert, user: StaffUser) -> str | None:
    """Take an open alert to its next stage, keeping when and by whom."""
    stage = next_stage(alert)
    if stage is not None:
        alert.stage = stage
        alert.escalations = [*alert.escalations, {"stage": stage, "at": utcnow().isoformat(), "by": user.id}]
    return stage


def resolve(alert: PracticeAlert, outcome: str) -> None:
    alert.resolved_at = utcnow()
    alert.outcome = outcome.strip()


def for_child(db_session: Session, child_id: int) -> list[PracticeAlert]:
    return list(
        db_session.scalars(
            select(PracticeAlert)
            .where(PracticeAlert.child_id == child_id)
            .order_by(PracticeAlert.raised_at.desc())
        )
    )
