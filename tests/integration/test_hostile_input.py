"""Every form on every page a person can open survives hostile input: each
field filled with over-long text, markup, far-off numbers, impossible dates or
control characters gets an answer page (the form again with a message, or the
next page), never a server error."""

from __future__ import annotations

import io
import re
from datetime import date
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from forms import get_questionnaire
from portal import conference_links
from portal.access import PUBLIC, RULES
from portal.models import Invitation, Meeting
from tests.support import factories
from tests.support.every_route import ROLES, url_of
from tests.support.staff import sign_in

HOSTILE = (
    "",
    "x" * 6_000,  # longer than any field takes, while a whole form stays under the size a request may have
    "<script>alert(1)</script>",
    "-1",
    "99999999999999999999999",
    "2026-02-30",
    "1e309",
    "\u202e\u0000\x1b[2J",
    "１２",
    "'; DROP TABLE child; --",
)
# Forms that end the session or send people away are left alone: they take no input.
LEFT_ALONE = re.compile(r"/sign-out|/language")


def _forms(html: str, page_url: str) -> list[tuple[str, dict[str, str], list[str], list[str]]]:
    """Each POST form on a page: its action, hidden fields, typed fields and file fields."""
    found = []
    for form in BeautifulSoup(html, "html.parser").find_all("form"):
        if (form.get("method") or "get").lower() != "post":
            continue
        action = urljoin(page_url, form.get("action") or page_url)
        if LEFT_ALONE.search(action):
            continue
        hidden = {
            i["name"]: i.get("value", "")
            for i in form.find_all("input", type="hidden")
            if i.get("name") and i["name"] != "csrf_token"
        }
        fields = [f for f in form.find_all(["input", "textarea", "select"]) if f.get("name")]
        typed = [f for f in fields if f.get("type") not in ("hidden", "submit", "button", "file")]
        filled = sorted({f["name"] for f in typed})
        files = sorted({f["name"] for f in fields if f.get("type") == "file"})
        found.append((action, hidden, filled, files))
    return found


def _throw_at(client, page_url: str) -> list[str]:  # type: ignore[no-untyped-def]
    page = client.get(page_url)
    if page.status_code != 200 or "text/html" not in page.content_type:
        return []
    html = page.get_data(as_text=True)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    errors = []
    for action, hidden, filled, files in _forms(html, page_url):
        # Each value in every field, then a file posted under every field's name (as only a script would).
        attempts: list[tuple[str, dict[str, object]]] = [
            (repr(value[:20]), {name: value for name in filled} | {name: _file(value) for name in files})
            for value in HOSTILE
        ]
        attempts.append(("files everywhere", {name: _file("a,b\n") for name in filled + files}))
        for what, fields in attempts:
            data = {**hidden, **fields, "csrf_token": match.group(1) if match else ""}
            response = client.post(action, data=data)
            if response.status_code >= 500:
                errors.append(f"{action} with {what}: {response.status_code}")
    return errors


def _file(content: str) -> tuple[io.BytesIO, str]:
    return io.BytesIO(content.encode("utf-8")), "x.csv"


@pytest.mark.parametrize("role", ROLES)
def test_every_staff_form_answers_hostile_input_with_a_page(app, client, db_session, world, role):
    people, ids = world
    user = people[role]
    sign_in(client, db_session, user)
    errors = []
    for endpoint, rule in sorted(RULES.items()):
        if rule == PUBLIC or role not in rule or endpoint not in app.view_functions:
            continue
        url, methods = url_of(app, endpoint, ids, user)
        if "GET" in methods:
            errors += _throw_at(client, url)
    assert errors == []


def test_every_page_of_a_childs_consultation_answers_hostile_input_with_a_page(client, db_session):
    invitation, token = factories.consultation(db_session, age=12)
    assert client.get(f"/c/{token}").status_code in (200, 302)
    questionnaire = get_questionnaire(invitation.questionnaire_id, invitation.questionnaire_version)
    assert questionnaire is not None
    errors = []
    for page in questionnaire.pages:
        errors += _throw_at(client, f"/consultation/page/{page.id}")
    errors += _throw_at(client, "/consultation/check")
    assert errors == []


def test_the_public_forms_and_a_parents_conference_feedback_answer_hostile_input_with_a_page(
    client, db_session
):
    errors = _throw_at(client, "/sign-in") + _throw_at(client, "/forgot-password")
    meeting = Meeting(
        kind="cp_conference", conference_type="review", held_on=date.today(), chair=factories.iro(db_session)
    )
    db_session.add(meeting)
    db_session.commit()
    _link, token = conference_links.create(db_session, meeting, 14, 10)
    db_session.commit()
    errors += _throw_at(client, f"/f/{token}")
    client.submit_form(f"/f/{token}", {})
    invitation = db_session.scalars(select(Invitation).where(Invitation.meeting_id == meeting.id)).first()
    assert invitation is not None
    questionnaire = get_questionnaire(invitation.questionnaire_id, invitation.questionnaire_version)
    assert questionnaire is not None
    for page in questionnaire.pages:
        errors += _throw_at(client, f"/consultation/page/{page.id}")
    assert errors == []
