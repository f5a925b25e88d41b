"""Deny by default: every route has a rule, and every role gets exactly what
the one table in portal/access.py allows."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.access import PUBLIC, RULES
from portal.models import (
    AuditEvent,
)
from tests.support import factories
from tests.support.every_route import ROLES, url_of
from tests.support.staff import sign_in


def test_every_route_has_an_access_rule(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = sorted(endpoints - set(RULES))
    assert missing == [], f"routes with no access rule (they answer 404 to everyone): {missing}"


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
        url, methods = url_of(app, endpoint, ids, user)
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
        url, methods = url_of(app, endpoint, ids, people["iro"])
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
