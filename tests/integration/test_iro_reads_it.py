"""The IRO signs in and reads what the child said; nobody else can."""

from __future__ import annotations

from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.consult import service
from portal.models import AuditEvent
from tests.support import factories
from tests.support.staff import sign_in


def submitted_consultation(db_session, chair, answers):
    invitation, _ = factories.consultation(db_session, age=14, chair=chair)
    for page_id, page_answers in answers.items():
        service.save_page(db_session, invitation, page_id, page_answers)
    service.submit(db_session, service.progress(db_session, invitation), "en")
    return invitation


def test_sign_in_then_read_the_childs_own_words_with_their_name_at_the_top(client, db_session):
    chair = factories.iro(db_session)
    invitation = submitted_consultation(
        db_session,
        chair,
        {
            "about-you": {"name_to_use": "Bex", "pronouns": "she/her", "words_to_use": "home, not placement"},
            "meeting-how": {"meeting_where": "not_school"},
            "worries": {"worries": "I want to see my dad more"},
        },
    )
    assert sign_in(client, db_session, chair).headers["Location"] == "/staff/"
    listing = client.soup("/staff/caseload")
    link = listing.select_one(f"a[href='/staff/meetings/{invitation.meeting_id}']")
    assert link.get_text(strip=True) == "Bex Testchild"

    page = client.soup(f"/staff/meetings/{invitation.meeting_id}")
    card = page.select_one(".app-tell-it-once").get_text(" ", strip=True)
    assert "Bex" in card and "she/her" in card and "home, not placement" in card
    text = page.get_text(" ", strip=True)
    assert "I want to see my dad more" in text
    wishes = text.index("Their wishes for the meeting")
    assert wishes < text.index("I want to see my dad more")
    assert "Anywhere but school" in text[wishes:]
    assert "Submitted" in text

    events = db_session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [(e.action, e.outcome) for e in events][-2:] == [
        ("read_meeting", "allowed"),
        ("read_response", "allowed"),
    ]
    assert events[-1].staff_user_id == chair.id
    assert events[-1].object_id == str(invitation.response.id)


def test_another_iro_gets_not_found_and_the_attempt_is_recorded(client, db_session):
    owner = factories.iro(db_session)
    other = factories.iro(db_session, name="Ben Other")
    invitation = submitted_consultation(db_session, owner, {"worries": {"worries": "private words"}})
    sign_in(client, db_session, other)
    refused = client.get(f"/staff/meetings/{invitation.meeting_id}")
    missing = client.get("/staff/meetings/999999")
    assert refused.status_code == missing.status_code == 404
    assert "private words" not in refused.get_data(as_text=True)
    main_text = lambda r: BeautifulSoup(r.get_data(as_text=True), "html.parser").main.get_text()  # noqa: E731
    assert main_text(refused) == main_text(missing)
    denied = db_session.scalars(select(AuditEvent).where(AuditEvent.outcome == "denied")).all()
    assert {(e.staff_user_id, e.object_id) for e in denied} == {
        (other.id, str(invitation.meeting_id)),
        (other.id, "999999"),
    }
    assert (
        client.soup("/staff/caseload").select_one(f"a[href='/staff/meetings/{invitation.meeting_id}']")
        is None
    )


def test_staff_pages_need_sign_in(client):
    response = client.get("/staff/meetings/1")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_wrong_password_and_unknown_email_get_the_same_message(client, db_session):
    chair = factories.iro(db_session)
    wrong = client.submit_form("/sign-in", {"email": chair.email, "password": "not it"})
    unknown = client.submit_form("/sign-in", {"email": "nobody@example.invalid", "password": "not it"})
    assert wrong.status_code == unknown.status_code == 200
    for response in (wrong, unknown):
        assert "Enter a correct email address and password" in response.get_data(as_text=True)
    empty = client.submit_form("/sign-in", {"email": "", "password": ""})
    text = empty.get_data(as_text=True)
    assert "Enter your email address" in text and "Enter your password" in text


def test_sign_out_ends_the_session(client, db_session):
    chair = factories.iro(db_session)
    sign_in(client, db_session, chair)
    token = client.csrf_token("/staff/caseload")
    assert client.post("/sign-out", data={"csrf_token": token}).headers["Location"] == "/signed-out"
    assert client.get("/staff/caseload").status_code == 302


def test_a_childs_link_does_not_carry_a_staff_sign_in(client, db_session):
    chair = factories.iro(db_session)
    sign_in(client, db_session, chair)
    _, token = factories.consultation(db_session, age=10)
    client.get(f"/c/{token}")
    assert client.get("/staff/caseload").status_code == 302


def test_the_meeting_page_shows_this_time_beside_last_time_at_a_glance(client, db_session):
    from datetime import date, timedelta

    from portal.invitations import create_invitation

    chair = factories.iro(db_session)
    now_invitation, _ = factories.consultation(db_session, age=12, chair=chair)
    child = now_invitation.meeting.child
    earlier = factories.meeting(db_session, child, in_days=-180)
    before_invitation, _ = create_invitation(db_session, earlier, "child", 28)
    db_session.commit()
    for invitation, rating, words in (
        (before_invitation, "2", "I share a room and I hate it"),
        (now_invitation, "4", "I have my own room now"),
    ):
        service.save_page(db_session, invitation, "home", {"home_rating": rating, "home_more": words})
        service.submit(db_session, service.progress(db_session, invitation), "en")
    sign_in(client, db_session, chair)
    page = client.soup(f"/staff/meetings/{now_invitation.meeting_id}")
    glance = page.select_one("table.app-at-a-glance")
    row = [c.get_text(" ", strip=True) for c in glance.select("tbody tr")[0].select("th, td")]
    assert row[0] == "How are things where you live?" and row[1] != row[2] and row[2] != "–"
    text = page.get_text(" ", strip=True)
    when = (date.today() - timedelta(days=180)).strftime("%Y")
    assert "I have my own room now" in text and "Last time (" in text and when in text
    assert "I share a room and I hate it" in text
    # The earlier meeting's own page has no "last time": there was none before it.
    assert "Last time (" not in client.soup(f"/staff/meetings/{earlier.id}").get_text()
