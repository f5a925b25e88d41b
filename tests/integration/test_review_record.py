"""The record of a review: drafted from what the child and their family sent,
their words kept exactly, finished and locked, amended only with a reason,
downloaded for the case record, and its recommendations checked at the next
review. Who may read and write it."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta

from bs4 import BeautifulSoup
from docx import Document
from sqlalchemy import select

from portal.consult import service
from portal.invitations import create_invitation
from portal.models import AuditEvent, PracticeAlert, Recommendation, ReviewRecord
from portal.report.model import year_of
from tests.support import factories
from tests.support.staff import sign_in

# Words a rewording would change: a contraction, spacing, emoji, markup, a formula.
ODD_WORDS = "I don't  like it when they shout 😢 <b>loud</b> =SUM(A1)"


def answer_every_text_question(db_session, invitation, tag: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Fill each free-text question with its own words; returns what was sent, by question."""
    state = service.progress(db_session, invitation)
    for page in state.questionnaire.pages:
        # Long answers only: the short ones ("the name to use") change the child's record.
        answers = {q.id: f"{tag} {q.id}: {ODD_WORDS}" for q in page.questions if q.type == "long_text"}
        if answers:
            service.save_page(db_session, invitation, page.id, answers)
    response = service.submit(db_session, service.progress(db_session, invitation), "en")
    return {k: v for k, v in response.answers.items() if isinstance(v, str) and ODD_WORDS in v}


def answered_past_review(db_session, chair, age: int = 12):  # type: ignore[no-untyped-def]
    """A review three days ago, with the child's consultation sent back."""
    meeting = past_review(db_session, chair, age)
    link, _ = create_invitation(db_session, meeting, "child", 28)
    db_session.commit()
    return meeting, answer_every_text_question(db_session, link, "child")


def soup_of(response):  # type: ignore[no-untyped-def]
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def send(client, page_url: str, action_url: str, data: dict):  # type: ignore[no-untyped-def]
    """Post a form found on ``page_url`` to ``action_url``, with the page's CSRF token."""
    return client.post(action_url, data={"csrf_token": client.csrf_token(page_url), **data})


def past_review(db_session, chair, age: int, days_ago: int = 3):  # type: ignore[no-untyped-def]
    child = factories.child(db_session, chair, age, meeting_in_days=-days_ago)
    return factories.meeting(db_session, child, in_days=-days_ago)


def test_the_record_opens_with_every_versions_words_exactly_as_sent(client, db_session):
    chair = factories.iro(db_session)
    sent: dict[int, dict[str, str]] = {}
    meetings = []
    for age in (6, 10, 15):  # the 4-7, 8-12 and 13+ versions
        meeting = past_review(db_session, chair, age)
        meetings.append(meeting)
        child_link, _ = create_invitation(db_session, meeting, "child", 28)
        db_session.commit()
        sent[meeting.id] = {"child": answer_every_text_question(db_session, child_link, f"child{age}")}
        for audience in ("carer", "parent"):
            link, _ = create_invitation(db_session, meeting, audience, 28)
            db_session.commit()
            sent[meeting.id][audience] = answer_every_text_question(db_session, link, audience)
    sign_in(client, db_session, chair)
    for meeting in meetings:
        url = f"/staff/meetings/{meeting.id}/record"
        page = client.get(url)
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        stored = select(ReviewRecord).where(ReviewRecord.meeting_id == meeting.id)
        assert db_session.scalar(stored) is None  # opening it shows the draft and stores nothing
        assert send(client, url, url, {"action": "start"}).status_code == 302
        record = db_session.scalar(stored)
        assert record is not None
        for audience, answers in sent[meeting.id].items():
            assert answers, f"{audience} answered no free text"
            for question_id, words in answers.items():
                block = next(
                    b for b in record.views if b.get("question_id") == question_id and b["source"] == audience
                )
                assert block["text"] == words  # never reworded, not even its spacing
                assert "&lt;b&gt;loud&lt;/b&gt;" in html and "<b>loud</b>" not in html
        sources = [b["source"] for b in record.views]
        assert sources == sorted(sources, key=["child", "carer", "parent"].index)  # the child first


def finished_record(client, db_session, chair, meeting):  # type: ignore[no-untyped-def]
    client.get(f"/staff/meetings/{meeting.id}/record")
    next_review = date.today() + timedelta(days=180)
    return client.submit_form(
        f"/staff/meetings/{meeting.id}/record",
        {
            "kept": ["0"],
            "summary": "We agreed Robin stays where they are.",
            "attendance": "Robin came for the first half.",
            "decisions": "Family time with Dad every fortnight.",
            "plan_meets_needs": "yes",
            "next_review_on": [str(next_review.day), str(next_review.month), str(next_review.year)],
            "action": "finish",
        },
    )


def test_finishing_locks_the_record_and_changing_it_needs_a_reason_and_keeps_what_it_said(client, db_session):
    chair = factories.iro(db_session)
    meeting, _sent = answered_past_review(db_session, chair)
    sign_in(client, db_session, chair)
    url = f"/staff/meetings/{meeting.id}/record"
    client.get(url)
    early = client.submit_form(
        url, {"decisions": "Stay put", "action": "finish", "next_review_on": ["31", "2", "2027"]}
    )
    assert early.status_code == 400
    soup = soup_of(early)
    summary = soup.select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Choose whether the plan meets the child's needs" in summary
    assert "Enter the date of the next review as a real date" in summary
    date_link = soup.select_one(".govuk-error-summary a[href^='#next_review_on']")
    # The summary sends the focus to the date's Day box, where the reader types.
    assert date_link["href"] == "#next_review_on-day" and soup.select_one("#next_review_on-day")
    assert soup.select_one("#plan_meets_needs-error") is not None or "govuk-form-group--error" in str(soup)
    assert "Stay put" in soup.select_one("#decisions").get_text()  # nothing typed is lost

    assert finished_record(client, db_session, chair, meeting).status_code == 302
    record = db_session.scalar(select(ReviewRecord).where(ReviewRecord.meeting_id == meeting.id))
    db_session.refresh(record)
    assert record.finished_at is not None and record.decisions == "Family time with Dad every fortnight."
    kept = [b for b in record.views if b.get("kept")]
    assert [b["source"] for b in kept] == ["child", "chair"]  # one block of the child's kept, and the summary
    page = client.soup(url)
    assert page.select_one("textarea#decisions") is None  # locked: read, not edited
    again = send(client, url, url + "/amend", {"reason": ""})
    assert again.status_code == 400
    assert (
        "Write why the record needs to change" in soup_of(again).select_one(".govuk-error-summary").get_text()
    )
    assert (
        send(client, url, url + "/amend", {"reason": "The date of the next review was wrong"}).status_code
        == 302
    )
    db_session.refresh(record)
    assert record.finished_at is None
    [amendment] = record.amendments
    assert amendment.reason == "The date of the next review was wrong"
    assert amendment.before["decisions"] == "Family time with Dad every fortnight."
    actions = [e.action for e in db_session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert {
        "draft_review_record",
        "read_review_record",
        "finish_review_record",
        "amend_review_record",
    } <= set(actions)


def test_downloads_carry_the_childs_words_and_say_whose_they_are(client, db_session):
    chair = factories.iro(db_session)
    meeting, answers = answered_past_review(db_session, chair, 14)
    sign_in(client, db_session, chair)
    assert client.get(f"/staff/meetings/{meeting.id}/record.docx").status_code == 404  # not finished yet
    finished_record(client, db_session, chair, meeting)
    first_words = next(b for b in db_session.scalar(select(ReviewRecord)).views if b["source"] == "child")[
        "text"
    ]
    assert first_words in answers.values()

    word = Document(io.BytesIO(client.get(f"/staff/meetings/{meeting.id}/record.docx").data))
    paragraphs = [p.text for p in word.paragraphs]
    assert first_words in paragraphs
    assert "Robin, in their own words" in paragraphs
    assert word.core_properties.language == "en-GB"

    fields = json.loads(client.get(f"/staff/meetings/{meeting.id}/record.json").data)
    assert fields["views"][0] == {
        "who": "child",
        "own_words": True,
        "question": fields["views"][0]["question"],
        "text": first_words,
        "themes": fields["views"][0]["themes"],
    }
    assert fields["views"][1]["own_words"] is False and fields["plan_meets_needs"] == "yes"

    rows = list(
        csv.reader(io.StringIO(client.get(f"/staff/meetings/{meeting.id}/record.csv").get_data(as_text=True)))
    )
    assert rows[0] == ["section", "who", "question", "text", "owner", "due_on", "status"]
    assert (
        rows[4][:2] == ["views", "child"] and rows[4][3] == first_words
    )  # not a formula: it starts with words

    copy = client.soup(f"/staff/meetings/{meeting.id}/record").select_one("#views-text").get_text()
    assert copy.startswith("What Robin told us") and first_words in copy


def test_recommendations_need_what_who_and_when_and_the_next_review_shows_them_late_or_done(
    client, db_session
):
    chair = factories.iro(db_session)
    meeting = past_review(db_session, chair, 12, days_ago=60)
    sign_in(client, db_session, chair)
    url = f"/staff/meetings/{meeting.id}/record"
    send(client, url, url, {"action": "start"})
    wrong = send(
        client,
        url,
        url + "/recommendations",
        {"text": "Arrange a PEP meeting", "due_on": ["31", "2", "2027"]},
    )
    assert wrong.status_code == 400
    summary = soup_of(wrong).select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Write who will do it" in summary and "Enter the date it is due as a real date" in summary
    assert "Arrange a PEP meeting" in soup_of(wrong).select_one("#text").get_text()
    late = date.today() - timedelta(days=10)
    later = date.today() + timedelta(days=30)
    for text, owner, due in (
        ("Arrange a PEP meeting", "Designated teacher", late),
        ("Life story work", "Social worker", later),
    ):
        day = [str(due.day), str(due.month), str(due.year)]
        added = send(client, url, url + "/recommendations", {"text": text, "owner": owner, "due_on": day})
        assert added.status_code == 302
    next_meeting = factories.meeting(db_session, meeting.child, in_days=5)
    db_session.commit()
    page = client.soup(f"/staff/meetings/{next_meeting.id}")
    section = page.select_one("#last-recommendations")
    rows = {
        r.select("td")[0].get_text(strip=True): r.select("td")[3].get_text(" ", strip=True)
        for r in section.select("tbody tr")
    }
    assert rows["Arrange a PEP meeting"].startswith("Late")
    assert rows["Life story work"].startswith("Not done yet")
    pep = db_session.scalar(select(Recommendation).where(Recommendation.text == "Arrange a PEP meeting"))
    token = client.csrf_token(f"/staff/meetings/{next_meeting.id}")
    marked = client.post(
        f"/staff/recommendations/{pep.id}/status",
        data={"csrf_token": token, "status": "done", "back": next_meeting.id},
    )
    assert marked.headers["Location"].endswith(f"/staff/meetings/{next_meeting.id}#last-recommendations")
    section = client.soup(f"/staff/meetings/{next_meeting.id}").select_one("#last-recommendations")
    assert "Done" in section.get_text(" ", strip=True) and "Late" not in section.get_text(" ", strip=True)


def test_a_manager_reads_the_record_but_only_an_iro_writes_it_and_others_find_nothing(client, db_session):
    chair = factories.iro(db_session)
    meeting, _sent = answered_past_review(db_session, chair)
    sign_in(client, db_session, chair)
    finished_record(client, db_session, chair, meeting)
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/caseload")})

    manager = factories.staff(db_session, "manager")
    sign_in(client, db_session, manager)
    page = client.soup(f"/staff/meetings/{meeting.id}/record")
    assert page.select_one("h1").get_text(strip=True) == "Record of Robin's review"
    assert page.find("form", action=f"/staff/meetings/{meeting.id}/record/amend") is None
    assert client.get(f"/staff/meetings/{meeting.id}/record.json").status_code == 200
    refused = send(client, "/staff/caseload", f"/staff/meetings/{meeting.id}/record/amend", {"reason": "x"})
    assert refused.status_code == 403
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/caseload")})

    stranger = factories.iro(db_session, name="Sol Stranger")
    sign_in(client, db_session, stranger)
    assert client.get(f"/staff/meetings/{meeting.id}/record").status_code == 404
    assert client.get(f"/staff/meetings/{meeting.id}/record.docx").status_code == 404
    denied = db_session.scalars(select(AuditEvent).where(AuditEvent.outcome == "denied")).all()
    assert ("read_meeting", str(meeting.id)) in {(e.action, e.object_id) for e in denied}


def test_managers_see_records_finished_in_time_and_recommendations_done_by_their_date(client, db_session):
    from portal.report.model import last_complete_year, year_bounds

    chair = factories.iro(db_session, name="Ada Reviewer")
    other = factories.iro(db_session, name="Ben Other")
    today = date.today()
    year = last_complete_year()
    first_day = year_bounds(year)[0]
    held = [
        past_review(db_session, who, 10, days_ago=(today - first_day).days - offset)
        for who, offset in ((chair, 30), (chair, 35), (other, 40))
    ]
    db_session.commit()
    in_time = ReviewRecord(meeting=held[0], views=[], due_on=held[0].held_on + timedelta(days=28))
    late_record = ReviewRecord(meeting=held[1], views=[], due_on=held[1].held_on + timedelta(days=28))
    in_time.finished_at = datetime.combine(held[0].held_on + timedelta(days=3), datetime.min.time())
    late_record.finished_at = datetime.combine(held[1].held_on + timedelta(days=30), datetime.min.time())
    done = Recommendation(text="PEP", owner="Teacher", due_on=today - timedelta(days=5), status="done")
    done.status_changed_at = datetime.combine(today - timedelta(days=6), datetime.min.time())
    late = Recommendation(text="Dentist", owner="Carer", due_on=today - timedelta(days=2), status="open")
    later = Recommendation(text="Life story", owner="Social worker", due_on=today + timedelta(days=20))
    in_time.recommendations = [done, late, later]
    db_session.add_all([in_time, late_record])
    db_session.commit()
    manager = factories.staff(db_session, "manager")
    sign_in(client, db_session, manager)
    tables = client.soup(f"/staff/records?year={year}").select("table")
    rows = {
        r.select_one("th").get_text(strip=True): [c.get_text(strip=True) for c in r.select("td")]
        for r in tables[0].select("tbody tr")
    }
    # reviews, records finished, in time %, recommendations due, done by their date %, late, letters sent
    assert rows["Ada Reviewer"] == ["2", "2", "50.0", "2", "50.0", "1", "0"]
    assert rows["Ben Other"] == ["1", "0", "0.0", "0", "–", "0", "0"]
    with client.application.test_request_context():
        from portal.report import sections

        said = sections.records_of_reviews(db_session, year).sentences
    assert said == [
        "1 of the 3 reviews held had its record finished within 20 working days.",
        "1 of the 2 recommendations that fell due was done by its date.",
        "No child was sent a letter from their review through the portal.",
    ]
    months = [r.select_one("th").get_text(strip=True) for r in tables[1].select("tbody tr")]
    assert months == sorted({f"{m.held_on.year}-{m.held_on.month:02d}" for m in held})
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/caseload")})
    sign_in(client, db_session, chair)
    assert client.get("/staff/records").status_code == 403  # the managers' view


def test_a_late_recommendation_is_raised_as_a_practice_alert_in_one_step(client, db_session):
    chair = factories.iro(db_session)
    meeting = past_review(db_session, chair, 12, days_ago=60)
    record = ReviewRecord(meeting=meeting, views=[], due_on=meeting.held_on + timedelta(days=28))
    late = Recommendation(
        record=record,
        text="Hold a PEP meeting",
        owner="Designated teacher",
        due_on=date.today() - timedelta(days=7),
    )
    db_session.add_all([record, late])
    next_meeting = factories.meeting(db_session, meeting.child, in_days=5)
    db_session.commit()
    sign_in(client, db_session, chair)
    page = f"/staff/meetings/{next_meeting.id}"
    raised = send(client, page, f"/staff/recommendations/{late.id}/alert", {"back": next_meeting.id})
    assert raised.headers["Location"].endswith(f"{page}#last-recommendations")
    send(client, page, f"/staff/recommendations/{late.id}/alert", {"back": next_meeting.id})  # a second tap
    section = client.soup(page).select_one("#last-recommendations").get_text(" ", strip=True)
    assert "Practice alert raised on" in section and "Raise a practice alert" not in section
    alerts = db_session.scalars(select(PracticeAlert)).all()
    assert len(alerts) == 1 and alerts[0].stage == "informal" and alerts[0].child_id == meeting.child_id
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/caseload")})
    sign_in(client, db_session, factories.staff(db_session, "manager"))
    year = year_of(date.today())
    listed = (
        client.soup(f"/staff/records?year={year}").select_one("#alerts + table").get_text(" ", strip=True)
    )
    assert "Robin Testchild" in listed and "Hold a PEP meeting" in listed and "Ada Reviewer" in listed
