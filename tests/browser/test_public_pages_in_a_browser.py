"""The public "you said, we did" page on a phone, in Arabic (right to left)
and English: no sideways scrolling and no accessibility failures."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations, screenshot
from tests.browser.test_languages_and_access_in_a_browser import NO_SIDEWAYS_SCROLL
from tests.support import factories

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "ar"])
def test_you_said_we_did_reads_well_on_a_phone(live_server, phone, language):  # type: ignore[no-untyped-def]
    with live_server.session() as db_session:
        author = factories.staff(db_session, "participation_officer")
        for theme, said, did in (
            ("family_time", "Family time was cancelled late.", "A spare worker covers every visit."),
            ("meeting", "Reviews were in school time.", "Reviews are after school unless you ask."),
        ):
            factories.service_action(db_session, author, theme, said, did, ended_days_ago=20)
    page = phone
    page.goto(f"{live_server.url}/you-said-we-did?lang={language}")
    assert page.locator("section.app-said-did").count() == 2
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert axe_violations(page) == []
    screenshot(page, f"you-said-we-did-{language}")
