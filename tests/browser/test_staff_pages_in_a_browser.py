"""Every staff page, for every role, passes axe's WCAG 2.2 A and AA rules in a
real browser, signed in through the real sign-in with a second factor."""

from __future__ import annotations

import pyotp
import pytest
from flask import url_for
from sqlalchemy import select

from portal.access import PUBLIC, RULES
from portal.demo import DEMO_PASSWORD, seed
from portal.models import Child, ImportBatch, Invitation, Meeting, Response, StaffUser
from tests.browser.conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_world(live_server):
    with live_server.session() as db_session:
        seed(db_session, live_server.url)
        everyone = db_session.scalars(select(StaffUser)).all()
        for user in everyone:
            user.totp_secret, user.totp_confirmed = pyotp.random_base32(), True
        users = {u.role: u for u in everyone}
        iro = db_session.scalar(select(StaffUser).where(StaffUser.email == "priya.shah@demo.invalid"))
        users["iro"] = iro
        meeting = db_session.scalar(
            select(Meeting)
            .where(Meeting.chair_id == iro.id, Meeting.participation_code.is_(None))
            .order_by(Meeting.held_on)
        )
        child = db_session.scalar(select(Child).where(Child.iro_id == iro.id))
        batch = ImportBatch(
            kind="children", content="child_ref,first_name\nX,\n", created_by_id=users["admin"].id
        )
        db_session.add(batch)
        db_session.commit()
        response = db_session.scalar(
            select(Response).join(Invitation).join(Meeting).where(Meeting.chair_id == iro.id)
        )
        ids = {
            "meeting_id": meeting.id,
            "child_id": child.id,
            "batch_id": batch.id,
            "response_id": response.id,
            "flag_id": 1,
            "question_id": "worries",
            "follow_up_id": 1,
            "year": 2025,
            "name": "1-participation-codes-2025-26",
        }
        return {role: (u.email, u.totp_secret, u.id) for role, u in users.items()}, ids


def sign_in(page, base, email, secret):  # type: ignore[no-untyped-def]
    page.goto(f"{base}/sign-in")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.click("button:has-text('Sign in')")
    page.fill("#code", pyotp.TOTP(secret).now())
    page.click("button:has-text('Continue')")


@pytest.mark.parametrize("role", ["iro", "manager", "business_support", "admin", "participation_officer"])
def test_every_page_a_role_can_open_passes_axe(live_server, browser, demo_world, role):
    people, ids = demo_world
    email, secret, user_id = people[role]
    context = browser.new_context(viewport={"width": 1024, "height": 800}, bypass_csp=True)
    page = context.new_page()
    sign_in(page, live_server.url, email, secret)
    failures = {}
    with live_server.app.test_request_context():
        urls = []
        for endpoint, rule in sorted(RULES.items()):
            if rule == PUBLIC or role not in rule:
                continue
            url_rule = next(r for r in live_server.app.url_map.iter_rules() if r.endpoint == endpoint)
            if "GET" not in url_rule.methods:
                continue
            values = {name: user_id if name == "user_id" else ids[name] for name in url_rule.arguments}
            urls.append(url_for(endpoint, **values))
    for path in urls:
        if path.endswith((".csv", ".docx")):
            continue  # downloads, not pages
        page.goto(live_server.url + path)
        assert "/sign-in" not in page.url, path
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
    if role == "iro":
        page.goto(f"{live_server.url}/staff/meetings/{ids['meeting_id']}")
        screenshot(page, "iro-meeting-page")
    context.close()
    assert failures == {}
