"""Practice alerts: raised by the child's IRO from the meeting page, escalated
stage by stage to the director, resolved with an outcome; read by managers;
counted in the annual report's dispute resolution section."""

from __future__ import annotations

from datetime import datetime, timedelta

from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.models import PracticeAlert
from portal.report import record_figures
from portal.report.model import year_bounds, year_of
from tests.integration.test_review_record import past_review
from tests.support import factories
from tests.support.staff import sign_in


def soup(response):  # type: ignore[no-untyped-def]
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_an_iro_raises_escalates_and_resolves_a_practice_alert(client, db_session):
    chair = factories.iro(db_session)
    meeting = past_review(db_session, chair, 12)
    sign_in(client, db_session, chair)
    new = f"/staff/meetings/{meeting.id}/alerts/new"
    assert client.soup(f"/staff/meetings/{meeting.id}").find("a", href=new)
    empty = client.submit_form(new, {"note": " "})
    assert empty.status_code == 400
    assert [a["href"] for a in soup(empty).select(".govuk-error-summary a")] == ["#subject", "#note"]
    made = client.submit_form(new, {"subject": "health", "note": "No health assessment for 14 months."})
    assert made.status_code == 302
    alert = db_session.scalar(select(PracticeAlert))
    assert alert.stage == "informal" and alert.subject == "health" and alert.raised_by_id == chair.id
    page_url = made.headers["Location"]
    listed = client.soup(f"/staff/meetings/{meeting.id}").select_one("#practice-alerts").get_text(" ")
    assert "Health assessment" in listed and "Informal" in listed

    for expected in ("formal_1", "formal_2", "director"):
        client.post(f"/staff/alerts/{alert.id}/escalate", data={"csrf_token": client.csrf_token(page_url)})
        db_session.refresh(alert)
        assert alert.stage == expected
    assert [step["stage"] for step in alert.escalations] == ["formal_1", "formal_2", "director"]
    assert "Escalate to" not in client.soup(page_url).get_text()  # the director is the last stage

    no_outcome = client.post(
        f"/staff/alerts/{alert.id}/resolve", data={"csrf_token": client.csrf_token(page_url), "outcome": ""}
    )
    assert no_outcome.status_code == 400 and soup(no_outcome).select_one("#outcome-error")
    client.post(
        f"/staff/alerts/{alert.id}/resolve",
        data={"csrf_token": client.csrf_token(page_url), "outcome": "Assessment booked for Tuesday."},
    )
    db_session.refresh(alert)
    assert alert.resolved_at is not None and alert.outcome == "Assessment booked for Tuesday."


def test_a_manager_reads_alerts_and_another_iro_finds_nothing(client, db_session):
    chair = factories.iro(db_session)
    meeting = past_review(db_session, chair, 12)
    alert = PracticeAlert(child_id=meeting.child_id, subject="drift", note="Drifting plan", raised_by=chair)
    db_session.add(alert)
    db_session.commit()
    sign_in(client, db_session, factories.staff(db_session, "manager"))
    page = client.soup(f"/staff/alerts/{alert.id}")
    assert "Drifting plan" in page.get_text() and not page.select("form[action$='/escalate']")
    token = client.csrf_token("/staff/caseload")
    refused = client.post(f"/staff/alerts/{alert.id}/escalate", data={"csrf_token": token})
    assert refused.status_code == 403  # managers read; the IRO acts
    db_session.refresh(alert)
    assert alert.stage == "informal"
    sign_in(client, db_session, factories.iro(db_session, name="Sol Stranger"))
    assert client.get(f"/staff/alerts/{alert.id}").status_code == 404


def test_dispute_resolution_counts_how_far_alerts_went_and_how_long_they_took(db_session):
    chair = factories.iro(db_session)
    meeting = past_review(db_session, chair, 12)
    start, end = year_bounds(year_of(datetime.now().date()))
    raised = datetime.combine(start, datetime.min.time()) + timedelta(days=3)
    rows = [
        ("health", "informal", 4),
        ("drift", "formal_2", 10),
        ("drift", "formal_1", None),
    ]
    for subject, stage, days in rows:
        db_session.add(
            PracticeAlert(
                child_id=meeting.child_id,
                subject=subject,
                stage=stage,
                note="",
                raised_by=chair,
                raised_at=raised,
                resolved_at=raised + timedelta(days=days) if days is not None else None,
            )
        )
    db_session.commit()
    stages, subjects, still_open = record_figures.dispute_resolution(db_session, start, end)
    by_stage = {f.stage: (f.reached, f.resolved_here, f.median_days) for f in stages}
    assert by_stage == {
        "informal": (3, 1, 4.0),
        "formal_1": (2, 0, None),
        "formal_2": (1, 1, 10.0),
        "director": (0, 0, None),
    }
    assert subjects == {"health": 1, "drift": 2} and still_open == 1
