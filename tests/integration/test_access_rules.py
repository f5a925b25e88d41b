"""Deny by default: every route has a rule, and every role gets exactly what
the one table in portal/access.py allows."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from portal.access import PUBLIC, RULES
from portal.consult import service
from portal.models import (
    AuditEvent,
    FollowUp,
    ImportBatch,
    PracticeAlert,
    Recommendation,
    ReviewRecord,
    SafeguardingFlag,
    ServicePriority,
)
from tests.support import factories
from tests.support.staff import sign_in

ROLES = ("iro", "participation_officer", "manager", "business_support", "admin")


def test_every_route_has_an_access_rule(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = sorted(endpoints - set(RULES))
    assert missing == [], f"routes with no access rule (they answer 404 to everyone): {missing}"


@pytest.fixture
def world(db_session):
    """One of everything, owned by the IRO who will be signed in as 'iro'."""
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


def _url(app, endpoint, ids, user):
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    values = {name: (user.id if name == "user_id" else ids[name]) for name in rule.arguments}
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint, **values), rule.methods


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_the_pages_its_rule_allows(app, client, db_session, world, role):
    people, ids = world
    user = people[role]
    sign_in(client, db_session, user)
    token = client.csrf_token(
        "/staff/profile"
        if role in ("iro", "manager")
        else "/admin/"
        if role != "participation_officer"
        else "/sign-in"
    )
    wrong = []
    for endpoint, rule in sorted(RULES.items()):
        if rule == PUBLIC or endpoint not in app.view_functions:
            continue
        url, methods = _url(app, endpoint, ids, user)
        for method in sorted(methods & {"GET", "POST"}):
            response = client.open(
                url, method=method, data={"csrf_token": token} if method == "POST" else None
            )
            refused = response.status_code == 403
            if (role in rule) == refused:
                wrong.append(f"{method} {url} ({endpoint}): {response.status_code}")
            if response.status_code == 302 and "/sign-in" in response.headers["Location"]:
                wrong.append(f"{method} {url} ({endpoint}): signed out")
    assert wrong == []


def test_anonymous_visitors_are_sent_to_sign_in_for_every_staff_page(app, client, world):
    people, ids = world
    for endpoint, rule in RULES.items():
        if rule == PUBLIC or endpoint not in app.view_functions:
            continue
        url, methods = _url(app, endpoint, ids, people["iro"])
        if "GET" in methods:
            response = client.get(url)
            assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in"), url


def test_another_iros_response_and_photo_are_not_found_and_the_attempts_audited(client, db_session, world):
    people, ids = world
    stranger = factories.iro(db_session, name="Sol Stranger")
    sign_in(client, db_session, stranger)
    assert client.get(f"/staff/responses/{ids['response_id']}").status_code == 404
    assert client.get("/staff/responses/999999").status_code == 404
    assert client.get(f"/staff/profile/photo/{people['iro'].id}").status_code == 404
    assert client.get(f"/staff/children/{ids['child_id']}/letter").status_code == 404
    denied = db_session.scalars(select(AuditEvent).where(AuditEvent.outcome == "denied")).all()
    assert {(e.action, e.object_id) for e in denied} >= {
        ("read_response", str(ids["response_id"])),
        ("read_photo", str(people["iro"].id)),
        ("read_child", str(ids["child_id"])),
    }
