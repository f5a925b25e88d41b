"""The defects a security review found, each shown mended the way an attacker
(or an unlucky user) would meet it."""

from __future__ import annotations

import contextlib
import csv
import io
import logging
import threading
import urllib.request
from datetime import date

import pyotp
import pytest
from PIL import Image
from sqlalchemy import select
from werkzeug.serving import make_server

from portal import create_app
from portal.config import ConfigError
from portal.messaging import dispatch
from portal.models import AccountToken, OutboundMessage, ServiceAction, StaffUser
from portal.report import outputs
from tests.support import factories
from tests.support.mailbox import SilentRelay
from tests.support.staff import sign_in, with_second_factor


def start_sign_in(client, user) -> None:  # type: ignore[no-untyped-def]
    first = client.submit_form("/sign-in", {"email": user.email, "password": factories.PASSWORD})
    assert first.headers["Location"] == "/sign-in/code"


# 1. Second-factor codes: counted, and never twice.


def test_wrong_second_factor_codes_are_counted_and_then_refused_even_when_right(client, db_session):
    user = factories.iro(db_session)
    secret = with_second_factor(db_session, user)
    start_sign_in(client, user)
    for guess in ("000001", "000002", "000003", "000004", "000005"):
        wrong = client.submit_form("/sign-in/code", {"code": guess})
        assert "The code is not right" in wrong.get_data(as_text=True)
    stopped = client.submit_form("/sign-in/code", {"code": pyotp.TOTP(secret).now()})
    assert stopped.headers["Location"] == "/sign-in?too_many=1"
    assert "Too many wrong codes" in client.soup("/sign-in?too_many=1").get_text()
    assert client.get("/staff/caseload").status_code == 302  # not signed in


def test_a_second_factor_code_works_once(app, client, db_session):
    user = factories.iro(db_session)
    secret = with_second_factor(db_session, user)
    code = pyotp.TOTP(secret).now()
    start_sign_in(client, user)
    assert client.submit_form("/sign-in/code", {"code": code}).headers["Location"] == "/staff/"
    onlooker = app.test_client()
    start_sign_in(onlooker, user)
    replay = onlooker.submit_form("/sign-in/code", {"code": code})
    assert replay.status_code == 200 and "The code is not right" in replay.get_data(as_text=True)


# 2. Only known environments.


@pytest.mark.parametrize("name", ["Production", "prod", "PRODUCTION", "staging"])
def test_an_unknown_environment_name_refuses_to_start(monkeypatch, name):
    monkeypatch.setenv("MYREVIEW_ENV", name)
    monkeypatch.setenv("MYREVIEW_SECRET_KEY", "x" * 40)
    with pytest.raises(ConfigError, match="MYREVIEW_ENV"):
        create_app()


# 3. CSV cells that a spreadsheet would run.


def test_csv_cells_never_start_a_formula(app, client, db_session):
    manager = factories.staff(db_session, "manager")
    today = date.today()
    year = today.year if today.month >= 4 else today.year - 1
    db_session.add(
        ServiceAction(
            theme="education",
            period_start=date(year, 5, 1),
            period_end=date(year, 6, 1),
            you_said='=HYPERLINK("http://evil.example","click")',
            we_did="@SUM(1+1)",
            created_by_id=manager.id,
        )
    )
    db_session.commit()
    with app.test_request_context():
        from portal.report import sections

        files = outputs.csv_files(sections.build(db_session, year))
    rows = [row for name, body in files.items() if "you" in name for row in csv.reader(io.StringIO(body))]
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://evil.example","click")' in cells and "'@SUM(1+1)" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert outputs.spreadsheet_safe(-3) == -3  # numbers stay numbers


# 4. Opening the letter page changes nothing.


def test_opening_the_letter_page_leaves_the_childs_link_working(client, db_session):
    chair = factories.iro(db_session)
    invitation, token = factories.consultation(db_session, chair=chair)
    sign_in(client, db_session, chair)
    child_id = invitation.meeting.child_id
    page = client.soup(f"/staff/children/{child_id}/letter")
    assert page.select_one(".app-letter__qr svg") is None
    db_session.refresh(invitation)
    assert client.application.test_client().get(f"/c/{token}").status_code == 302  # still opens
    made = client.submit_form(f"/staff/children/{child_id}/letter", {})
    assert made.status_code == 200 and "<svg" in made.get_data(as_text=True)
    assert client.application.test_client().get(f"/c/{token}").status_code == 404  # replaced


# 5. Forgotten passwords.


def test_asking_for_a_reset_never_waits_on_the_mail_relay(app, client, db_session):
    relay = SilentRelay()
    app.config.update(SMTP_PORT=relay.port, SMTP_TIMEOUT_SECONDS=2)
    try:
        user = factories.iro(db_session)
        answered = client.submit_form("/forgot-password", {"email": user.email})
        assert "If there is an account for that address" in answered.get_data(as_text=True)
        sender = dispatch.sender(app)
        assert not sender.idle(0.1)  # the page came back while the email was still being tried
        assert sender.idle(10)
        message = db_session.scalars(select(OutboundMessage)).one()
        db_session.refresh(message)
        assert message.status == "pending" and message.attempts == 1  # tried, failed, to retry
    finally:
        relay.close()


def test_reset_emails_to_one_person_are_limited(app, client, db_session, mailbox):
    user = factories.iro(db_session)
    for _ in range(6):
        client.submit_form("/forgot-password", {"email": user.email})
    dispatch.sender(app).idle(10)
    assert len(mailbox.to(user.email)) == 3


def test_once_a_password_is_set_older_reset_links_stop_working(app, client, db_session, mailbox):
    user = factories.iro(db_session)
    client.submit_form("/forgot-password", {"email": user.email})
    client.submit_form("/forgot-password", {"email": user.email})
    dispatch.sender(app).idle(10)
    older, newer = (m.link().replace("http://localhost", "") for m in mailbox.to(user.email))
    client.submit_form(newer, {"password": "three random words", "confirm": "three random words"})
    assert client.get(older).status_code == 404
    assert all(t.used_at is not None for t in db_session.scalars(select(AccountToken)))


# 6. Administrators are changed only by administrators.


def test_a_manager_cannot_make_change_or_disable_an_administrator(client, db_session):
    manager = factories.staff(db_session, "manager")
    admin = factories.staff(db_session, "admin", name="Ada Admin")
    sign_in(client, db_session, manager)
    offered = client.soup("/admin/users/new").select("input[name=role]")
    assert "admin" not in {i["value"] for i in offered}
    made = client.submit_form(
        "/admin/users/new", {"name": "Mal", "email": "mal@example.invalid", "role": "admin", "team": ""}
    )
    assert made.status_code == 200 and "Not a valid choice" in made.get_data(as_text=True)
    assert db_session.scalar(select(StaffUser).where(StaffUser.email == "mal@example.invalid")) is None
    assert client.get(f"/admin/users/{admin.id}").status_code == 404
    promote = client.post(f"/admin/users/{manager.id}", data={"role": "admin", "active": "y"})
    db_session.refresh(manager)
    assert promote.status_code in (200, 400) and manager.role == "manager"


# 7. Odd input answers 400/404 or a message, never 500.


def test_out_of_range_input_never_causes_a_server_error(client, db_session):
    manager = factories.staff(db_session, "manager")
    sign_in(client, db_session, manager)
    huge = "9" * 30
    urls = [
        "/insights/?start=9999-12-31&end=9999-12-31",
        "/insights/?start=0001-01-01",
        "/insights/?endpoint=x&theme=education",
        f"/staff/meetings/{huge}",
        f"/staff/meetings/{2**40}",
        f"/insights/actions?page={huge}",
        f"/admin/users?page={huge}",
        "/reports/annual?year=99999",
        "/reports/annual/99999.docx",
        "/reports/annual/1/x.csv",
        "/reports/quotes?year=1",
    ]
    for url in urls:
        status = client.get(url).status_code
        assert status in (200, 302, 400, 404), (url, status)


def test_audit_filters_with_far_dates_answer_with_a_message(client, db_session):
    admin = factories.staff(db_session, "admin")
    sign_in(client, db_session, admin)
    for url in ("/admin/audit?from=9999-12-31&to=9999-12-31", f"/admin/audit?page={'9' * 30}"):
        assert client.get(url).status_code == 200, url


def test_a_decompression_bomb_photo_is_refused_with_a_message(client, db_session):
    chair = factories.iro(db_session)
    sign_in(client, db_session, chair)
    bomb = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(bomb, format="PNG")  # 400 megapixels, a few KB
    token = client.csrf_token("/staff/profile")
    answered = client.post(
        "/staff/profile",
        data={
            "csrf_token": token,
            "display_name": "Ada",
            "photo": (io.BytesIO(bomb.getvalue()), "bomb.png"),
        },
        content_type="multipart/form-data",
    )
    assert answered.status_code == 200 and "too large" in answered.get_data(as_text=True)


# 8. No open redirect.


def test_the_correction_forms_back_field_never_leaves_the_site(client, db_session):
    officer = factories.staff(db_session, "participation_officer")
    sign_in(client, db_session, officer)
    from portal.consult import service

    invitation, _ = factories.consultation(db_session)
    service.save_page(db_session, invitation, "wishes", {"wishes": "more time with my brother"})
    response = service.submit(db_session, service.progress(db_session, invitation), "en")
    token = client.csrf_token("/insights/")
    for back in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        for sentiment in ("positive", "nonsense"):
            moved = client.post(
                f"/insights/answers/{response.id}/wishes/correct",
                data={"csrf_token": token, "sentiment": sentiment, "back": back},
            )
            assert moved.headers["Location"].startswith("/insights"), (back, moved.headers["Location"])


# 9. Link tokens never reach an access log.


def test_the_access_log_never_holds_a_link_token(app, db_session, caplog):
    invitation, token = factories.consultation(db_session)
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with caplog.at_level(logging.INFO, logger="werkzeug"):
            for path in (f"/c/{token}", "/f/some-feedback-token", "/account/password/some-reset-token"):
                with contextlib.suppress(urllib.error.HTTPError):
                    urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}{path}")  # noqa: S310
    finally:
        server.shutdown()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "/c/…" in logged and "/f/…" in logged and "/account/password/…" in logged
    assert token not in logged and "some-feedback-token" not in logged and "some-reset-token" not in logged


# 10. Production headers, sign-in on a shared office address, next=, paging.


def test_production_sends_hsts(monkeypatch, tmp_path):
    monkeypatch.setenv("MYREVIEW_ENV", "production")
    monkeypatch.setenv("MYREVIEW_SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/p.sqlite")
    app = create_app({"CODER_WARM_UP": False})
    header = app.test_client().get("/healthz").headers.get("Strict-Transport-Security", "")
    assert header.startswith("max-age=31536000")


def test_one_person_cannot_lock_an_office_out_of_signing_in(app, client, db_session):
    app.config["SIGN_IN_MAX_FAILURES_PER_ADDRESS"] = 6
    colleague = factories.iro(db_session, name="Colleague")
    sign_in(client, db_session, colleague)  # this browser has signed in as them before
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/caseload")})
    attacker = app.test_client()
    for n in range(6):  # from the same office address, trying other accounts
        attacker.submit_form("/sign-in", {"email": f"guess{n}@example.invalid", "password": "wrong"})
    stranger = app.test_client()
    refused = stranger.submit_form("/sign-in", {"email": colleague.email, "password": factories.PASSWORD})
    assert "Too many attempts" in refused.get_data(as_text=True)
    again = client.submit_form("/sign-in", {"email": colleague.email, "password": factories.PASSWORD})
    assert again.headers["Location"] == "/sign-in/code"


def test_signing_in_lands_on_the_page_that_was_asked_for(client, db_session):
    user = factories.iro(db_session)
    secret = with_second_factor(db_session, user)
    asked = client.get("/staff/caseload")
    assert asked.headers["Location"] == "/sign-in?next=/staff/caseload"
    form = client.soup(asked.headers["Location"]).select_one("form[method=post]")
    assert "next=/staff/caseload" in form["action"].replace("%2F", "/")
    client.submit_form(asked.headers["Location"], {"email": user.email, "password": factories.PASSWORD})
    done = client.submit_form("/sign-in/code", {"code": pyotp.TOTP(secret).now()})
    assert done.headers["Location"] == "/staff/caseload"


def test_long_lists_of_actions_and_accounts_come_in_pages(client, db_session):
    admin = factories.staff(db_session, "admin")
    for n in range(105):
        db_session.add(StaffUser(name=f"Person {n:03d}", email=f"p{n}@example.invalid", role="iro"))
    db_session.commit()
    sign_in(client, db_session, admin)
    first = client.soup("/admin/users")
    assert len(first.select("tbody tr")) == 100 and first.select_one("a[rel=next]") is not None
    second = client.soup(first.select_one("a[rel=next]")["href"])
    assert len(second.select("tbody tr")) == 6 and second.select_one("a[rel=prev]") is not None
