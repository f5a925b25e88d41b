"""The letter after the review as a child opens it on a phone: in Welsh and in
Arabic (right to left), its pictures, read aloud in the letter's language,
no sideways scrolling, and no accessibility failures."""

from __future__ import annotations

import pytest

from portal import child_letter
from portal.models import ChildLetter, ReviewRecord
from tests.browser.conftest import axe_violations, screenshot
from tests.browser.test_languages_and_access_in_a_browser import FAKE_SPEECH, NO_SIDEWAYS_SCROLL
from tests.support import factories

pytestmark = pytest.mark.browser

MESSAGES = [
    {"theme": "family_time", "told": "You miss your mum.", "happens": "You will see Mum every Saturday."},
    {"theme": "education", "told": "You like your school.", "happens": "You will stay at the same school."},
    {"theme": "safety", "told": "You feel safe at home.", "happens": "Jo will check in with you each month."},
]


def letter_link(server, language: str) -> str:  # type: ignore[no-untyped-def]
    with server.session() as db_session:
        chair = factories.iro(db_session)
        child = factories.child(db_session, chair, 9, meeting_in_days=-5)
        meeting = factories.meeting(db_session, child, in_days=-5)
        record = ReviewRecord(meeting=meeting, views=[])
        letter = ChildLetter(record=record, language=language, messages=MESSAGES)
        db_session.add_all([record, letter])
        token = child_letter.send(letter, chair, "link")
        db_session.commit()
    return f"{server.url}/l/{token}"


@pytest.mark.parametrize(
    ("language", "direction", "said"), [("cy", "ltr", "Dywedaist ti wrtha i:"), ("ar", "rtl", "أخبرتني:")]
)
def test_a_child_reads_and_hears_their_letter_on_a_phone(live_server, browser, language, direction, said):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 375, "height": 812}, bypass_csp=True)
    context.add_init_script(FAKE_SPEECH % f'[{{"lang": "{language}", "name": "Voice"}}]')
    page = context.new_page()
    page.goto(letter_link(live_server, language))
    assert page.get_attribute("html", "lang") == language and page.get_attribute("html", "dir") == direction
    pictures = page.locator(".app-letter__picture")
    assert pictures.count() == 3
    assert all(
        page.evaluate("(img) => img.complete && img.naturalWidth > 0", p.element_handle())
        for p in pictures.all()
    )
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    listen = page.locator("button[data-listen]").first
    listen.click()
    spoken = page.evaluate("() => window.__spoken")[0]
    assert spoken["lang"] == language
    assert said in spoken["text"] and "You will see Mum every Saturday." in spoken["text"]
    assert axe_violations(page) == []
    screenshot(page, f"child-letter-{language}")
    context.close()
