"""Staff accounts: second factor, throttling, sessions, resets and invitations."""

from __future__ import annotations

from datetime import timedelta

import pyotp
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.messaging import dispatch
from portal.models import AuditEvent, StaffSession, StaffUser, utcnow
from tests.support import factories
from tests.support.staff import sign_in, with_second_factor


def text(response) -> str:  # type: ignore[no-untyped-def]
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").main.get_text(" ", strip=True)


def test_first_sign_in_sets_up_the_second_factor_and_shows_recovery_codes_once(client, db_session):
    user = factories.iro(db_session)
    first = client.submit_form("/sign-in", {"email": user.email, "password": factories.PASSWORD})
    assert first.headers["Location"] == "/sign-in/set-up"
    assert client.get("/staff/caseload").status_code == 302  # a password alone signs nobody in
    page = client.soup("/sign-in/set-up")
    assert page.select_one(".app-qr svg") is not None
    db_session.refresh(user)
    secret = page.select_one(".app-secret").get_text()
    assert secret == user.totp_secret and not user.totp_confirmed
    wrong = client.submit_form("/sign-in/set-up", {"code": "000000"})
    assert "The code is not right" in text(wrong)
    done = client.submit_form("/sign-in/set-up", {"code": pyotp.TOTP(secret).now()})
    page = BeautifulSoup(done.get_data(as_text=True), "html.parser")
    codes = [c.get_text() for c in page.select(".app-recovery-codes code")]
    assert len(codes) == 10 and len(set(codes)) == 10
    # Shown in that response only: never carried in the (signed, readable) session cookie.
    cookie = client.get_cookie("myreview_session")
    assert cookie is not None and not any(code in _decoded(cookie.value) for code in codes)
    assert client.get("/staff/caseload").status_code == 200
    db_session.refresh(user)
    assert user.totp_confirmed and all(c not in str(user.recovery_codes) for c in codes)


def _decoded(cookie: str) -> str:
    import base64
    import zlib

    payload = cookie.lstrip(".").split(".")[0]
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    return (zlib.decompress(raw) if cookie.startswith(".") else raw).decode("utf-8", "replace")


def test_a_recovery_code_signs_in_once(app, client, db_session):
    from portal.auth import second_factor

    user = factories.iro(db_session)
    with_second_factor(db_session, user)
    codes = second_factor.new_recovery_codes(user)
    db_session.commit()
    client.submit_form("/sign-in", {"email": user.email, "password": factories.PASSWORD})
    assert client.submit_form("/sign-in/code", {"code": codes[0]}).headers["Location"] == "/staff/"
    other = app.test_client()
    other.submit_form("/sign-in", {"email": user.email, "password": factories.PASSWORD})
    again = other.submit_form("/sign-in/code", {"code": codes[0]})
    assert again.status_code == 200 and "The code is not right" in text(again)


def test_failed_sign_ins_are_throttled_the_same_way_for_unknown_addresses(client, db_session):
    user = factories.iro(db_session)
    for _ in range(5):
        client.submit_form("/sign-in", {"email": user.email, "password": "wrong password"})
        client.submit_form("/sign-in", {"email": "nobody@example.invalid", "password": "wrong password"})
    known = client.submit_form("/sign-in", {"email": user.email, "password": factories.PASSWORD})
    unknown = client.submit_form("/sign-in", {"email": "nobody@example.invalid", "password": "x"})
    assert known.status_code == unknown.status_code == 200
    assert "Too many attempts to sign in" in text(known)
    assert text(known) == text(unknown)


def test_wrong_password_and_unknown_account_pages_are_identical(client, db_session):
    user = factories.iro(db_session)
    wrong = client.submit_form("/sign-in", {"email": user.email, "password": "wrong password"})
    unknown = client.submit_form("/sign-in", {"email": "ghost@example.invalid", "password": "wrong password"})
    assert text(wrong).replace(user.email, "") == text(unknown).replace("ghost@example.invalid", "")


def test_a_new_session_token_after_the_second_factor_and_server_side_sign_out(app, client, db_session):
    user = factories.iro(db_session)
    secret = with_second_factor(db_session, user)
    client.submit_form("/sign-in", {"email": user.email, "password": factories.PASSWORD})
    half = db_session.scalar(select(StaffSession.token_hash))
    client.submit_form("/sign-in/code", {"code": pyotp.TOTP(secret).now()})
    db_session.expire_all()
    assert db_session.scalar(select(StaffSession.token_hash)) != half
    cookie = client.get_cookie("myreview_session").value
    thief = app.test_client()
    thief.set_cookie("myreview_session", cookie)
    assert thief.get("/staff/caseload").status_code == 200
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/caseload")})
    assert thief.get("/staff/caseload").status_code == 302  # the copied cookie is dead too
    assert db_session.scalar(select(StaffSession)) is None


def test_idle_and_absolute_timeouts(client, db_session):
    user = factories.iro(db_session)
    sign_in(client, db_session, user)
    record = db_session.scalar(select(StaffSession))
    record.last_seen_at = utcnow() - timedelta(minutes=31)
    db_session.commit()
    timed_out = client.get("/staff/caseload")
    assert timed_out.headers["Location"] == "/signed-out?timeout=1"
    assert "had not done anything for a while" in text(client.get("/signed-out?timeout=1"))
    sign_in(client, db_session, user)
    record = db_session.scalar(select(StaffSession))
    record.created_at = utcnow() - timedelta(hours=11)
    db_session.commit()
    assert client.get("/staff/caseload").status_code == 302


def test_staff_pages_carry_the_time_out_warning(client, db_session):
    sign_in(client, db_session, factories.iro(db_session))
    dialog = client.soup("/staff/caseload").select_one("dialog#timeout-warning")
    assert dialog["data-idle-seconds"] == "1800" and dialog["data-warning-seconds"] == "120"
    assert dialog.select_one("button[data-keep-alive]").get_text(strip=True) == "Stay signed in"
    keep = client.post("/keep-alive", headers={"X-CSRFToken": dialog["data-csrf-token"]})
    assert keep.status_code == 200 and keep.json == {"signed_in": True}


def test_disabling_an_account_ends_its_sessions(app, client, db_session):
    user = factories.iro(db_session)
    sign_in(client, db_session, user)
    admin = factories.staff(db_session, "admin")
    admin_client = app.test_client()
    sign_in(admin_client, db_session, admin)
    response = admin_client.submit_form(
        f"/admin/users/{user.id}", {"role": "iro", "team": "", "manager_id": "", "fte_percent": "100"}
    )
    assert response.status_code == 302
    assert client.get("/staff/caseload").status_code == 302
    change = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "change_user")).one()
    assert change.detail == "disabled" and change.staff_user_id == admin.id


def test_password_reset_by_email_is_single_use_and_still_asks_for_the_second_factor(
    client, db_session, mailbox
):
    user = factories.iro(db_session)
    with_second_factor(db_session, user)
    client.submit_form("/forgot-password", {"email": user.email})
    unknown = client.submit_form("/forgot-password", {"email": "nobody@example.invalid"})
    assert dispatch.sender(client.application).idle(10)  # sent in the background, off the request
    assert "If there is an account for that address" in text(unknown)
    [message] = mailbox.messages
    assert message.to == [user.email] and "reset" in message.subject.lower()
    path = message.link().replace("http://localhost", "")
    done = client.submit_form(path, {"password": "three random words", "confirm": "three random words"})
    assert done.headers["Location"] == "/sign-in?password_set=1"
    assert client.get(path).status_code == 404  # used
    step = client.submit_form("/sign-in", {"email": user.email, "password": "three random words"})
    assert step.headers["Location"] == "/sign-in/code"  # the link did not skip the second factor
    assert client.get("/staff/caseload").status_code == 302


def test_a_weak_or_mismatched_password_is_refused_with_messages(client, db_session, mailbox):
    user = factories.iro(db_session)
    client.submit_form("/forgot-password", {"email": user.email})
    assert dispatch.sender(client.application).idle(10)
    path = mailbox.messages[0].link().replace("http://localhost", "")
    short = client.submit_form(path, {"password": "short", "confirm": "short"})
    assert "Your password must be at least 12 characters" in text(short)
    mismatch = client.submit_form(path, {"password": "three random words", "confirm": "three random wordz"})
    assert "The passwords do not match" in text(mismatch)


def test_an_expired_reset_link_is_refused(client, db_session, mailbox):
    from portal.models import AccountToken

    user = factories.iro(db_session)
    client.submit_form("/forgot-password", {"email": user.email})
    assert dispatch.sender(client.application).idle(10)
    token = db_session.scalar(select(AccountToken))
    token.expires_at = utcnow() - timedelta(minutes=1)
    db_session.commit()
    path = mailbox.messages[0].link().replace("http://localhost", "")
    assert client.get(path).status_code == 404


def test_an_invited_user_sets_a_password_then_sets_up_the_second_factor(app, client, db_session, mailbox):
    admin = factories.staff(db_session, "admin")
    sign_in(client, db_session, admin)
    invited = client.submit_form(
        "/admin/users/new",
        {"name": "Nia Hughes", "email": "Nia.Hughes@example.invalid", "role": "iro", "team": "West"},
    )
    assert invited.headers["Location"] == "/admin/users"
    [message] = mailbox.to("nia.hughes@example.invalid")
    assert "Nia" not in message.body  # a link and plain words, no personal details
    newcomer = app.test_client()
    path = message.link().replace("http://localhost", "")
    newcomer.submit_form(path, {"password": "kettle violin harbour", "confirm": "kettle violin harbour"})
    step = newcomer.submit_form(
        "/sign-in", {"email": "nia.hughes@example.invalid", "password": "kettle violin harbour"}
    )
    assert step.headers["Location"] == "/sign-in/set-up"
    created = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "create_user"))
    assert created.detail == "role=iro"
    assert (
        db_session.scalar(select(StaffUser).where(StaffUser.email == "nia.hughes@example.invalid")).role
        == "iro"
    )


def test_an_iros_hours_are_recorded_for_caseloads_and_a_bad_figure_is_explained(app, client, db_session):
    iro = factories.iro(db_session)
    sign_in(client, db_session, factories.staff(db_session, "admin"))
    form = {"role": "iro", "team": "North", "manager_id": "", "active": "y"}
    refused = client.submit_form(f"/admin/users/{iro.id}", {**form, "fte_percent": "sixty"})
    assert refused.status_code == 200
    page = BeautifulSoup(refused.get_data(as_text=True), "html.parser")
    message = "Enter the hours as a percentage from 0 to 100"
    assert page.select_one(".govuk-error-summary a").get_text(strip=True) == message
    assert message in page.select_one("#fte_percent-error").get_text()
    assert page.select_one("#fte_percent")["value"] == "sixty"  # what was typed is kept
    assert client.submit_form(f"/admin/users/{iro.id}", {**form, "fte_percent": "60"}).status_code == 302
    db_session.expire_all()
    assert db_session.get(type(iro), iro.id).fte_percent == 60
    change = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "change_user")).all()[-1]
    assert "hours 100%->60%" in change.detail
