"""A child completes My Review on a 375 pixel wide phone with the keyboard
alone, and every page passes axe's WCAG 2.2 A and AA rules."""

from __future__ import annotations

import pytest

from forms import get_questionnaire
from tests.browser.conftest import axe_violations, screenshot
from tests.support import factories

pytestmark = pytest.mark.browser

FOCUSED = "() => document.activeElement && document.activeElement.outerHTML.slice(0, 120)"
# A focus indicator: an outline or a box shadow on the element, or, for GOV.UK
# radios and checkboxes, the ring drawn on the label's ::before.
FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  const shows = (style) => (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
      || (style.boxShadow && style.boxShadow !== 'none');
  if (shows(getComputedStyle(el))) return true;
  const label = el.labels && el.labels[0];
  return !!label && shows(getComputedStyle(label, '::before'));
}"""
NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
# WCAG 2.4.11: the focused element is on screen and nothing (a sticky bar, a
# banner) sits on top of it. For a hidden radio input, look at its label.
FOCUS_NOT_OBSCURED = """() => {
  const el = document.activeElement;
  const target = (el.labels && el.labels[0] && getComputedStyle(el).opacity === '0') ? el.labels[0] : el;
  const box = target.getBoundingClientRect();
  const x = box.left + Math.min(box.width / 2, 10), y = box.top + Math.min(box.height / 2, 10);
  if (y < 0 || y > window.innerHeight || x < 0 || x > window.innerWidth) return false;
  const top = document.elementFromPoint(x, y);
  return !!top && (target.contains(top) || top.contains(target) || el.contains(top) || top === el);
}"""


FOCUSED_TEXT = """(useLabel) => {
  const el = document.activeElement;
  if (useLabel && el.labels && el.labels[0]) return el.labels[0].innerText;
  return el.innerText || el.value || '';
}"""


def tab_to(page, text: str, limit: int = 120, check_label: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until the focused element shows ``text``, checking its focus is visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        label = page.evaluate(FOCUSED_TEXT, check_label)
        if text in label:
            assert page.evaluate(FOCUS_VISIBLE), f"focus not visible on {page.evaluate(FOCUSED)}"
            assert page.evaluate(FOCUS_NOT_OBSCURED), f"focus hidden on {page.evaluate(FOCUSED)}"
            return
    raise AssertionError(f"could not reach {text!r} with Tab on {page.url}")


def tab_to_box(page, limit: int = 60) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until a text box has the focus, checking the focus is visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.tagName") == "TEXTAREA":
            assert page.evaluate(FOCUS_VISIBLE), f"focus not visible on {page.evaluate(FOCUSED)}"
            return
    raise AssertionError(f"could not reach a text box with Tab on {page.url}")


@pytest.mark.parametrize("age", [6, 10, 15])
def test_a_child_completes_my_review_with_the_keyboard_alone_on_a_small_phone(live_server, phone, age):
    with live_server.session() as db_session:
        invitation, token = factories.consultation(db_session, age=age)
    questionnaire = get_questionnaire(invitation.questionnaire_id)
    page = phone
    page.goto(f"{live_server.url}/c/{token}")
    assert "/c/" not in page.url
    assert axe_violations(page) == []
    tab_to(page, "Start")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    for step in range(len(questionnaire.visible_pages({}))):
        assert "/consultation/page/" in page.url
        assert page.evaluate(NO_SIDEWAYS_SCROLL), f"sideways scrolling on {page.url}"
        assert axe_violations(page) == [], page.url
        if step == 0:
            # Answer by keyboard: Tab into the faces, arrow down to "Good", then
            # Tab on (past any other faces on the page) to the first box and type.
            tab_to(page, "Really good", check_label=True)
            page.keyboard.press("ArrowDown")
            assert page.is_checked("input[name=home_rating][value='4']")
            tab_to_box(page)
            page.keyboard.type("I like my bedroom")
        tab_to(page, "Save and continue")
        with page.expect_navigation():
            page.keyboard.press("Enter")

    assert page.url.endswith("/consultation/check")
    assert "I like my bedroom" in page.inner_text("main")
    assert axe_violations(page) == []
    tab_to(page, "Send my answers")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/consultation/done")
    assert "Your answers have been sent" in page.inner_text("h1")
    assert axe_violations(page) == []
    if age == 10:
        screenshot(page, "child-done-375")


def test_error_state_passes_axe_and_keeps_the_words(live_server, phone):
    with live_server.session() as db_session:
        _, token = factories.consultation(db_session, age=10)
    page = phone
    page.goto(f"{live_server.url}/c/{token}")
    page.goto(f"{live_server.url}/consultation/page/about-you")
    words = "a name that is far too long for the box " * 3
    page.fill("#name_to_use", words)
    page.click("text=Save and continue")
    assert page.title().startswith("Error:")
    assert page.input_value("#name_to_use") == words
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    # GOV.UK Frontend moves focus to the summary so screen readers announce it.
    assert page.evaluate("() => document.activeElement.classList.contains('govuk-error-summary')")
    assert axe_violations(page) == []
    screenshot(page, "child-error-375")


def test_no_sideways_scrolling_at_320_pixels(live_server, browser):
    with live_server.session() as db_session:
        _, token = factories.consultation(db_session, age=15)
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{live_server.url}/c/{token}")
    for path in (
        "/consultation",
        "/consultation/page/home",
        "/consultation/page/who-comes",
        "/consultation/page/meeting-when",
        "/consultation/check",
    ):
        page.goto(live_server.url + path)
        assert page.evaluate(NO_SIDEWAYS_SCROLL), path
    context.close()


def test_the_axe_check_reports_a_real_fault(phone):
    """Guards the guard: a page with an unlabelled field and an image without alt fails."""
    phone.set_content('<html lang="en"><title>t</title><main><img src="x.png"><input></main></html>')
    assert {v["id"] for v in axe_violations(phone)} >= {"image-alt", "label"}


def open_page_as_child(live_server, phone, age: int, path: str) -> None:  # type: ignore[no-untyped-def]
    """Open a new child's link on the phone, then go to one page of their consultation."""
    with live_server.session() as db_session:
        _invitation, token = factories.consultation(db_session, age=age)
        db_session.commit()
    phone.goto(f"{live_server.url}/c/{token}")
    phone.goto(f"{live_server.url}{path}")


def test_enter_in_a_one_line_box_saves_and_goes_on_in_the_same_language(live_server, phone):
    open_page_as_child(live_server, phone, 12, "/consultation/page/about-you")
    box = phone.locator("input[name=name_to_use]")
    box.fill("Robbie")
    box.press("Enter")  # a phone's Go key does the same
    phone.wait_for_load_state("networkidle")
    assert "/consultation/page/about-you" not in phone.url, "Enter did not go on"
    assert phone.evaluate("document.documentElement.lang") == "en"
    phone.goto(f"{live_server.url}/consultation/page/about-you")
    assert phone.input_value("input[name=name_to_use]") == "Robbie"


def test_boxes_take_their_direction_from_the_words_and_the_count_waits_until_needed(live_server, phone):
    open_page_as_child(live_server, phone, 6, "/consultation/page/home?lang=ar")
    box = phone.locator("textarea").first
    box.fill("I like my room")
    assert box.evaluate("el => getComputedStyle(el).direction") == "ltr"  # English typed on an Arabic page
    box.fill("أحب غرفتي")
    assert box.evaluate("el => getComputedStyle(el).direction") == "rtl"
    status = phone.locator(".govuk-character-count__status").first
    assert "--disabled" in (status.get_attribute("class") or "")  # no "characters remaining" under every box
    box.fill("x" * 1900)
    box.press("x")  # typed, as a child would: the count now shows
    status = phone.locator(".govuk-character-count__status").first
    assert "--disabled" not in (status.get_attribute("class") or "") and status.is_visible()


def test_the_youngest_choose_where_to_meet_by_pictures_that_pass_axe(live_server, phone):
    open_page_as_child(live_server, phone, 5, "/consultation/page/meeting-how")
    drawn = phone.locator("img.app-picture")
    assert drawn.count() == 8
    # Every drawing loaded (an SVG of our own, not an emoji font the phone may lack).
    assert phone.evaluate(
        "() => [...document.querySelectorAll('img.app-picture')].every(i => i.naturalWidth > 0)"
    )
    assert axe_violations(phone) == []
    screenshot(phone, "little-where-we-meet-375")


def test_the_youngest_version_is_eight_short_pages_on_a_phone(live_server, phone):
    open_page_as_child(live_server, phone, 5, "/consultation/page/home")
    assert phone.inner_text(".govuk-caption-m").strip() == "Step 1 of 8"
    assert phone.locator("button[data-listen]").count() == 3  # one for each question on the page
    screenshot(phone, "little-home-375")
    phone.goto(f"{live_server.url}/consultation/page/houses")
    assert phone.locator("textarea").count() == 3  # the three houses together, each with its own name
    assert "House of worries" in phone.inner_text("main")
    assert axe_violations(phone) == []
    screenshot(phone, "little-three-houses-375")
