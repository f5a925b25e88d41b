"""Logs never hold a child's words, names or link tokens: every journey is
driven with the logs captured, and the logs searched."""

from __future__ import annotations

import json
import logging

from sqlalchemy import select

from portal.app_logging import JsonFormatter
from portal.messaging import dispatch
from portal.models import Response
from tests.support import factories
from tests.support.staff import sign_in

WORDS = "Zebracorn says my stepdad hits me and I hide in the wardrobe"


def test_every_journey_leaves_logs_without_words_names_or_tokens(app, client, db_session, caplog):
    caplog.set_level(logging.DEBUG)
    chair = factories.iro(db_session, name="Ada Reviewer")
    invitation, token = factories.consultation(db_session, age=12, chair=chair)
    client.get(f"/c/{token}")
    saved = client.submit_form(
        "/consultation/page/home", {"action": "continue", "home_rating": "2", "home_more": WORDS}
    )
    client.get(saved.headers["Location"])
    client.post("/consultation/submit", data={"csrf_token": client.csrf_token("/consultation/check")})
    dispatch.sender(app).idle(10)
    response = db_session.scalars(select(Response)).one()
    sign_in(client, db_session, chair)
    client.get(f"/staff/meetings/{invitation.meeting_id}")
    client.get(f"/staff/responses/{response.id}")
    client.get("/staff/caseload")

    formatter = JsonFormatter()
    lines = [formatter.format(record) for record in caplog.records]
    logged = "\n".join(lines)
    requests = [json.loads(line) for line in lines if json.loads(line)["message"] == "request"]
    assert {"/c/<token>", "/consultation/page/<page_id>", "/staff/meetings/<int:meeting_id>"} <= {
        r["route"] for r in requests
    }
    assert all(r["request_id"] and isinstance(r["ms"], float) for r in requests)
    assert any(r["staff_user_id"] == chair.id for r in requests)
    for secret in (token, "Zebracorn", "stepdad", "wardrobe", "Robin", "Testchild", "Sam Carer"):
        assert secret not in logged, secret
