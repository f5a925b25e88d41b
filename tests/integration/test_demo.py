"""`myreview demo` builds a demo that shows every age version and every staff sign-in."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from portal import create_app
from portal.cli import main
from portal.db import engine_for, make_engine
from portal.demo import LINKS_FILE, seed
from portal.models import Child, Invitation, Meeting, Response
from tests.conftest import _fresh_postgres
from tests.support.pages import CheckedClient


def test_demo_command_prints_a_link_for_each_age_version_and_staff_sign_in(tmp_path, monkeypatch):
    monkeypatch.setenv("MYREVIEW_INSTANCE_PATH", str(tmp_path))
    result = CliRunner().invoke(main, ["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    for version in ("my-review-4-7", "my-review-8-12", "my-review-13-plus"):
        assert re.search(rf"\({version}\)\n\s+http://127\.0\.0\.1:5000/c/[\w-]{{43}}", result.output), version
    assert "http://127.0.0.1:5000/sign-in" in result.output
    assert re.search(r"conference.*\n\s+http://127\.0\.0\.1:5000/f/[\w-]{43}", result.output)
    assert (tmp_path / "demo.sqlite").exists()


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def seeded_demo(request, tmp_path_factory, migrated_sqlite):
    """The demo seeded once per database kind for this module (it takes
    seconds): its database, to copy for each test, and the links it saved."""
    folder = tmp_path_factory.mktemp("demo")
    if request.param == "sqlite":
        source = folder / "demo.sqlite"
        shutil.copy(migrated_sqlite, source)
        url = f"sqlite:///{source}"
    else:
        server = request.getfixturevalue("pg_server")
        url = _fresh_postgres(server, request.getfixturevalue("pg_template"))
    engine = make_engine(url)
    with Session(engine) as db_session:
        seed(db_session, "http://localhost").save(folder)
        if request.param == "sqlite":  # everything into the one file, so a copy has it all
            db_session.execute(sql("PRAGMA wal_checkpoint(TRUNCATE)"))
    engine.dispose()  # a PostgreSQL template may have no one connected
    return request.param, url, folder


@pytest.fixture
def demo_app(request, seeded_demo, tmp_path):
    """Apps on a copy of the seeded demo, in or out of demo mode."""
    kind, url, folder = seeded_demo
    if kind == "sqlite":
        shutil.copy(folder / "demo.sqlite", tmp_path / "demo.sqlite")
        database_url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    else:
        database_url = _fresh_postgres(request.getfixturevalue("pg_server"), url.rsplit("/", 1)[1])
    shutil.copy(folder / LINKS_FILE, tmp_path / LINKS_FILE)
    made = []

    def make(demo: bool):
        app = create_app({"TESTING": True, "DATABASE_URL": database_url, "DEMO_MODE": demo})
        app.instance_path = str(tmp_path)
        app.test_client_class = CheckedClient
        made.append(app)
        return app

    yield make
    for app in made:
        engine_for(app).dispose()


def test_demo_start_page_lists_links_and_one_click_sign_in(demo_app):
    client = demo_app(True).test_client()
    soup = client.soup("/")
    links = [a["href"] for a in soup.select(".app-demo a")]
    assert len([href for href in links if "/c/" in href]) == 7  # five children, a carer and a mum
    buttons = soup.select(".app-demo form")
    assert len(buttons) == 6  # one per demo staff user, every role
    token = soup.select_one(".app-demo input[name=csrf_token]")["value"]
    signed_in = client.post(buttons[0]["action"], data={"csrf_token": token})
    assert signed_in.headers["Location"] == "/staff/"
    assert "Mia Thompson" in client.soup("/staff/caseload").get_text()


def test_outside_demo_mode_there_is_no_one_click_sign_in(demo_app):
    client = demo_app(False).test_client()
    assert client.soup("/").select_one(".app-demo") is None
    assert client.post("/demo/sign-in-as/1").status_code in (400, 404)
    assert client.get("/demo/sign-in-as/1").status_code == 404


def test_the_demo_shows_the_saved_page_check_for_the_words_it_suggests(demo_app):
    client = demo_app(True).test_client()
    soup = client.soup("/")
    hint = next(p.get_text() for p in soup.select(".app-demo p") if "saved" in p.get_text())
    words = hint.split("“")[1].split("”")[0]
    child_link = next(a["href"] for a in soup.select(".app-demo a") if "/c/" in a["href"])
    client.get(child_link)
    page = "/consultation/page/home"
    form = client.soup(page)
    box = form.select_one("textarea")["name"]
    saved = client.submit_form(page, {"action": "continue", box: words})
    assert "Nobody has read your answers yet" in client.soup(saved.headers["Location"]).get_text()


def test_the_demo_has_a_past_review_to_record_and_a_next_one_checking_the_last(demo_app):
    """Leo's review five days ago has his answers waiting in its record; Mia's
    coming review shows what her last one asked for, one thing late."""
    app = demo_app(True)
    client = app.test_client()
    soup = client.soup("/")
    token = soup.select_one(".app-demo input[name=csrf_token]")["value"]
    priya = next(f for f in soup.select(".app-demo form") if "Priya" in f.get_text())  # Mia's and Leo's IRO
    client.post(priya["action"], data={"csrf_token": token})
    caseload = client.soup("/staff/caseload")
    meetings = {a.get_text(strip=True): a["href"] for a in caseload.select("a[href^='/staff/meetings/']")}
    earlier = (
        client.soup(meetings["Mia Thompson"]).select_one("#last-recommendations").get_text(" ", strip=True)
    )
    assert (
        "Hold a PEP meeting about Mia's reading support" in earlier
        and "Late" in earlier
        and "Done" in earlier
    )

    with Session(engine_for(app)) as db_session:
        leo_past = db_session.scalar(
            select(Meeting).join(Child).where(Child.first_name == "Leo", Meeting.held_on < date.today())
        )
        sent = db_session.scalar(
            select(Response).join(Invitation).where(Invitation.meeting_id == leo_past.id)
        )
        words = [v for v in sent.answers.values() if isinstance(v, str) and len(v) > 20]
        meeting_id = leo_past.id
    record = client.soup(f"/staff/meetings/{meeting_id}/record").get_text(" ", strip=True)
    assert words and all(" ".join(w.split()) in record for w in words)


def test_in_the_demo_an_iro_records_leos_review_and_sends_him_a_letter_he_opens(demo_app):
    """The record-and-letter journey end to end on the demo's own data: Leo's
    words already in the record, two recommendations, finished, downloaded,
    and a three-message letter he opens through his link; his next meeting
    shows the recommendations."""
    app = demo_app(True)
    client = app.test_client()
    soup = client.soup("/")
    token = soup.select_one(".app-demo input[name=csrf_token]")["value"]
    priya = next(f for f in soup.select(".app-demo form") if "Priya" in f.get_text())
    client.post(priya["action"], data={"csrf_token": token})
    with Session(engine_for(app)) as db_session:
        leo = db_session.scalar(select(Child).where(Child.first_name == "Leo"))
        meetings = db_session.scalars(select(Meeting).where(Meeting.child_id == leo.id)).all()
        past = next(m.id for m in meetings if m.held_on < date.today())
        upcoming = next(m.id for m in meetings if m.held_on >= date.today())
    record_url = f"/staff/meetings/{past}/record"
    assert client.submit_form(record_url, {"action": "start"}).status_code == 302
    for text, owner in (
        ("Arrange football on Saturdays", "Foster carer"),
        ("Book a PEP", "Designated teacher"),
    ):
        due = date.today().replace(day=1)
        added = client.post(
            f"{record_url}/recommendations",
            data={
                "csrf_token": client.csrf_token(record_url),
                "text": text,
                "owner": owner,
                "due_on": [str(due.day), str(due.month), str(due.year + 1)],
            },
        ).status_code
        assert added == 302
    next_day = date.today().replace(day=1)
    finished = client.submit_form(
        record_url,
        {
            "plan_meets_needs": "yes",
            "next_review_on": [str(next_day.day), str(next_day.month), str(next_day.year + 1)],
            "action": "finish",
        },
    )
    assert finished.status_code == 302
    assert client.get(f"/staff/meetings/{past}/record.docx").status_code == 200
    assert "Arrange football" in client.get(f"/staff/meetings/{past}/record.json").get_data(as_text=True)

    letter_url = f"/staff/meetings/{past}/letter"
    draft = client.soup(letter_url)
    fields = {
        field["name"]: field.get("value", "") or field.get_text()
        for field in draft.select("form textarea, form input[type=hidden]")
    }
    fields.update(
        {name["name"]: name.select_one("option[selected]")["value"] for name in draft.select("form select")}
    )
    for i in range(3):  # the IRO puts each message in their own words
        fields[f"messages-{i}-told"] = fields[f"messages-{i}-told"][:100] or "You told me about school."
        fields[f"messages-{i}-happens"] = fields[f"messages-{i}-happens"] or "Your carer will help."
    assert client.post(letter_url, data=fields).status_code == 302
    sent = client.post(
        f"{letter_url}/send", data={"csrf_token": client.csrf_token(letter_url), "delivery": "link"}
    )
    link = BeautifulSoup(sent.get_data(as_text=True), "html.parser").find("input", id="letter-link")["value"]
    leo_phone = app.test_client()
    opened = leo_phone.soup(re.sub(r"^https?://[^/]+", "", link))
    assert len(opened.select(".app-letter__picture")) == 3
    assert opened.select_one("[data-module=app-read-aloud] button[data-listen]")
    assert "Arrange football on Saturdays" in client.soup(f"/staff/meetings/{upcoming}").get_text(" ")
