"""What a child sees in a real browser: English, Welsh and Arabic (right to
left) screenshots, switching language mid-way without losing answers, the
listen button, the time-out warning, 200% zoom, target sizes, and axe on
the carers', parents' and conference feedback journeys."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from forms import get_questionnaire
from portal import conference_links
from portal.invitations import create_invitation
from portal.models import Meeting
from tests.browser.conftest import SMALL_TARGETS, axe_violations, screenshot
from tests.support import factories

pytestmark = pytest.mark.browser

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"

# Text cut off: an element whose own text overflows a box that hides overflow.
CLIPPED_TEXT = """() => [...document.querySelectorAll('main *, header *, footer *')].filter((el) => {
  const style = getComputedStyle(el);
  const hides = ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY);
  const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  return hides && hasText && el.offsetParent !== null
    && !el.classList.contains('govuk-visually-hidden')
    && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
}).map((el) => el.outerHTML.slice(0, 100))"""

# Speech synthesis stand-in: records what the page asks the browser to say,
# with the voices a phone might have. (Real speech needs a sound card.)
FAKE_SPEECH = """(() => {
  const spoken = [];
  window.__spoken = spoken;
  class Utterance extends EventTarget {
    constructor(text) { super(); this.text = text; this.lang = ''; this.rate = 1; this.voice = null; }
  }
  const voices = %s;
  const synth = new EventTarget();
  synth.getVoices = () => voices;
  synth.cancel = () => {};
  synth.speak = (utterance) => {
    spoken.push({text: utterance.text, lang: utterance.lang, voice: utterance.voice && utterance.voice.lang});
    window.__lastUtterance = utterance;
  };
  Object.defineProperty(window, 'speechSynthesis', {value: synth});
  window.SpeechSynthesisUtterance = Utterance;
})();"""


def child_link(server, age: int = 10) -> str:  # type: ignore[no-untyped-def]
    with server.session() as db_session:
        _, token = factories.consultation(db_session, age=age)
    return f"{server.url}/c/{token}"


def choose_language(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Tab from the top of the page to the language, then Enter, as a keyboard user would."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.innerText.trim()") == name:
            break
    else:
        raise AssertionError(f"could not reach {name} with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_first_question_in_english_welsh_and_arabic_at_375_pixels(live_server, phone):
    page = phone
    page.goto(child_link(live_server))
    page.goto(f"{live_server.url}/consultation/page/home")
    for code, heading in (("en", "Where you live"), ("cy", "Ble rwyt ti’n byw"), ("ar", "أين تعيش")):
        page.goto(f"{live_server.url}/consultation/page/home?lang={code}")
        assert page.inner_text("h1") == heading
        assert page.evaluate(NO_SIDEWAYS_SCROLL), code
        assert axe_violations(page) == [], code
        screenshot(page, f"first-question-{code}-375")

    # Right to left: the page reads from the right, radios sit to the right of
    # their words, and the back link points the other way.
    assert page.get_attribute("html", "dir") == "rtl"
    radio = page.locator(".govuk-radios__input").first.bounding_box()
    label = page.locator(".govuk-radios__label").first.bounding_box()
    assert radio["x"] > label["x"], "the radio should be on the right in Arabic"
    heading = page.locator("h1").bounding_box()
    assert heading["x"] + heading["width"] > 375 - 40, "headings start at the right edge"


def test_a_child_switches_to_arabic_mid_way_and_back_and_keeps_every_answer(live_server, phone):
    page = phone
    page.goto(child_link(live_server))
    page.goto(f"{live_server.url}/consultation/page/home")
    page.check("input[name=home_rating][value='4']", force=True)
    page.fill("textarea[name=home_more]", "I like my room")
    with page.expect_navigation():
        page.click("text=Save and continue")

    # Half-way through the next page, the child chooses Arabic: what they typed stays.
    second = page.url
    page.fill("textarea", "My sister visits on Sundays")
    choose_language(page, "العربية")
    assert page.url == second
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    assert page.input_value("textarea") == "My sister visits on Sundays"
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.click("text=احفظ وتابع")
    assert page.get_attribute("html", "dir") == "rtl", "the rest of the journey stays right to left"
    page.fill("textarea >> nth=0", "أحب كرة القدم")
    choose_language(page, "English")
    assert page.get_attribute("html", "dir") == "ltr"
    assert page.input_value("textarea >> nth=0") == "أحب كرة القدم"

    page.goto(f"{live_server.url}/consultation/page/home")
    assert page.is_checked("input[name=home_rating][value='4']")
    assert page.input_value("textarea[name=home_more]") == "I like my room"
    page.goto(f"{live_server.url}/consultation/check")
    answers = page.inner_text("main")
    for typed in ("I like my room", "My sister visits on Sundays", "أحب كرة القدم"):
        assert typed in answers
    page.goto(f"{live_server.url}/consultation/check?lang=ar")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(page, "check-answers-ar-375")


def test_the_listen_button_reads_the_question_and_its_answers_in_the_page_language(live_server, browser):
    context = browser.new_context(viewport={"width": 375, "height": 812}, bypass_csp=True)
    context.add_init_script(
        FAKE_SPEECH % '[{"lang": "en-GB", "name": "English"}, {"lang": "cy-GB", "name": "Welsh"}]'
    )
    page = context.new_page()
    page.goto(child_link(live_server, age=6))
    page.goto(f"{live_server.url}/consultation/page/home")
    listen = page.locator("button[data-listen]").first
    assert listen.is_visible() and listen.inner_text().strip() == "Listen"
    listen.focus()
    page.keyboard.press("Enter")  # a real button: the keyboard works as a tap does
    spoken = page.evaluate("() => window.__spoken")
    assert spoken[0]["lang"] == "en" and spoken[0]["voice"] == "en-GB"
    text = spoken[0]["text"]
    assert text.startswith("How do you feel at home?")
    assert all(word in text for word in ("Really good.", "Good.", "OK.", "Not good.", "Really bad."))
    assert text.index("Really good") < text.index("Really bad")
    assert listen.inner_text().strip() == "Stop"
    page.evaluate("() => window.__lastUtterance.dispatchEvent(new Event('end'))")
    assert listen.inner_text().strip() == "Listen"

    page.goto(f"{live_server.url}/consultation/page/home?lang=cy")
    page.locator("button[data-listen]").first.click()
    welsh = page.evaluate("() => window.__spoken")[0]
    assert welsh["lang"] == "cy" and welsh["text"].startswith("Sut wyt ti’n teimlo gartref? Da iawn.")
    context.close()


def test_no_listen_button_without_a_voice_for_the_language_or_without_javascript(live_server, browser):
    context = browser.new_context(viewport={"width": 375, "height": 812}, bypass_csp=True)
    context.add_init_script(FAKE_SPEECH % '[{"lang": "en-GB", "name": "English"}]')
    page = context.new_page()
    page.goto(child_link(live_server, age=6))
    page.goto(f"{live_server.url}/consultation/page/home?lang=ti")
    assert page.locator("button[data-listen]:visible").count() == 0
    context.close()

    plain = browser.new_context(
        viewport={"width": 375, "height": 812}, java_script_enabled=False, bypass_csp=True
    )
    page = plain.new_page()
    page.goto(child_link(live_server, age=6))
    page.goto(f"{live_server.url}/consultation/page/home")
    assert page.locator("button[data-listen]:visible").count() == 0
    assert "How do you feel at home?" in page.inner_text("main")
    page.wait_for_load_state("networkidle")
    plain.close()


def test_the_time_out_warning_gives_more_time_or_saves_what_was_typed(serve, browser):
    # Fifteen seconds of idleness instead of an hour: the warning comes at five,
    # leaving time to check it with axe before answering even on a busy machine.
    server = serve(CONSULT_IDLE_MINUTES=0.25, CONSULT_TIMEOUT_WARNING_SECONDS=10)
    context = browser.new_context(viewport={"width": 375, "height": 812}, bypass_csp=True)
    page = context.new_page()
    link = child_link(server)
    page.goto(link)
    page.goto(f"{server.url}/consultation/page/home")
    page.fill("textarea[name=home_more]", "I want more time with my dog")
    dialog = page.locator("dialog#timeout-warning")
    dialog.wait_for(state="visible", timeout=12000)
    assert page.evaluate("() => document.activeElement.closest('dialog') !== null"), (
        "focus moves into the warning"
    )
    assert axe_violations(page) == []
    # By keyboard: the dialog's first button has focus; Enter answers it.
    assert page.evaluate("() => document.activeElement.innerText.trim()") == "I need more time"
    page.keyboard.press("Enter")
    dialog.wait_for(state="hidden", timeout=1000)
    assert page.url.endswith("/consultation/page/home")

    # This time nobody answers: what was typed is saved before the page closes.
    dialog.wait_for(state="visible", timeout=12000)
    page.wait_for_url("**/consultation/saved", timeout=15000)
    assert "Your answers are saved" in page.inner_text("h1")
    page.goto(link)
    page.goto(f"{server.url}/consultation/page/home")
    assert page.input_value("textarea[name=home_more]") == "I want more time with my dog"
    context.close()


def test_text_stays_readable_at_200_percent_zoom_and_targets_are_big_enough(live_server, browser):
    # 200% zoom on a 1280 pixel wide screen is a 640 CSS pixel wide page at twice the scale.
    context = browser.new_context(
        viewport={"width": 640, "height": 400}, device_scale_factor=2, bypass_csp=True
    )
    page = context.new_page()
    page.goto(child_link(live_server, age=6))
    paths = [
        "/consultation",
        "/consultation/page/home",
        "/consultation/page/home?lang=ar",
        "/consultation/page/about-me?lang=en",
        "/consultation/check",
        "/accessibility",
    ]
    for path in paths:
        page.goto(live_server.url + path)
        assert page.evaluate(NO_SIDEWAYS_SCROLL), path
        assert page.evaluate(CLIPPED_TEXT) == [], path
        assert page.evaluate(SMALL_TARGETS) == [], path
    # And text alone made twice as big (browser text size), on a phone.
    phone = context.new_page()
    phone.set_viewport_size({"width": 375, "height": 812})
    phone.goto(live_server.url + "/consultation/page/home")
    phone.add_style_tag(content="html { font-size: 200% !important; } body * { font-size: 2em; }")
    assert phone.evaluate(CLIPPED_TEXT) == []
    context.close()


def test_the_target_size_check_finds_a_tiny_crowded_button(phone):
    """Guards the guard."""
    phone.set_content(
        '<html lang="en"><title>t</title><main><button style="width:10px;height:10px;padding:0">a</button>'
        '<button style="width:10px;height:10px;padding:0">b</button></main></html>'
    )
    assert len(phone.evaluate(SMALL_TARGETS)) == 2


def _walk_with_axe(page, base: str, questionnaire_id: str, context: dict) -> None:  # type: ignore[no-untyped-def]
    """Every page of a journey, then the check page, each checked by axe and for
    320px reflow; then the first page with a word limit, in its error state."""
    page.goto(f"{base}/consultation")
    assert axe_violations(page) == [], page.url
    pages = get_questionnaire(questionnaire_id).visible_pages(context)
    for form_page in pages:
        page.goto(f"{base}/consultation/page/{form_page.id}")
        assert axe_violations(page) == [], page.url
        assert page.evaluate(NO_SIDEWAYS_SCROLL), page.url
    page.goto(f"{base}/consultation/check")
    assert axe_violations(page) == [], page.url

    limited = next(p for p in pages if any(q.max_length for q in p.questions if q.type == "long_text"))
    question = next(q for q in limited.questions if q.type == "long_text" and q.max_length)
    page.goto(f"{base}/consultation/page/{limited.id}")
    page.fill(f"textarea[name={question.id}]", "x" * (question.max_length + 5))
    with page.expect_navigation():
        page.locator("form#answers button[value=continue]").click()
    assert page.locator(".govuk-error-summary").is_visible(), page.url
    assert page.input_value(f"textarea[name={question.id}]") == "x" * (question.max_length + 5)
    assert axe_violations(page) == [], f"{page.url} with an error"


def test_every_journey_passes_axe_in_arabic_and_the_adults_in_english_too(live_server, browser):
    with live_server.session() as db_session:
        chair = factories.iro(db_session)
        review = factories.meeting(db_session, factories.child(db_session, chair, 9))
        journeys = []
        for audience in ("carer", "parent"):
            invitation, token = create_invitation(db_session, review, audience, 14)
            journeys.append((f"/c/{token}", invitation.questionnaire_id, {}, ("en", "ar")))
        for age in (6, 10, 15):
            invitation, token = factories.consultation(db_session, age=age, chair=chair)
            journeys.append((f"/c/{token}", invitation.questionnaire_id, {}, ("ar",)))
        conference = Meeting(
            kind="cp_conference",
            conference_type="review",
            held_on=date.today() - timedelta(days=1),
            chair=chair,
        )
        db_session.add(conference)
        db_session.flush()
        _, token = conference_links.create(db_session, conference, 14, 10)
        journeys.append((f"/f/{token}", "cp-feedback", {"@conference_type": "review"}, ("en", "ar")))
        db_session.commit()
    for path, questionnaire_id, context, codes in journeys:
        for code in codes:
            visitor = browser.new_context(viewport={"width": 320, "height": 700}, bypass_csp=True)
            page = visitor.new_page()
            page.goto(f"{live_server.url}{path}")
            if path.startswith("/f/"):  # a shared link: its start page, then Start
                assert axe_violations(page) == [], path
                page.get_by_role("button", name="Start").click()
            page.goto(f"{live_server.url}/consultation?lang={code}")
            _walk_with_axe(page, live_server.url, questionnaire_id, context)
            page.wait_for_load_state("networkidle")
            visitor.close()


def test_the_statement_the_closed_page_and_a_bad_link_pass_axe(live_server, phone):
    for path in ("/accessibility", "/accessibility?lang=ar", "/c/not-a-real-link", "/nowhere"):
        phone.goto(live_server.url + path)
        assert axe_violations(phone) == [], path
