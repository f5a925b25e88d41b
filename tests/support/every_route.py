"""One of everything a staff page can be about, and the address of every route
for it: what the access and hostile-input tests walk."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask, url_for
from sqlalchemy.orm import Session

from portal.consult import service
from portal.models import (
    FollowUp,
    ImportBatch,
    PracticeAlert,
    Recommendation,
    ReviewRecord,
    SafeguardingFlag,
    ServicePriority,
)
from tests.support import factories

ROLES = ("iro", "participation_officer", "manager", "business_support", "admin")


def one_of_everything(db_session: Session) -> tuple[dict[str, Any], dict[str, Any]]:
    """A member of staff in each role, and one of everything, owned by the IRO: (people, ids)."""
    people = {
        role: factories.staff(db_session, role) if role != "iro" else factories.iro(db_session)
        for role in ROLES
    }
    invitation, _ = factories.consultation(db_session, age=10, chair=people["iro"])
    service.save_page(db_session, invitation, "worries", {"worries": "words"})
    response = service.submit(db_session, service.progress(db_session, invitation), "en")
    batch = ImportBatch(kind="children", content="child_ref\n", created_by_id=people["admin"].id)
    flag = SafeguardingFlag(response_id=response.id, question_ids=["worries"])
    follow_up = FollowUp(response_id=response.id)
    record = ReviewRecord(meeting_id=invitation.meeting_id, views=[])
    recommendation = Recommendation(record=record, text="Arrange a PEP", owner="Teacher", due_on=date.today())
    alert = PracticeAlert(
        child_id=invitation.meeting.child_id, subject="drift", note="Plan drifting", raised_by=people["iro"]
    )
    priority = ServicePriority(
        year=2026, title="Advocacy for every child", created_by_id=people["manager"].id
    )
    db_session.add_all([batch, flag, follow_up, record, recommendation, alert, priority])
    db_session.commit()
    ids = {
        "meeting_id": invitation.meeting_id,
        "response_id": response.id,
        "invitation_id": invitation.id,
        "child_id": invitation.meeting.child_id,
        "batch_id": batch.id,
        "token": "not-a-token",
        "page_id": "home",
        "flag_id": flag.id,
        "question_id": "worries",
        "follow_up_id": follow_up.id,
        "recommendation_id": recommendation.id,
        "alert_id": alert.id,
        "priority_id": priority.id,
        "year": 2025,
        "name": "3-participation-codes-2025-26",
    }
    return people, ids


def url_of(app: Flask, endpoint: str, ids: dict[str, Any], user: Any) -> tuple[str, set[str]]:
    """A route's address for the things in ``ids`` (``user`` for a user's own pages), and its methods."""
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    values = {name: (user.id if name == "user_id" else ids[name]) for name in rule.arguments}
    with app.test_request_context():
        return url_for(endpoint, **values), set(rule.methods or ())
