"""Steady under a service's load: many submits of one invitation at once (double
taps, several tabs) all end on "sent" with one response stored; and a mail
relay that never answers holds up no child, while the alert still goes once
the relay is back."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from portal import create_app
from portal.cli import _work
from portal.db import engine_for, make_engine
from portal.messaging import dispatch
from portal.models import OutboundMessage, Response, SafeguardingFlag, utcnow
from tests.conftest import _fresh_postgres
from tests.support import factories
from tests.support.mailbox import SilentRelay
from tests.support.pages import CheckedClient

DISCLOSURE = "my stepdad hits me when mum is out"


@pytest.mark.postgres
def test_twenty_submits_of_one_invitation_at_once_all_end_on_sent(pg_server, pg_template, mailbox):
    url = _fresh_postgres(pg_server, pg_template)
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "t", "SMTP_PORT": mailbox.port})
    app.test_client_class = CheckedClient
    engine = make_engine(url)
    try:
        with Session(engine, expire_on_commit=False) as db_session:
            _invitation, token = factories.consultation(db_session, age=12)
        first = app.test_client()
        first.get(f"/c/{token}")
        first.submit_form("/consultation/page/home", {"action": "continue", "home_rating": "3"})
        csrf = first.csrf_token("/consultation/check")
        cookie = first.get_cookie("myreview_session").value
        start = threading.Barrier(20)

        def tap(_n: int) -> tuple[int, str]:
            client = app.test_client()
            client.set_cookie("myreview_session", cookie)
            start.wait()
            answered = client.post("/consultation/submit", data={"csrf_token": csrf})
            return answered.status_code, answered.headers.get("Location", "")

        with ThreadPoolExecutor(20) as pool:
            outcomes = list(pool.map(tap, range(20)))
        assert outcomes == [(302, "/consultation/done")] * 20
        with Session(engine) as db_session:
            assert db_session.scalar(select(func.count()).select_from(Response)) == 1
    finally:
        engine.dispose()
        engine_for(app).dispose()


def test_a_silent_mail_relay_holds_up_no_child_and_the_alert_goes_when_it_is_back(
    app, client, db_session, mailbox
):
    relay = SilentRelay()
    app.config.update(SMTP_PORT=relay.port, SMTP_TIMEOUT_SECONDS=3)
    chair = factories.iro(db_session)
    _invitation, token = factories.consultation(db_session, age=12, chair=chair)
    client.get(f"/c/{token}")
    client.submit_form("/consultation/page/home", {"action": "continue", "home_more": DISCLOSURE})
    sent = client.post("/consultation/submit", data={"csrf_token": client.csrf_token("/consultation/check")})
    assert sent.headers["Location"] == "/consultation/done"
    sender = dispatch.sender(app)
    assert not sender.idle(0.2)  # the child is on "sent" while the alert is still being tried
    other_child = app.test_client()
    _other, other_token = factories.consultation(db_session, age=9)
    other_child.get(f"/c/{other_token}")
    assert other_child.get("/consultation/page/home").status_code == 200  # nobody else waits either
    assert sender.idle(15)
    assert db_session.scalar(select(SafeguardingFlag)) is not None
    assert mailbox.to(chair.email) == []

    # The relay is back; a minute later the worker's round sends the alert.
    relay.close()
    app.config["SMTP_PORT"] = mailbox.port
    db_session.execute(update(OutboundMessage).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
    db_session.commit()
    _work(app, 0, once=True)
    assert len(mailbox.to(chair.email)) == 1
    _work(app, 0, once=True)  # and only once
    assert len(mailbox.to(chair.email)) == 1
