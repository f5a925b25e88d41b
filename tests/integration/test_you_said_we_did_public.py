"""The public "you said, we did" page: what the service changed, by theme, for
children and families to read without signing in, in their own language."""

from __future__ import annotations

from tests.support import factories


def action(db_session, author, theme: str, said: str, did: str, ended_days_ago: int = 30) -> None:  # type: ignore[no-untyped-def]
    factories.service_action(db_session, author, theme, said, did, ended_days_ago)


def test_recent_actions_show_by_theme_for_anyone_and_old_ones_do_not(client, db_session):
    author = factories.staff(db_session, "participation_officer")
    action(db_session, author, "family_time", "Family time was often cancelled.", "We book a spare worker.")
    action(db_session, author, "education", "Reviews were in school time.", "Reviews are after school now.")
    action(db_session, author, "family_time", "Old words.", "Long ago.", ended_days_ago=3 * 365)
    page = client.soup("/you-said-we-did")
    sections = page.select("section.app-said-did")
    headings = [s.find("h2").get_text(" ", strip=True) for s in sections]
    assert headings == ["Family and family time", "School, college and work"]  # the frame's order
    family = sections[0].get_text(" ", strip=True)
    assert "Family time was often cancelled." in family and "We book a spare worker." in family
    assert "Old words." not in page.get_text()
    assert sections[0].select_one("img.app-letter__picture")["src"].endswith("/family_time.svg")
    assert "/you-said-we-did" in [a["href"] for a in client.soup("/").select("a")]


def test_the_page_reads_in_welsh_and_arabic_with_the_councils_words_marked(client, db_session):
    author = factories.staff(db_session, "participation_officer")
    action(db_session, author, "voice", "Nobody asked us.", "Every review now starts with the child.")
    welsh = client.soup("/you-said-we-did?lang=cy")
    assert welsh.find("html")["lang"] == "cy"
    assert welsh.find("h1").get_text(strip=True) == "Dywedoch chi, gwnaethon ni"
    own = welsh.select(".app-letter__own")
    said = ["Nobody asked us.", "Every review now starts with the child."]
    assert [p.get_text(strip=True) for p in own] == said
    assert all(p["lang"] == "en" for p in own)
    arabic = client.soup("/you-said-we-did?lang=ar")
    assert arabic.find("html")["dir"] == "rtl"
    assert arabic.find("h1").get_text(strip=True) == "قلتم، فعلنا"
    assert "Nobody asked us." in arabic.get_text()


def test_with_nothing_recorded_the_page_says_so(client, db_session):
    page = client.soup("/you-said-we-did")
    assert "Nothing has been written here yet" in page.get_text()
