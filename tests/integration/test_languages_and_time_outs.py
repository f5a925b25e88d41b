"""Languages a council switches on, switching language without losing what
was typed, the child's idle time-out, the listen buttons and the
accessibility statement."""

from __future__ import annotations

import time

import pytest

from portal import languages
from portal.config import ConfigError, load_config
from portal.consult.routes import SEEN_KEY
from tests.support import factories


def open_link(client, db_session, age=10):
    invitation, token = factories.consultation(db_session, age=age)
    client.get(f"/c/{token}")
    return invitation, token


def leave_idle(client, minutes: int) -> None:
    with client.session_transaction() as stored:
        stored[SEEN_KEY] = int(time.time()) - minutes * 60


# --- The council's setting -------------------------------------------------


def test_every_catalogue_named_in_the_registry_exists_and_says_which_way_it_reads():
    for code in languages.registry():
        if code != "en":
            assert (languages.TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").exists(), code
    assert languages.language("ar").direction == "rtl"
    assert languages.language("fa_AF").tag == "fa-AF" and languages.language("fa_AF").direction == "rtl"
    assert languages.language("pl").direction == "ltr"


def test_a_council_switches_languages_on_by_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("MYREVIEW_LANGUAGES", "cy, ar,pl")
    assert load_config(tmp_path)["LANGUAGES"] == ("en", "cy", "ar", "pl")
    monkeypatch.setenv("MYREVIEW_LANGUAGES", "ar,xx")
    with pytest.raises(ConfigError, match="no catalogue for xx"):
        load_config(tmp_path)


def test_production_refuses_a_draft_translation_until_the_council_says_it_was_reviewed(tmp_path, monkeypatch):
    monkeypatch.setenv("MYREVIEW_ENV", "production")
    monkeypatch.setenv("MYREVIEW_SECRET_KEY", "x" * 40)
    monkeypatch.setenv("MYREVIEW_LANGUAGES", "cy,ar")
    with pytest.raises(ConfigError, match=r"draft translations \(cy, ar\)"):
        load_config(tmp_path)
    monkeypatch.setenv("MYREVIEW_REVIEWED_LANGUAGES", "cy,ar")
    assert load_config(tmp_path)["LANGUAGES"] == ("en", "cy", "ar")


def test_production_is_english_only_unless_told_and_the_demo_shows_every_language(tmp_path, monkeypatch):
    monkeypatch.delenv("MYREVIEW_LANGUAGES", raising=False)
    monkeypatch.setenv("MYREVIEW_ENV", "production")
    monkeypatch.setenv("MYREVIEW_SECRET_KEY", "x" * 40)
    assert load_config(tmp_path)["LANGUAGES"] == ("en",)
    monkeypatch.setenv("MYREVIEW_ENV", "development")
    assert load_config(tmp_path, {"DEMO_MODE": True})["LANGUAGES"] == tuple(languages.registry())


# --- Switching language -----------------------------------------------------


def test_the_switcher_names_each_language_in_itself_and_marks_drafts(client, db_session):
    open_link(client, db_session)
    soup = client.soup("/consultation/page/home?lang=ar")
    assert soup.html["lang"] == "ar" and soup.html["dir"] == "rtl"
    assert "main.rtl.css" in soup.select_one("link[rel=stylesheet]")["href"]
    switcher = soup.select_one("nav.app-language-switcher")
    names = {item["lang"]: item.get_text(strip=True) for item in switcher.select("[lang]")}
    assert names["en"] == "English" and names["ar"] == "العربية" and names["fa-AF"] == "دری"
    assert switcher.select_one("[aria-current]")["lang"] == "ar"
    assert soup.select_one(".app-draft-translation") is not None
    english = client.soup("/consultation/page/home?lang=en")
    assert english.html["dir"] == "ltr" and english.select_one(".app-draft-translation") is None


def test_the_iros_own_english_words_keep_their_direction_on_a_right_to_left_page(client, db_session):
    """Without it, an English hello on an Arabic page ends ".I have two cats"."""
    open_link(client, db_session)
    soup = client.soup("/consultation?lang=ar")
    hello = next(p for p in soup.select(".app-iro-card__body p") if "Hello, I am" in p.get_text())
    assert hello.get("dir") == "auto"


def test_switching_language_saves_what_was_just_typed_on_the_page(client, db_session):
    open_link(client, db_session)
    response = client.submit_form(
        "/consultation/page/home?lang=ar",
        {"action": "switch_language", "home_rating": "2", "home_more": "I share a room with my brother"},
    )
    assert response.status_code == 302 and response.headers["Location"] == "/consultation/page/home"
    soup = client.soup("/consultation/page/home")
    assert soup.html["lang"] == "ar"
    assert soup.select_one("input[name=home_rating][value='2']").has_attr("checked")
    assert soup.select_one("textarea[name=home_more]").get_text() == "I share a room with my brother"


def test_switching_language_with_an_answer_too_long_keeps_it_without_scolding(client, db_session):
    open_link(client, db_session)
    too_long = "word " * 2000
    response = client.submit_form(
        "/consultation/page/home?lang=cy", {"action": "switch_language", "home_more": too_long}
    )
    assert response.status_code == 200, "an answer over the limit is not saved yet"
    html = response.get_data(as_text=True)
    assert 'lang="cy"' in html and too_long.strip() in html
    assert "govuk-error-summary" not in html


def test_the_iro_sees_which_language_the_form_was_used_in_and_the_words_as_written(client, db_session):
    from tests.support.staff import sign_in

    invitation, _ = open_link(client, db_session)
    client.submit_form(
        "/consultation/page/home?lang=ar", {"action": "continue", "home_more": "أشتاق إلى أمي كثيراً"}
    )
    client.post("/consultation/submit", data={"csrf_token": client.csrf_token("/consultation/check")})
    client.get("/?lang=en")  # the same browser, back in English for the IRO
    chair = invitation.meeting.chair
    sign_in(client, db_session, chair)
    soup = client.soup(f"/staff/meetings/{invitation.meeting_id}")
    note = soup.select_one(".app-written-in").get_text(" ", strip=True)
    assert "They used the form in Arabic." in note
    words = [b.get_text() for b in soup.select("bdi")]
    assert "أشتاق إلى أمي كثيراً" in words
    assert "Not analysed: read in full" in soup.get_text()


# --- The child's idle time-out ---------------------------------------------


def test_consultation_pages_carry_a_time_out_warning_that_can_save(client, db_session):
    open_link(client, db_session)
    dialog = client.soup("/consultation/page/home").select_one("dialog#timeout-warning")
    assert dialog["data-idle-seconds"] == "3600" and dialog["data-warning-seconds"] == "120"
    assert dialog["data-save-form"] == "answers"
    assert dialog.select_one("[data-keep-alive]").get_text(strip=True) == "I need more time"
    assert client.post(
        "/consultation/still-here", headers={"X-CSRFToken": dialog["data-csrf-token"]}
    ).json == {"open": True}


def test_after_an_hour_untouched_the_answers_close_and_the_link_opens_them_again(client, db_session):
    _, token = open_link(client, db_session)
    client.submit_form("/consultation/page/home", {"action": "continue", "home_rating": "5"})
    leave_idle(client, 61)
    closed = client.get("/consultation/page/home")
    assert closed.status_code == 200
    assert "We closed your answers to keep them private" in closed.get_data(as_text=True)
    assert "Really good" not in closed.get_data(as_text=True)
    assert client.post("/consultation/still-here").status_code in (400, 401)
    bad = client.get("/c/not-a-link-anyone-was-sent")
    assert bad.status_code == 404 and "This link cannot be used" in bad.get_data(as_text=True)
    client.get(f"/c/{token}")
    assert (
        client.soup("/consultation/page/home")
        .select_one("input[name=home_rating][value='5']")
        .has_attr("checked")
    )


def test_pressing_save_after_the_time_out_still_saves_what_was_typed(client, db_session):
    _, token = open_link(client, db_session)
    csrf = client.csrf_token("/consultation/page/home")
    leave_idle(client, 90)
    late = client.post(
        "/consultation/page/home",
        data={"csrf_token": csrf, "action": "save_and_leave", "home_more": "I like my new school"},
    )
    assert late.status_code == 200 and "We saved what you had typed." in late.get_data(as_text=True)
    again = client.get("/consultation/page/home")  # the closed page, not the answers
    assert "We closed your answers to keep them private" in again.get_data(as_text=True)
    client.get(f"/c/{token}")
    assert client.soup("/consultation/page/home").select_one("textarea[name=home_more]").get_text() == (
        "I like my new school"
    )


def test_an_answer_that_cannot_be_saved_after_the_time_out_is_shown_back_to_copy(client, db_session):
    open_link(client, db_session)
    csrf = client.csrf_token("/consultation/page/home")
    leave_idle(client, 90)
    too_long = "my words " * 1500
    late = client.post(
        "/consultation/page/home",
        data={"csrf_token": csrf, "action": "save_and_leave", "home_more": too_long},
    )
    soup = late.get_data(as_text=True)
    assert late.status_code == 200 and "so you can copy it" in soup and too_long.strip() in soup


# --- Read-aloud and the statement -----------------------------------------


@pytest.mark.parametrize(("age", "listens"), [(5, True), (10, True), (15, False)])
def test_younger_versions_have_a_listen_button_on_every_question(client, db_session, age, listens):
    open_link(client, db_session, age=age)
    soup = client.soup("/consultation/page/home")
    questions = soup.select("form#answers fieldset, form#answers .govuk-form-group > .govuk-label")
    buttons = soup.select("button[data-listen]")
    if listens:
        assert len(buttons) == len(soup.select(".app-question")) >= 2
        assert all(b.has_attr("hidden") and b["type"] == "button" for b in buttons)
        assert buttons[0].get_text(strip=True) == "Listen"
    else:
        assert buttons == [] and questions


def test_the_accessibility_statement_is_linked_from_every_public_page(client, db_session):
    open_link(client, db_session)
    link = client.soup("/consultation/page/home").select_one("footer a[href='/accessibility']")
    assert link.get_text(strip=True) == "Accessibility statement"
    statement = client.soup("/accessibility")
    headings = [h.get_text(strip=True) for h in statement.select("h2")]
    assert headings[:3] == [
        "How accessible this website is",
        "Feedback and contact information",
        "Enforcement procedure",
    ]
    assert (
        "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA"
        in statement.get_text()
    )
    welsh = client.soup("/accessibility?lang=cy")
    assert welsh.h1.get_text(strip=True) == "Datganiad hygyrchedd ar gyfer Fy Adolygiad"


def test_staff_sign_in_offers_only_languages_that_cover_staff_pages(client):
    soup = client.soup("/sign-in")
    offered = [item["lang"] for item in soup.select("nav.app-language-switcher [lang]")]
    assert offered == ["en", "cy"]


def test_relationships_are_shown_in_the_childs_language_and_unknown_ones_as_written(client, db_session):
    from portal.models import Person

    invitation, token = factories.consultation(db_session, age=10)
    child = invitation.meeting.child
    child.people += [
        Person(name="Jade Thompson", relationship_to_child="Mum", role="parent"),
        Person(name="Kit Moss", relationship_to_child="key worker at the club", role="other"),
    ]
    db_session.commit()
    client.get(f"/c/{token}")
    labels = " ".join(
        label.get_text(" ", strip=True)
        for label in client.soup("/consultation/page/not-talk-about?lang=ar").select(
            ".govuk-checkboxes__label"
        )
    )
    assert (
        "Jade Thompson (أمي)" in labels and "(مقدّم الرعاية البديلة)" in labels
    )  # the factory's foster carer
    assert "Kit Moss (key worker at the club)" in labels
