"""The personal link: exchanged once for a session, never left in the address
bar, stored only as a hash, and a kind page that reveals nothing when it
cannot be used."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from sqlalchemy import select

from portal.models import Invitation, utcnow
from tests.support import factories


def test_link_is_swapped_for_a_session_and_a_clean_address(client, db_session):
    invitation, token = factories.consultation(db_session, age=10)
    response = client.get(f"/c/{token}")
    assert response.status_code == 302
    assert response.headers["Location"] == "/consultation"
    assert token not in response.headers["Location"]
    assert "myreview_session" in response.headers["Set-Cookie"]
    assert "HttpOnly" in response.headers["Set-Cookie"]
    page = client.get("/consultation")
    assert page.status_code == 200
    assert token not in page.get_data(as_text=True)
    assert page.headers["Referrer-Policy"] == "no-referrer"
    db_session.refresh(invitation)
    assert invitation.opened_at is not None


def test_token_is_long_random_and_stored_only_as_its_hash(db_session):
    invitation, token = factories.consultation(db_session, age=10)
    assert len(token) >= 43  # 32 bytes of URL-safe base64: 256 bits
    stored = db_session.scalars(select(Invitation.token_hash)).all()
    assert token not in stored
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()


def test_the_childs_iro_opens_the_consultation(client, db_session):
    chair = factories.iro(db_session, name="Ruth Okonjo")
    _, token = factories.consultation(db_session, age=10, chair=chair)
    client.get(f"/c/{token}")
    soup = client.soup("/consultation")
    card = soup.select_one(".app-iro-card")
    assert "Meet your IRO" in card.get_text()
    assert "Ruth Okonjo" in card.get_text()
    assert "Hello, I am Ruth Okonjo." in card.get_text()
    assert soup.select_one("a.govuk-button--start")["href"] == "/consultation/page/home"


def _problem_text(client, url: str) -> tuple[int, str]:
    response = client.get(url)
    soup = client.soup(url)
    return response.status_code, soup.select_one("main").get_text(" ", strip=True)


def test_unknown_expired_revoked_and_used_links_get_the_same_kind_page(client, db_session):
    expired, expired_token = factories.consultation(db_session, age=10)
    expired.meeting.held_on = date.today() - timedelta(days=2)  # the meeting has been and gone
    revoked, revoked_token = factories.consultation(db_session, age=10)
    revoked.revoked_at = utcnow()
    used, used_token = factories.consultation(db_session, age=10)
    used.submitted_at = utcnow()
    db_session.commit()

    pages = {
        name: _problem_text(client, f"/c/{token}")
        for name, token in {
            "unknown": "not-a-real-token",
            "expired": expired_token,
            "revoked": revoked_token,
            "used": used_token,
        }.items()
    }
    status, text = pages["unknown"]
    assert status == 404
    assert "This link cannot be used" in text
    assert "ask your IRO, your social worker or your carer" in text
    assert "Childline" in text
    assert all(page == pages["unknown"] for page in pages.values()), "pages differ: they reveal why"


def test_a_link_withdrawn_mid_way_stops_working_at_once(client, db_session):
    invitation, token = factories.consultation(db_session, age=10)
    client.get(f"/c/{token}")
    assert client.get("/consultation").status_code == 200
    invitation.revoked_at = utcnow()
    db_session.commit()
    assert client.get("/consultation").status_code == 404
    assert client.get("/consultation/page/home").status_code == 404


def test_without_a_link_there_is_nothing_to_see(client):
    for url in ("/consultation", "/consultation/page/home", "/consultation/check", "/consultation/done"):
        assert client.get(url).status_code == 404


def test_a_link_closes_at_the_end_of_the_meeting_day_and_follows_a_moved_meeting(client, db_session):
    invitation, token = factories.consultation(db_session, age=10)
    meeting = invitation.meeting
    assert invitation.last_day == meeting.held_on  # not a fixed number of days after sending
    meeting.held_on = date.today()  # the review is today: the link works until midnight
    db_session.commit()
    assert client.get(f"/c/{token}").status_code == 302
    client.submit_form("/consultation/page/home", {"action": "save_and_leave", "home_rating": "4"})
    saved = client.soup("/consultation/saved").get_text(" ", strip=True)
    assert f"until the end of {meeting.held_on.day} " in saved
    meeting.held_on = date.today() - timedelta(days=1)  # moved to yesterday: closed
    db_session.commit()
    assert client.get("/consultation").status_code == 404
    meeting.held_on = date.today() + timedelta(days=40)  # moved later than any fixed lifetime
    db_session.commit()
    assert client.get(f"/c/{token}").status_code == 302 and client.get("/consultation").status_code == 200
