"""A child fills in My Review: one step per page, saved as they go, resumable
anywhere, checked, and submitted exactly once."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from forms import get_questionnaire
from portal.consult import service
from portal.models import Draft, Response
from tests.support import factories


def open_link(client, db_session, age=10, **kwargs):
    invitation, token = factories.consultation(db_session, age=age, **kwargs)
    client.get(f"/c/{token}")
    return invitation, token


def walk_to_check(client, answers_by_page: dict[str, dict] | None = None) -> list[str]:
    """Press 'Save and continue' on every page from the first, giving answers where set."""
    answers_by_page = answers_by_page or {}
    visited, url = [], "/consultation/page/home"
    while url.startswith("/consultation/page/"):
        page_id = url.split("/")[-1]
        visited.append(page_id)
        response = client.submit_form(url, {"action": "continue", **answers_by_page.get(page_id, {})})
        assert response.status_code == 302, f"{page_id} did not save"
        url = response.headers["Location"]
    assert url == "/consultation/check"
    return visited


@pytest.mark.parametrize(
    ("age", "questionnaire_id", "style"),
    [
        (5, "my-review-4-7", "little"),
        (10, "my-review-8-12", "standard"),
        (15, "my-review-13-plus", "standard"),
    ],
)
def test_each_age_gets_its_own_version_and_can_finish_it(client, db_session, age, questionnaire_id, style):
    invitation, _ = open_link(client, db_session, age=age)
    assert invitation.questionnaire_id == questionnaire_id
    soup = client.soup("/consultation/page/home")
    assert f"app-style-{style}" in soup.body["class"]
    visited = walk_to_check(client)
    expected = [p.id for p in get_questionnaire(questionnaire_id).visible_pages({})]
    assert visited == expected
    assert ("future" in visited) == (age >= 13)


def test_each_page_shows_its_step_and_the_emoji_scale_in_words(client, db_session):
    open_link(client, db_session, age=10)
    soup = client.soup("/consultation/page/home")
    assert "Step 1 of" in soup.select_one(".govuk-caption-m").get_text()
    labels = [" ".join(label.get_text().split()) for label in soup.select(".govuk-radios__label")]
    assert labels[0].endswith("Really good") and labels[-1] == "I don\u2019t want to say"
    face = soup.select_one(".govuk-radios__label img.app-face")
    assert face["alt"] == "" and face["src"].endswith("/faces/face-5.svg")  # the words carry the meaning
    assert soup.select_one(".govuk-radios__divider").get_text(strip=True) == "or"


def test_answers_are_saved_on_every_page_and_resume_on_another_device(app, client, db_session):
    invitation, token = open_link(client, db_session, age=10)
    client.submit_form(
        "/consultation/page/home", {"action": "continue", "home_rating": "4", "home_more": "I like it here"}
    )
    client.submit_form("/consultation/page/family", {"action": "continue", "family_rating": "2"})
    drafts = db_session.scalars(select(Draft).where(Draft.invitation_id == invitation.id)).all()
    assert {d.page_id: d.answers for d in drafts} == {
        "home": {"home_rating": "4", "home_more": "I like it here"},
        "family": {"family_rating": "2"},
    }

    phone = app.test_client()
    phone.get(f"/c/{token}")
    start = phone.soup("/consultation")
    assert "Welcome back" in start.get_text()
    assert start.select_one("a.govuk-button--start")["href"] == "/consultation/page/school"
    home = phone.soup("/consultation/page/home")
    assert home.select_one("input[name=home_rating][value='4']").has_attr("checked")
    assert home.select_one("textarea[name=home_more]").get_text() == "I like it here"


def test_save_and_come_back_later(client, db_session):
    invitation, _ = open_link(client, db_session, age=10)
    response = client.submit_form(
        "/consultation/page/school", {"action": "save_and_leave", "school_rating": "3"}
    )
    assert response.headers["Location"] == "/consultation/saved"
    soup = client.soup("/consultation/saved")
    assert "Your answers are saved" in soup.h1.get_text()
    assert "Use the same link" in soup.get_text()
    assert db_session.scalar(select(Draft.answers).where(Draft.invitation_id == invitation.id)) == {
        "school_rating": "3"
    }


def test_an_error_is_shown_in_the_summary_and_beside_the_field_and_nothing_typed_is_lost(client, db_session):
    invitation, _ = open_link(client, db_session, age=10)
    too_long = "Jo " * 30  # 90 characters; the limit is 80
    response = client.submit_form(
        "/consultation/page/about-you",
        {"action": "continue", "name_to_use": too_long, "pronouns": "they/them", "words_to_use": "home"},
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.title.get_text().startswith("Error: ")
    summary = soup.select_one(".govuk-error-summary")
    assert "There is a problem" in summary.get_text()
    link = summary.select_one("a")
    assert link["href"] == "#name_to_use"
    assert link.get_text(strip=True) == "Your answer must be 80 characters or fewer"
    assert "Your answer must be 80 characters or fewer" in soup.select_one("#name_to_use-error").get_text()
    assert soup.select_one("#name_to_use")["value"] == too_long
    assert soup.select_one("#pronouns")["value"] == "they/them"
    assert (
        db_session.scalar(select(func.count()).select_from(Draft).where(Draft.invitation_id == invitation.id))
        == 0
    )


def test_show_if_adds_a_page_only_when_it_applies(client, db_session):
    open_link(client, db_session, age=10)
    online = client.submit_form(
        "/consultation/page/meeting-how", {"action": "continue", "meeting_how": "online"}
    )
    assert online.headers["Location"] == "/consultation/page/online"
    in_person = client.submit_form(
        "/consultation/page/meeting-how", {"action": "continue", "meeting_how": "in_person"}
    )
    assert in_person.headers["Location"] == "/consultation/page/meeting-when"
    assert client.get("/consultation/page/online").status_code == 404


def test_check_your_answers_shows_every_answer_with_a_change_link(client, db_session):
    open_link(client, db_session, age=10)
    walk_to_check(
        client,
        {
            "home": {"home_rating": "5", "home_more": "Best house ever"},
            "who-comes": {"who_there": ["carer", "other"], "who_there__other": "my coach"},
        },
    )
    soup = client.soup("/consultation/check")
    text = soup.get_text(" ", strip=True)
    assert "Really good" in text and "Best house ever" in text and "Something else" not in text
    assert "Someone else: my coach" in text
    assert "Not answered" in text
    change = soup.select_one("a[href='/consultation/page/home?change=1']")
    assert "Change" in change.get_text()
    back = client.submit_form("/consultation/page/home?change=1", {"action": "continue", "home_rating": "3"})
    assert back.headers["Location"] == "/consultation/check"
    assert "OK" in client.soup("/consultation/check").get_text()


def test_submit_stores_one_response_and_says_what_happens_next(client, db_session):
    invitation, _ = open_link(client, db_session, age=10)
    walk_to_check(
        client,
        {
            "worries": {"worries": "I miss my brother"},
            "about-you": {
                "name_to_use": "Robbie",
                "pronouns": "he/him",
                "words_to_use": "Say home, not placement",
            },
            "helped": {"helped_by": ["carer"]},
        },
    )
    token = client.csrf_token("/consultation/check")
    first = client.post("/consultation/submit", data={"csrf_token": token})
    again = client.post("/consultation/submit", data={"csrf_token": token})  # a double tap or a retry
    assert first.headers["Location"] == again.headers["Location"] == "/consultation/done"
    responses = db_session.scalars(select(Response).where(Response.invitation_id == invitation.id)).all()
    assert len(responses) == 1
    response = responses[0]
    assert response.answers["worries"] == "I miss my brother"
    assert response.questionnaire_id == "my-review-8-12" and response.questionnaire_version == 1
    assert response.helped_by == ["carer"]
    assert response.language == "en"

    done = client.soup("/consultation/done")
    text = done.get_text(" ", strip=True)
    assert "Your answers have been sent" in done.h1.get_text()
    assert "What happens next" in text
    assert "will read your answers before your review" in text
    assert "0800 1111" in text and "999" in text and "01632 960001" in text

    db_session.refresh(invitation.meeting.child)
    child = invitation.meeting.child
    assert (child.preferred_name, child.pronouns, child.words_to_use) == (
        "Robbie",
        "he/him",
        "Say home, not placement",
    )
    copy = done.select_one("details.app-what-you-sent")
    assert "See what you sent" in copy.get_text() and "I miss my brother" in copy.get_text()
    # Back (or an old tab) after sending: told it was sent, and nothing can be changed.
    back = client.get("/consultation/page/home")
    assert back.status_code == 302 and back.headers["Location"] == "/consultation/done"


def test_two_submissions_racing_store_exactly_one_response(app, db_session):
    invitation, _ = factories.consultation(db_session, age=10)
    engine = db_session.get_bind()
    with Session(engine) as first, Session(engine) as second:
        state_one = service.progress(first, first.get(type(invitation), invitation.id))
        state_two = service.progress(second, second.get(type(invitation), invitation.id))
        one = service.submit(first, state_one, "en")
        two = service.submit(second, state_two, "en")
        assert one.id == two.id
    assert db_session.scalar(select(func.count()).select_from(Response)) == 1


def test_answers_hidden_by_a_later_change_are_not_sent_and_drafts_go_once_sent(client, db_session):
    invitation, _ = open_link(client, db_session, age=10)
    client.submit_form("/consultation/page/meeting-how", {"action": "continue", "meeting_how": "online"})
    client.submit_form("/consultation/page/online", {"action": "continue", "online_how": "need_device"})
    client.submit_form("/consultation/page/meeting-how", {"action": "continue", "meeting_how": "in_person"})
    walk_to_check(client)
    client.post("/consultation/submit", data={"csrf_token": client.csrf_token("/consultation/check")})
    response = db_session.scalar(select(Response).where(Response.invitation_id == invitation.id))
    assert "online_how" not in response.answers
    drafts = select(func.count()).select_from(Draft).where(Draft.invitation_id == invitation.id)
    assert db_session.scalar(drafts) == 0  # the sent response holds what was sent; no second copy is kept


def test_a_page_posted_without_its_csrf_token_is_refused_kindly(client, db_session):
    open_link(client, db_session, age=10)
    response = client.post("/consultation/page/home", data={"home_rating": "4"})
    assert response.status_code == 400
    assert "Answers you saved on earlier pages are safe" in response.get_data(as_text=True)


def test_the_youngest_see_our_own_pictures_not_emoji_that_some_phones_cannot_show(client, db_session):
    open_link(client, db_session, age=5)
    page = client.soup("/consultation/page/meeting-how")
    pictures = page.select(".govuk-radios__label img.app-picture")
    assert len(pictures) == 8 and not page.select(".app-emoji")
    for picture in pictures:
        assert picture["alt"] == ""  # the words beside it carry the meaning
        drawn = client.get(picture["src"])
        assert drawn.status_code == 200 and drawn.mimetype == "image/svg+xml"


def test_the_footer_offers_a_child_childline_and_a_carer_the_adults_helpline(app, db_session):
    from portal.invitations import create_invitation

    invitation, token = factories.consultation(db_session, age=10)
    _carer_invitation, carer_token = create_invitation(db_session, invitation.meeting, "carer", 28)
    db_session.commit()
    child, carer = app.test_client(), app.test_client()
    child.get(f"/c/{token}")
    carer.get(f"/c/{carer_token}")
    child_footer = child.soup("/consultation").select_one("footer").get_text(" ", strip=True)
    carer_footer = carer.soup("/consultation").select_one("footer").get_text(" ", strip=True)
    assert "call Childline free on 0800 1111" in child_footer
    assert "NSPCC helpline for adults" in carer_footer and "Childline" not in carer_footer
