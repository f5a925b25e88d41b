"""Words saved but not sent are checked too: when a saved page may tell of
harm, the child is told nobody has read it yet, shown who to talk to now, and
offered to send it at once. Nothing is sent, and nobody alerted, unasked."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.models import Draft, OutboundMessage, Response, SafeguardingFlag
from tests.support import factories
from tests.support.staff import sign_in

DISCLOSURE = "My stepdad hits me when mum is out and I am scared to go home"
SAFE = "I like my room and my carer makes nice tea"


def open_link(client, db_session):  # type: ignore[no-untyped-def]
    chair = factories.iro(db_session, name="Ada Reviewer")
    invitation, token = factories.consultation(db_session, age=12, chair=chair)
    client.get(f"/c/{token}")
    return invitation, chair


def save_home(client, words: str, action: str = "continue"):  # type: ignore[no-untyped-def]
    return client.submit_form(
        "/consultation/page/home", {"action": action, "home_rating": "2", "home_more": words}
    )


def count(db_session, model) -> int:  # type: ignore[no-untyped-def]
    return db_session.scalar(select(func.count()).select_from(model))


def test_a_saved_page_that_may_disclose_harm_says_nobody_has_read_it_and_who_to_talk_to(client, db_session):
    invitation, _chair = open_link(client, db_session)
    saved = save_home(client, DISCLOSURE)
    assert saved.status_code == 302
    assert saved.headers["Location"].startswith("/consultation/not-read-yet/home")
    soup = client.soup(saved.headers["Location"])
    text = soup.get_text(" ", strip=True)
    assert soup.h1.get_text(strip=True) == "Nobody has read your answers yet"
    # Who to talk to comes before the offer to send.
    assert text.index("Childline: call 0800 1111") < text.index("Send this to Ada Reviewer now")
    # Nothing was sent and nobody was alerted: the child has not chosen to send it.
    assert count(db_session, Response) == 0 and count(db_session, SafeguardingFlag) == 0
    assert count(db_session, OutboundMessage) == 0
    drafts = db_session.scalars(select(Draft).where(Draft.invitation_id == invitation.id)).all()
    assert [d.answers["home_more"] for d in drafts] == [DISCLOSURE]


def test_carrying_on_without_sending_goes_to_the_next_page_and_keeps_the_words(client, db_session):
    open_link(client, db_session)
    soup = client.soup(save_home(client, DISCLOSURE).headers["Location"])
    carry_on = soup.find("a", string=lambda s: s and "carry on answering" in s)
    assert carry_on["href"] == "/consultation/page/family"
    back = client.soup("/consultation/page/home")
    assert back.find("textarea", attrs={"name": "home_more"}).get_text() == DISCLOSURE


def test_send_now_sends_what_they_wrote_and_raises_the_flag_as_usual(client, db_session):
    invitation, chair = open_link(client, db_session)
    prompt = save_home(client, DISCLOSURE).headers["Location"]
    sent = client.post("/consultation/submit", data={"csrf_token": client.csrf_token(prompt)})
    assert sent.status_code == 302 and sent.headers["Location"] == "/consultation/done"
    assert "Your answers have been sent" in client.soup("/consultation/done").get_text()
    response = db_session.scalars(select(Response)).one()
    assert response.invitation_id == invitation.id and response.answers["home_more"] == DISCLOSURE
    assert db_session.scalars(select(SafeguardingFlag)).one().response_id == response.id
    alerted = db_session.scalars(select(OutboundMessage.to_address)).all()
    assert chair.email in alerted


def test_safe_words_go_straight_on_and_leaving_with_a_disclosure_is_offered_the_same(client, db_session):
    open_link(client, db_session)
    assert save_home(client, SAFE).headers["Location"] == "/consultation/page/family"
    leaving = save_home(client, DISCLOSURE, action="save_and_leave").headers["Location"]
    assert leaving.startswith("/consultation/not-read-yet/home")
    soup = client.soup(leaving)
    assert soup.find("a", string=lambda s: s and "come back later" in s)["href"] == "/consultation/saved"


def test_the_caseload_shows_started_not_sent_and_never_the_words(client, db_session):
    invitation, chair = open_link(client, db_session)
    save_home(client, DISCLOSURE)
    sign_in(client, db_session, chair)
    caseload = client.soup("/staff/caseload").get_text(" ", strip=True)
    assert "Started, not sent" in caseload
    assert "stepdad" not in caseload and "hits" not in caseload
