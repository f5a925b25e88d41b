"""Sending through GOV.UK Notify's official client, to a Notify-shaped HTTP
server on loopback that checks the client's signed token and keeps what came."""

from __future__ import annotations

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer

import jwt
import pytest
from sqlalchemy import select

from portal.messaging import outbox
from portal.models import OutboundMessage
from tests.support import factories

SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
API_KEY = f"myreview_test-{SERVICE_ID}-{SECRET}"


class NotifyHandler(BaseHTTPRequestHandler):
    received: list[tuple[str, dict]] = []

    def do_POST(self):  # noqa: N802 (http.server's name)
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        assert claims["iss"] == SERVICE_ID
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.received.append((self.path, body))
        payload = json.dumps({"id": str(uuid.uuid4()), "content": {}, "template": {}}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture
def notify_server():
    NotifyHandler.received = []
    server = HTTPServer(("127.0.0.1", 0), NotifyHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_invitations_go_by_notify_email_and_text_with_no_personal_details(app, db_session, notify_server):
    app.config.update(
        EMAIL_BACKEND="notify",
        NOTIFY_API_KEY=API_KEY,
        NOTIFY_BASE_URL=notify_server,
        NOTIFY_EMAIL_TEMPLATE_ID="email-template",
        NOTIFY_SMS_TEMPLATE_ID="sms-template",
    )
    invitation, _ = factories.consultation(db_session, age=14)
    by_email = outbox.queue(db_session, "invitation", "email", "teen@example.invalid", invitation=invitation)
    by_text = outbox.queue(db_session, "invitation", "sms", "07700900123", invitation=invitation)
    db_session.commit()
    with app.test_request_context():
        assert outbox.deliver(db_session, by_email, app.config)
        assert outbox.deliver(db_session, by_text, app.config)
    (email_path, email), (sms_path, sms) = NotifyHandler.received
    assert email_path == "/v2/notifications/email" and email["email_address"] == "teen@example.invalid"
    assert email["template_id"] == "email-template"
    assert sms_path == "/v2/notifications/sms" and sms["phone_number"] == "07700900123"
    for body in (email["personalisation"]["body"], sms["personalisation"]["body"]):
        assert "http://localhost/c/" in body and "Robin" not in body and "Testchild" not in body


def test_without_notify_settings_a_text_fails_visibly_and_waits_for_a_retry(app, db_session):
    invitation, _ = factories.consultation(db_session, age=14)
    message = outbox.queue(db_session, "invitation", "sms", "07700900123", invitation=invitation)
    db_session.commit()
    with app.test_request_context():
        assert not outbox.deliver(db_session, message, app.config)
    stored = db_session.scalar(select(OutboundMessage))
    assert stored.status == "pending" and stored.attempts == 1
    assert "GOV.UK Notify is not set up" in stored.last_error
