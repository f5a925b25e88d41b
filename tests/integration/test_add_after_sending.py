"""Adding something after sending, until the meeting: the person's own link
brings them back to what they sent; what they add goes with their answers to
the IRO, is checked for harm like every answer (a new disclosure alerts
afresh), and errors keep what was typed."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from portal.messaging import dispatch
from portal.models import Meeting, OutboundMessage, Response, SafeguardingFlag, utcnow
from tests.integration.test_consultation_journey import walk_to_check
from tests.support import factories
from tests.support.staff import sign_in


def sent_consultation(client, db_session, chair=None):  # type: ignore[no-untyped-def]
    invitation, token = factories.consultation(db_session, age=12, chair=chair)
    client.get(f"/c/{token}")
    walk_to_check(client)
    client.post("/consultation/submit", data={"csrf_token": client.csrf_token("/consultation/check")})
    return invitation, token


def response_of(db_session, invitation) -> Response:  # type: ignore[no-untyped-def]
    db_session.expire_all()
    return db_session.scalar(select(Response).where(Response.invitation_id == invitation.id))


def test_a_child_adds_something_after_sending_and_the_iro_reads_it(client, db_session):
    chair = factories.iro(db_session)
    invitation, _token = sent_consultation(client, db_session, chair)
    done = client.soup("/consultation/done")
    assert done.find("a", href="/consultation/add")
    added = client.submit_form("/consultation/add", {"words": "I forgot: I want Nan at my review."})
    assert added.status_code == 302 and added.headers["Location"].startswith("/consultation/done")
    response = response_of(db_session, invitation)
    assert response.answers["added-1"] == "I forgot: I want Nan at my review."
    copy = client.soup("/consultation/done").select_one(".app-what-you-sent").get_text(" ")
    assert "I forgot: I want Nan at my review." in copy  # their own copy shows it too
    sign_in(client, db_session, chair)
    meeting = client.soup(f"/staff/meetings/{invitation.meeting_id}").get_text(" ")
    assert "Added after sending" in meeting and "I want Nan at my review." in meeting


def test_the_personal_link_after_sending_brings_them_back_to_add(client, db_session):
    _invitation, token = sent_consultation(client, db_session)
    later = another_browser(client)
    back = later.get(f"/c/{token}")
    assert back.status_code == 302 and back.headers["Location"] == "/consultation/done"
    assert later.soup("/consultation/done").find("a", href="/consultation/add")


def another_browser(client):  # type: ignore[no-untyped-def]
    """Another browser (the same link opened on another day), with no session."""
    return client.application.test_client()


def test_a_disclosure_added_after_an_acknowledged_flag_alerts_again(app, client, db_session):
    chair = factories.iro(db_session)
    invitation, _token = sent_consultation(client, db_session, chair)
    client.submit_form("/consultation/add", {"words": "My stepdad hit me last night."})
    response = response_of(db_session, invitation)
    flag = db_session.scalar(select(SafeguardingFlag).where(SafeguardingFlag.response_id == response.id))
    assert flag is not None and flag.question_ids == ["added-1"]
    alerts = select(func.count()).select_from(OutboundMessage).where(OutboundMessage.purpose == "alert")
    first = db_session.scalar(alerts)
    assert first >= 1
    flag.acknowledged_at, flag.acknowledged_by_id, flag.note = utcnow(), chair.id, "Rang the social worker"
    db_session.commit()
    client.submit_form("/consultation/add", {"words": "He did it again and I am scared to go home."})
    db_session.expire_all()
    flag = db_session.get(SafeguardingFlag, flag.id)
    assert flag.acknowledged_at is None and flag.question_ids == ["added-1", "added-2"]
    assert db_session.scalar(alerts) > first
    client.submit_form("/consultation/add", {"words": "Also I like my new school."})
    assert dispatch.sender(app).idle(10)  # the alerts went in the background
    db_session.expire_all()
    assert db_session.get(SafeguardingFlag, flag.id).question_ids == ["added-1", "added-2"]


def test_an_empty_or_too_long_addition_says_why_and_keeps_the_words(client, db_session):
    invitation, _token = sent_consultation(client, db_session)
    empty = client.submit_form("/consultation/add", {"words": "  "})
    assert empty.status_code == 400
    html = empty.get_data(as_text=True)
    assert "Write what you want to add" in html and 'href="#words"' in html and 'id="words-error"' in html
    long_words = "word " * 450
    too_long = client.submit_form("/consultation/add", {"words": long_words})
    assert too_long.status_code == 400 and "Write 2,000 characters or fewer" in too_long.get_data(
        as_text=True
    )
    assert long_words.strip() in too_long.get_data(as_text=True)
    assert "added-1" not in response_of(db_session, invitation).answers


def test_once_the_meeting_day_has_passed_nothing_more_can_be_added(client, db_session):
    invitation, token = sent_consultation(client, db_session)
    meeting = db_session.get(Meeting, invitation.meeting_id)
    meeting.held_on = meeting.held_on - timedelta(days=30)  # the review has been
    db_session.commit()
    assert not client.soup("/consultation/done").find("a", href="/consultation/add")
    refused = client.get("/consultation/add")
    assert refused.status_code == 302
    assert another_browser(client).get(f"/c/{token}").status_code == 404


def test_at_most_five_additions(client, db_session):
    invitation, _token = sent_consultation(client, db_session)
    for n in range(5):
        assert client.submit_form("/consultation/add", {"words": f"Thing {n}"}).status_code == 302
    assert client.get("/consultation/add").status_code == 302  # back to their copy
    assert not client.soup("/consultation/done").find("a", href="/consultation/add")
    answers = response_of(db_session, invitation).answers
    assert [answers[f"added-{n}"] for n in range(1, 6)] == [f"Thing {n}" for n in range(5)]
