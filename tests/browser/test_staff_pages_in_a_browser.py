"""Every staff page, for every role, passes axe's WCAG 2.2 A and AA rules in a
real browser, signed in through the real sign-in with a second factor."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pyotp
import pytest
from flask import url_for
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from portal.access import PUBLIC, RULES
from portal.db import make_engine
from portal.demo import DEMO_PASSWORD, seed
from portal.models import Child, ImportBatch, Invitation, Meeting, PracticeAlert, Response, StaffUser
from tests.browser.conftest import SMALL_TARGETS, axe_violations, screenshot
from tests.browser.test_child_journey_in_a_browser import tab_to

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path) -> tuple[Path, tuple]:
    """The demo's world with a second factor for everyone, seeded once for this
    module (it takes seconds); each test serves a copy of it, so none sees
    another's changes."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copy(migrated_sqlite, path)
    engine = make_engine(f"sqlite:///{path}")
    with Session(engine, expire_on_commit=False) as db_session:
        seed(db_session, "http://127.0.0.1")
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
        alert = PracticeAlert(child_id=child.id, subject="drift", note="Plan drifting", raised_by=iro)
        db_session.add_all([batch, alert])
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
            "alert_id": alert.id,
            "priority_id": 1,
            "year": 2025,
            "name": "3-participation-codes-2025-26",
        }
        people = {role: (u.email, u.totp_secret, u.id) for role, u in users.items()}
        # Everything into the one file, so that copying the file copies it all.
        db_session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    engine.dispose()
    return path, (people, ids)


@pytest.fixture
def live_server(serve, demo_database):
    return serve(database_from=demo_database[0])


@pytest.fixture
def demo_world(demo_database):
    return demo_database[1]


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
        small = page.evaluate(SMALL_TARGETS)
        if small:
            failures[path] = [*failures.get(path, []), {"targets under 24px": small[:3]}]
    if role == "iro":
        page.goto(f"{live_server.url}/staff/meetings/{ids['meeting_id']}")
        screenshot(page, "iro-meeting-page")
    context.close()
    assert failures == {}


# Each staff form sent empty or wrong: the page with its error summary and
# messages must pass axe too. (role, page, the button that sends the form)
ERROR_STATES = [
    ("iro", "/staff/profile", "Save profile"),
    ("iro", "/staff/meetings/{past_meeting_id}", "Record participation code"),
    ("iro", "/staff/meetings/{past_meeting_id}/alerts/new", "Raise the practice alert"),
    ("iro", "/staff/meetings/{past_meeting_id}/contact", "Save"),
    ("business_support", "/staff/meetings/{conference_id}/paper-feedback", "Save the form"),
    ("admin", "/admin/users/new", "Send invitation"),
    ("manager", "/admin/cover", "Give cover"),
    ("admin", "/admin/import", "Check the file"),
    ("participation_officer", "/insights/actions", "Record"),
]


def clear_and_send(page, button: str) -> None:  # type: ignore[no-untyped-def]
    form = page.locator(
        "form", has=page.locator(f"button:text-is('{button}'), input[value='{button}']")
    ).first
    for field in form.locator("input[type=text], input[type=email], input:not([type]), textarea").all():
        if field.is_visible():
            field.fill("")
    # A suggested answer may come pre-chosen: take it away, as if none applied.
    form.evaluate("(f) => f.querySelectorAll('input[type=radio]').forEach((r) => { r.checked = false; })")
    with page.expect_navigation():
        form.locator(f"button:text-is('{button}'), input[value='{button}']").first.click()


@pytest.mark.parametrize(("role", "path", "button"), ERROR_STATES)
def test_each_staff_form_in_its_error_state_passes_axe(live_server, browser, demo_world, role, path, button):
    people, ids = demo_world
    with live_server.session() as db_session:
        conference = db_session.scalar(select(Meeting).where(Meeting.kind == "cp_conference"))
        past = db_session.scalar(
            select(Meeting).where(
                Meeting.chair_id == people["iro"][2],
                Meeting.kind != "cp_conference",
                Meeting.participation_code.is_(None),
                Meeting.held_on < date.today(),
            )
        )
        ids = {**ids, "conference_id": conference.id, "past_meeting_id": past.id}
    email, secret, _ = people[role]
    context = browser.new_context(viewport={"width": 1024, "height": 800}, bypass_csp=True)
    page = context.new_page()
    sign_in(page, live_server.url, email, secret)
    page.goto(live_server.url + path.format(**ids))
    clear_and_send(page, button)
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible(), f"{path}: no error summary after sending it empty"
    assert page.locator(".govuk-error-message").count() >= 1, f"{path}: no message beside the field"
    assert axe_violations(page) == [], path
    context.close()


def test_the_sign_in_pages_in_their_error_states_pass_axe(live_server, browser, demo_world):
    context = browser.new_context(viewport={"width": 375, "height": 812}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in")
    page.fill("#email", "nobody@demo.invalid")
    page.fill("#password", "wrong password")
    with page.expect_navigation():
        page.click("button:has-text('Sign in')")
    assert page.locator(".govuk-error-summary").is_visible()
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/forgot-password")
    clear_and_send(page, page.locator("main form button").first.inner_text().strip())
    assert page.locator(".govuk-error-summary").is_visible()
    assert axe_violations(page) == []
    context.close()


def test_an_iro_records_contact_before_a_review_with_the_keyboard_alone(live_server, browser, demo_world):
    people, _ids = demo_world
    email, secret, iro_id = people["iro"]
    with live_server.session() as db_session:
        past = db_session.scalar(
            select(Meeting).where(
                Meeting.chair_id == iro_id,
                Meeting.kind == "looked_after_review",
                Meeting.contact_before_how.is_(None),
                Meeting.held_on < date.today(),
            )
        )
        assert past is not None
        visit = past.held_on - timedelta(days=3)
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    sign_in(page, live_server.url, email, secret)
    page.goto(f"{live_server.url}/staff/meetings/{past.id}")
    tab_to(page, "Record the contact before the review", limit=400)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "Visited the child", check_label=True)
    page.keyboard.press("Space")
    for part in (str(visit.day), str(visit.month), str(visit.year)):
        page.keyboard.press("Tab")
        page.keyboard.type(part)
    if page.locator("input[name=late_reason]").count():  # a late review asks why
        tab_to(page, "Rearranged at the family's or carer's request", check_label=True)
        page.keyboard.press("Space")
    tab_to(page, "Save")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    section = page.locator("#contact-before").inner_text()
    assert f"Visited the child on {visit.day} " in section, section
    context.close()


def test_a_participation_officer_records_you_said_we_did_with_the_keyboard_alone(
    live_server, browser, demo_world
):
    people, _ids = demo_world
    email, secret, _ = people["participation_officer"]
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    sign_in(page, live_server.url, email, secret)
    page.goto(f"{live_server.url}/insights/actions")
    tab_to(page, "Choose a theme")
    page.keyboard.press("ArrowDown")  # the first theme
    for day in ("1 4 2026", "31 3 2027"):  # the period, each date in its day, month and year boxes
        tab_to(page, "Day", check_label=True)
        for n, part in enumerate(day.split()):
            if n:
                page.keyboard.press("Tab")
            page.keyboard.type(part)
    for words in ("Reviews felt rushed", "Every review now has an hour", "IRO team manager"):
        page.keyboard.press("Tab")
        page.keyboard.type(words)
    tab_to(page, "Record")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    recorded = page.locator("table.govuk-table tbody tr").first.inner_text()
    assert "Every review now has an hour" in recorded and "1 Apr 2026" in recorded, recorded
    context.close()
