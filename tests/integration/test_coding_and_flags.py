"""Every free-text answer is coded when it is submitted; a possible disclosure
reaches a person at once and stays until a person acknowledges it."""

from __future__ import annotations

from datetime import timedelta

from bs4 import BeautifulSoup
from click.testing import CliRunner
from sqlalchemy import select

import analysis
from portal.consult import service
from portal.messaging import dispatch
from portal.models import AnswerCoding, AuditEvent, CodingCorrection, SafeguardingFlag, utcnow
from portal.report import sections
from tests.support import factories
from tests.support.staff import sign_in


def submit(app, db_session, answers, age=12, chair=None):  # type: ignore[no-untyped-def]
    invitation, _ = factories.consultation(db_session, age=age, chair=chair)
    for page_id, page_answers in answers.items():
        service.save_page(db_session, invitation, page_id, page_answers)
    with app.test_request_context():
        return service.submit(db_session, service.progress(db_session, invitation), "en", app.config)


def test_submission_codes_each_free_text_answer_with_the_coder_version(app, db_session):
    response = submit(
        app,
        db_session,
        {
            "worries": {"worries": "I miss my brother and I want my review at my house"},
            "about-you": {
                "name_to_use": "Robbie",
                "pronouns": "he/him",
                "words_to_use": "home not placement",
            },
        },
    )
    codings = {c.question_id: c for c in db_session.scalars(select(AnswerCoding))}
    assert set(codings) == {"worries", "words_to_use"}  # a name carries no themes
    worries = codings["worries"]
    assert set(worries.themes) >= {"family_time", "meeting"} and worries.coder == analysis.coder_version()
    assert worries.evidence["themes"]["family_time"] == ["brother"]
    assert response.id == worries.response_id


def test_a_disclosure_alerts_the_iro_and_the_duty_inbox_with_a_link_only(app, db_session, mailbox):
    app.config["DUTY_EMAIL"] = "duty@example.invalid"
    chair = factories.iro(db_session)
    response = submit(
        app, db_session, {"worries": {"worries": "he hits me when my carer is out"}}, chair=chair
    )
    assert dispatch.sender(app).idle(10)  # alerts go in the background: the child never waits
    flag = db_session.scalar(select(SafeguardingFlag))
    assert (
        flag.response_id == response.id and flag.question_ids == ["worries"] and flag.acknowledged_at is None
    )
    assert sorted(m.to[0] for m in mailbox.messages) == sorted([chair.email, "duty@example.invalid"])
    for message in mailbox.messages:
        assert "hits" not in message.body and "carer" not in message.body
        assert message.link() == f"http://localhost/staff/meetings/{response.invitation.meeting_id}#flag"


def test_without_a_duty_inbox_the_managers_are_alerted(app, db_session, mailbox):
    manager = factories.staff(db_session, "manager")
    submit(app, db_session, {"worries": {"worries": "sometimes i want to die"}})
    assert dispatch.sender(app).idle(10)
    assert mailbox.to(manager.email)


def test_a_flag_shows_on_the_caseload_and_meeting_page_until_a_person_acknowledges_it(
    app, client, db_session
):
    chair = factories.iro(db_session)
    response = submit(app, db_session, {"worries": {"worries": "I get locked out"}}, chair=chair)
    meeting_id = response.invitation.meeting_id
    sign_in(client, db_session, chair)
    caseload = client.soup("/staff/caseload")
    assert "1 response needs a person to read it now" in caseload.get_text()
    page = client.soup(f"/staff/meetings/{meeting_id}")
    assert page.select_one("#flag") is not None
    answer = page.select_one(".app-coding")
    assert "Possible safeguarding disclosure" in answer.get_text()
    assert "locked out" in answer.select_one(".app-evidence").get_text()
    flag = db_session.scalar(select(SafeguardingFlag))
    token = client.csrf_token(f"/staff/meetings/{meeting_id}")
    empty = client.post(
        f"/staff/flags/{flag.id}/acknowledge", data={"csrf_token": token, "note": " "}, follow_redirects=True
    )
    shown = BeautifulSoup(empty.get_data(as_text=True), "html.parser")
    summary = shown.select_one(".govuk-error-summary a")
    assert summary.get_text(strip=True) == "Write what you have done about this flag"
    assert summary["href"] == f"#note-{flag.id}" and shown.select_one(summary["href"]) is not None
    assert shown.select_one(".govuk-error-message") is not None and shown.title.get_text().startswith(
        "Error:"
    )
    db_session.refresh(flag)
    assert flag.acknowledged_at is None
    long_note = "Rang the social worker and the duty team. " * 60  # over 2,000 characters
    too_long = client.post(
        f"/staff/flags/{flag.id}/acknowledge", data={"csrf_token": token, "note": long_note}
    )
    assert too_long.status_code == 400
    shown = BeautifulSoup(too_long.get_data(as_text=True), "html.parser")
    assert (
        shown.select_one(".govuk-error-summary a").get_text(strip=True) == "Write 2,000 characters or fewer"
    )
    assert (
        shown.select_one(f"#note-{flag.id}").get_text().strip() == long_note.strip()
    )  # nothing typed is lost
    db_session.refresh(flag)
    assert flag.acknowledged_at is None
    client.post(
        f"/staff/flags/{flag.id}/acknowledge", data={"csrf_token": token, "note": "Rang the social worker"}
    )
    db_session.refresh(flag)
    assert flag.acknowledged_by_id == chair.id and flag.note == "Rang the social worker"
    assert "needs a person to read" not in client.soup("/staff/caseload").get_text()
    assert "Rang the social worker" in client.soup(f"/staff/meetings/{meeting_id}").get_text()
    assert db_session.scalar(select(AuditEvent).where(AuditEvent.action == "acknowledge_flag"))


def test_an_unacknowledged_flag_escalates_to_managers_after_the_working_time(app, db_session, mailbox):
    from portal import safeguarding

    manager = factories.staff(db_session, "manager")
    app.config["DUTY_EMAIL"] = "duty@example.invalid"
    submit(app, db_session, {"worries": {"worries": "he touches me"}})
    flag = db_session.scalar(select(SafeguardingFlag))
    flag.raised_at = utcnow().replace(year=2026, month=11, day=18, hour=10, minute=0)  # a Wednesday, 10am
    db_session.commit()
    mailbox.messages.clear()
    with app.test_request_context():
        assert (
            safeguarding.escalate_due(db_session, app.config, now=flag.raised_at + timedelta(minutes=59))
            == []
        )
        assert safeguarding.escalate_due(
            db_session, app.config, now=flag.raised_at + timedelta(minutes=61)
        ) == [flag]
        db_session.commit()
        from portal.messaging import outbox

        outbox.deliver_due(db_session, app.config)
    assert mailbox.to(manager.email)
    assert flag.acknowledged_at is None  # escalation never closes it


def participation_officer_view(client, db_session, url):  # type: ignore[no-untyped-def]
    sign_in(client, db_session, factories.staff(db_session, "participation_officer"))
    return client.soup(url)


def test_the_explorer_counts_themes_suppresses_small_groups_and_hides_names(app, client, db_session):
    for n in range(5):
        submit(app, db_session, {"wishes": {"wishes": f"I wish I could see my sister Jade more, wish {n}"}})
    submit(app, db_session, {"wishes": {"wishes": "I want to go to college"}})
    soup = participation_officer_view(client, db_session, "/insights/?theme=family_time")
    rows = {
        r.th.get_text(strip=True): [td.get_text(strip=True) for td in r.select("td")]
        for r in soup.select(".app-theme-counts tbody tr")
    }
    assert rows["Family and family time"][0] == "5"
    assert rows["School, college and work"][0] == "fewer than 5"
    quotes = [q.get_text(strip=True) for q in soup.select(".app-quote__text")]
    assert len(quotes) == 5 and all("Jade" not in q and "[name]" in q for q in quotes)
    assert "Testchild" not in soup.get_text() and "Robin" not in soup.get_text()
    education = participation_officer_view(client, db_session, "/insights/?theme=education")
    assert education.select(".app-quote__text") == []


def test_a_correction_wins_over_the_coder_and_survives_a_recode(
    app, client, db_session, monkeypatch, tmp_path
):
    for n in range(5):
        submit(app, db_session, {"wishes": {"wishes": f"I want to go to college, number {n}"}})
    target = db_session.scalars(select(AnswerCoding)).first()
    sign_in(client, db_session, factories.staff(db_session, "participation_officer"))
    token = client.csrf_token("/insights/")
    client.post(
        f"/insights/answers/{target.response_id}/wishes/correct",
        data={"csrf_token": token, "themes": ["future"], "sentiment": "positive"},
    )
    rows = {
        r.th.get_text(strip=True): r.td.get_text(strip=True)
        for r in client.soup("/insights/").select(".app-theme-counts tbody tr")
    }
    assert rows["School, college and work"] == "fewer than 5"  # 4 left: the corrected one moved
    assert db_session.scalar(select(AuditEvent).where(AuditEvent.action == "correct_coding"))

    target.coder, target.themes = "0.0+old", ["voice"]
    db_session.commit()
    monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("MYREVIEW_INSTANCE_PATH", str(tmp_path))
    from portal.cli import main

    result = CliRunner().invoke(main, ["recode"])
    assert result.exit_code == 0 and "recoded 1 responses" in result.output
    db_session.expire_all()
    recoded = db_session.get(AnswerCoding, target.id).themes
    assert "education" in recoded and "voice" not in recoded  # the coder's own reading again
    assert db_session.scalar(select(CodingCorrection)).themes == ["future"]


def test_you_said_we_did_is_recorded_and_shown_with_its_theme(app, client, db_session):
    for n in range(5):
        submit(app, db_session, {"worries": {"worries": f"nobody listens to me at my review {n}"}})
    sign_in(client, db_session, factories.staff(db_session, "participation_officer"))
    bad = client.submit_form(
        "/insights/actions",
        {
            "theme": "",
            "period_start": ["1", "4", "2026"],
            "period_end": ["31", "x", "2027"],
            "you_said": "",
            "we_did": "",
            "owner": "",
            "due_on": ["", "1", "2027"],  # a month and year with no day is not dropped
            "status": "done",
        },
    )
    shown = BeautifulSoup(bad.get_data(as_text=True), "html.parser")
    assert bad.status_code == 400
    summary = [a.get_text(strip=True) for a in shown.select(".govuk-error-summary a")]
    assert summary == [
        "Choose the theme this answers",
        "Enter the end of the period as a real date, for example 31 3 2026",
        "Write what people told you",
        "Write what you did",
        "Write who answers for it",
        "Enter the date it is due as a real date, for example 27 3 2027",
    ]
    links = [a["href"] for a in shown.select(".govuk-error-summary a")]
    assert links[1] == "#period_end-day" and shown.select_one("#period_end-day")["value"] == "31"
    assert shown.select_one("#period_end-error") and shown.select_one("#you_said-error")
    assert shown.select_one("#due_on-month")["value"] == "1"  # what was typed is shown again
    long_words = "Reviews felt like nobody listened. " * 60  # over 2,000 characters: kept, not cut
    kept = client.submit_form(
        "/insights/actions",
        {
            "theme": "voice",
            "period_start": ["1", "4", "2026"],
            "period_end": ["31", "3", "2027"],
            "you_said": long_words,
            "we_did": "More",
            "owner": "Head of Service",
            "status": "done",
        },
    )
    assert kept.status_code == 400 and "Write 2,000 characters or fewer" in kept.get_data(as_text=True)
    shown = BeautifulSoup(kept.get_data(as_text=True), "html.parser")
    assert shown.select_one("#you_said").get_text().strip() == long_words.strip()
    client.submit_form(
        "/insights/actions",
        {
            "theme": "voice",
            "period_start": ["1", "4", "2026"],
            "period_end": ["31", "3", "2027"],
            "you_said": "Reviews felt like nobody listened",
            "we_did": "Children now chair part of every review",
            "owner": "IRO team manager",
            "due_on": ["31", "1", "2027"],
            "status": "under_way",
        },
    )
    assert "Children now chair part of every review" in client.soup("/insights/?theme=voice").get_text()
    recorded = (
        client.soup("/insights/actions").select_one("table.govuk-table tbody tr").get_text(" ", strip=True)
    )
    assert "IRO team manager, by 31 January 2027" in recorded and "Under way" in recorded
    with app.test_request_context():
        section = sections.build(db_session, 2026).section("you-said-we-did")
    assert section.tables[0].rows == [
        [
            "Being listened to and having a say",
            "Reviews felt like nobody listened",
            "Children now chair part of every review",
            "IRO team manager",
            "31 January 2027",
            "Under way",
        ]
    ]
    assert section.sentences == [
        "1 action was recorded in answer to what people told us; 0 of them are done."
    ]
