"""The annual report's service sections from data recorded where the work
happens (the meeting page, the priorities page, a staff account's hours) or
imported, each figure checked against a count made here by hand."""

from __future__ import annotations

import io
from datetime import date, timedelta

from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.models import Child, Meeting, ServicePriority
from portal.report import sections
from tests.support import factories
from tests.support.staff import sign_in

YEAR = 2025  # 1 April 2025 to 31 March 2026


def rows(report, key):  # type: ignore[no-untyped-def]
    table = next(t for s in report.sections for t in s.tables if t.key == key)
    return {str(r[0]): r[1:] for r in table.rows}


def in_care(db_session, chair, born, entered, left=None):  # type: ignore[no-untyped-def]
    child = factories.child(db_session, chair, 10)
    child.date_of_birth, child.came_into_care_on, child.left_care_on = born, entered, left
    return child


def held(db_session, child, day, reason=None, contact=None):  # type: ignore[no-untyped-def]
    meeting = Meeting(
        kind="looked_after_review",
        held_on=day,
        child=child,
        chair=child.iro,
        late_reason=reason,
        contact_before_how=contact,
    )
    db_session.add(meeting)
    return meeting


def test_service_profile_caseloads_and_timeliness_match_a_hand_count(app, db_session):
    ada, bo = factories.iro(db_session), factories.iro(db_session, "Bo Reviewer")
    bo.fte_percent = 50
    # In care all along, every review on time: 20 working days, 3 months, then every 6 months.
    settled = in_care(db_session, ada, date(2012, 5, 1), date(2022, 1, 10))
    for day in (date(2022, 2, 7), date(2022, 5, 7)) + tuple(
        date(y, m, 7) for y in (2022, 2023, 2024, 2025) for m in (11, 5) if (y, m) != (2022, 5)
    ):
        held(db_session, settled, day, contact="visit")
    # Came into care in the year: first review a day late (20 working days from Monday 2 June is 30 June).
    new = in_care(db_session, bo, date(2019, 8, 8), date(2025, 6, 2))
    held(db_session, new, date(2025, 7, 1), reason="family", contact="video")
    held(db_session, new, date(2025, 10, 1), contact="none")  # 3 months from the late one: on time
    # Left care at 18 in the year, its last review on time.
    leaver = in_care(db_session, ada, date(2007, 11, 1), date(2020, 1, 6), left=date(2025, 11, 1))
    held(db_session, leaver, date(2020, 2, 3))
    held(db_session, leaver, date(2025, 5, 1))  # the review before it was years ago: late, no reason
    # Came in and went home within the year; a baby in care at the end.
    in_care(db_session, bo, date(2015, 1, 1), date(2025, 5, 5), left=date(2025, 8, 1))
    in_care(db_session, ada, date(2025, 12, 1), date(2026, 1, 5))
    db_session.commit()
    with app.test_request_context():
        report = sections.build(db_session, YEAR)
    counts = rows(report, "children-in-care")
    # Columns: 2024/25, 2025/26.
    assert counts["In care on 1 April"] == [2, 2]  # settled and leaver (both years)
    assert counts["In care on 31 March"] == [2, 3]  # settled, new, the baby
    assert counts["Came into care in the year"] == [0, 3]
    assert counts["Left care in the year"] == [0, 2]
    assert counts["Of them, left care at 18"] == [0, 1]
    bands = rows(report, "children-in-care-by-age")
    assert bands["Under 1"][1] == 1 and bands["5 to 9"][1] == 1 and bands["10 to 15"][1] == 1
    caseloads = rows(report, "iro-caseloads")
    assert caseloads["Full-time equivalent IROs"] == [1.5]
    assert caseloads["Children per full-time IRO"] == [2.0]  # 3 children, 1.5 IROs
    assert caseloads["Fewest children allocated to one IRO"] == [1]  # Bo: new
    assert caseloads["Most children allocated to one IRO"] == [2]  # Ada: settled and the baby
    timeliness = rows(report, "review-timeliness")
    # Held and on time % in 2024/25, then in 2025/26.
    assert timeliness["All reviews"] == [2, 100.0, 5, 60.0]
    assert timeliness["First reviews (within 20 working days of coming into care)"][2:] == [1, 0.0]
    assert rows(report, "late-reasons") == {
        "Rearranged at the family's or carer's request": [0, 1],
        "No reason recorded": [0, 1],
    }
    contact = rows(report, "contact-before-review")
    assert contact["Visited the child"] == [2, 2] and contact["Video call"][1] == 1
    assert contact["No contact before the review"][1] == 1 and contact["Not recorded"][1] == 1
    sentences = report.section("reviews").sentences
    assert sentences[0] == "5 reviews were held for 3 children."
    assert sentences[1] == "60.0% were held within the statutory timescales, compared with 100.0% in 2024/25."
    assert sentences[2] == "Before 3 reviews, the IRO visited or spoke with the child first."


def test_a_review_due_six_months_after_the_last_day_of_august_is_due_on_the_last_day_of_february(
    app, db_session
):
    """The database adds the months: 31 August + 6 months is 28 February, on
    both databases (SQLite's own date arithmetic would say 3 March)."""
    chair = factories.iro(db_session)
    for last in (date(2025, 2, 28), date(2025, 3, 1)):
        child = in_care(db_session, chair, date(2012, 5, 1), date(2023, 1, 9))
        for day in (date(2023, 2, 6), date(2023, 5, 6), date(2024, 8, 31), last):
            held(db_session, child, day)
    db_session.commit()
    with app.test_request_context():
        report = sections.build(db_session, 2024)
    # 2023/24: two second reviews on time; 2024/25: the late ones in August,
    # then 28 February on time and 1 March late.
    assert rows(report, "review-timeliness")["All reviews"] == [2, 100.0, 4, 25.0]


def page_errors(page: BeautifulSoup) -> tuple[list[str], list[str]]:
    summary = [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")]
    beside = [e.get_text(strip=True).removeprefix("Error:") for e in page.select("form .govuk-error-message")]
    return summary, beside


def test_an_iro_records_contact_before_a_late_review_and_why_with_errors_kept(client, db_session):
    chair = factories.iro(db_session)
    child = factories.child(db_session, chair, 12, came_into_care_on=date.today() - timedelta(days=400))
    held(db_session, child, date.today() - timedelta(days=300))
    late = held(db_session, child, date.today() - timedelta(days=2))  # due 3 months after the first
    db_session.commit()
    sign_in(client, db_session, chair)
    url = f"/staff/meetings/{late.id}"
    section = client.soup(url).select_one("#contact-before")
    assert "Late" in section.get_text() and "not recorded yet" in section.get_text()
    link = section.find("a", string="Record the contact before the review")
    assert link["href"] == f"{url}/contact"  # a page of its own, one thing to do
    form_page = client.soup(link["href"])
    assert "Late" in form_page.select_one("main").get_text()
    token = client.csrf_token(link["href"])
    visit_day = date.today() + timedelta(days=1)  # after the review: refused, and kept
    answer = client.post(
        f"{url}/contact",
        data={
            "csrf_token": token,
            "contact_before_how": "visit",
            "contact_before_on": [str(visit_day.day), str(visit_day.month), str(visit_day.year)],
        },
    )
    assert answer.status_code == 400
    page = BeautifulSoup(answer.get_data(as_text=True), "html.parser")
    summary, beside = page_errors(page)
    expected = ["The date must be on or before the day of the review", "Choose why the review was late"]
    assert summary == expected and beside == expected
    hrefs = [a["href"] for a in page.select(".govuk-error-summary a")]
    assert hrefs == ["#contact_before_on-day", "#late_reason"] and page.select_one("#contact_before_on-day")
    chosen = page.select_one("input[name=contact_before_how][value=visit]")
    assert chosen.has_attr("checked")  # what was chosen is kept
    assert page.select_one("#contact_before_on-day")["value"] == str(visit_day.day)
    visit_day = date.today() - timedelta(days=9)
    done = client.post(
        f"{url}/contact",
        data={
            "csrf_token": token,
            "contact_before_how": "visit",
            "contact_before_on": [str(visit_day.day), str(visit_day.month), str(visit_day.year)],
            "late_reason": "social_worker",
        },
    )
    assert done.status_code == 302
    db_session.expire_all()
    saved = db_session.get(Meeting, late.id)
    assert (saved.contact_before_how, saved.contact_before_on, saved.late_reason) == (
        "visit",
        visit_day,
        "social_worker",
    )
    section = client.soup(url).select_one("#contact-before").get_text()
    assert f"Visited the child on {visit_day.day} " in section
    assert "Why it was late: Social worker not available." in section
    again = client.soup(f"{url}/contact")  # changing it starts from what is recorded
    assert again.select_one("input[name=late_reason][value=social_worker]").has_attr("checked")
    nothing = client.post(f"{url}/contact", data={"csrf_token": token})
    summary, beside = page_errors(BeautifulSoup(nothing.get_data(as_text=True), "html.parser"))
    assert "Choose how you were in touch before the review" in summary and summary == beside


def test_a_manager_sets_priorities_and_their_progress_reaches_the_report(app, client, db_session):
    manager = factories.staff(db_session, "manager")
    sign_in(client, db_session, manager)
    running = date.today().year if date.today().month >= 4 else date.today().year - 1
    long_progress = "Done in part. " * 300  # over 3,000 characters: refused, and kept
    added = client.submit_form(
        "/reports/priorities",
        {"year": str(running), "title": "Every child offered an advocate", "status": "under_way"},
    )
    assert added.status_code == 302
    priority = db_session.scalar(select(ServicePriority))
    token = client.csrf_token("/reports/priorities")  # each priority's own form carries it with its prefix
    refused = client.post(
        f"/reports/priorities/{priority.id}",
        data={
            f"p{priority.id}-csrf_token": token,
            f"p{priority.id}-status": "done",
            f"p{priority.id}-progress": long_progress,
        },
    )
    assert refused.status_code == 400
    page = BeautifulSoup(refused.get_data(as_text=True), "html.parser")
    assert [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")] == [
        "Write 3,000 characters or fewer"
    ]
    assert page.select_one(f"#p{priority.id}-progress").get_text() == long_progress
    client.post(
        f"/reports/priorities/{priority.id}",
        data={
            f"p{priority.id}-csrf_token": token,
            f"p{priority.id}-status": "done",
            f"p{priority.id}-progress": "Since May.",
        },
    )
    blank = client.submit_form("/reports/priorities", {"year": str(running + 1), "title": "  "})
    assert blank.status_code == 400 and "Write the priority" in blank.get_data(as_text=True)
    client.submit_form(
        "/reports/priorities", {"year": str(running + 1), "title": "Records in 15 days", "status": "planned"}
    )
    db_session.expire_all()
    with app.test_request_context():
        report = sections.build(db_session, running)
    progress = rows(report, "priorities-progress")
    assert progress == {"Every child offered an advocate": ["Since May.", "Done"]}
    assert list(rows(report, "priorities-next")) == ["Records in 15 days"]
    assert report.section("priorities").sentences[0] == "1 priority was set for the year; 1 of them is done."


def test_a_year_still_running_says_so_on_every_column_that_holds_it(app, client, db_session):
    running = date.today().year if date.today().month >= 4 else date.today().year - 1
    sign_in(client, db_session, factories.staff(db_session, "manager"))
    page = client.soup(f"/reports/annual?year={running}")
    assert "is still running" in page.select_one(".govuk-warning-text").get_text()
    label = f"{running}/{(running + 1) % 100:02d}"
    headers = [th.get_text(strip=True) for th in page.select("#table-children-in-care th")]
    assert headers[-1].startswith(f"{label} so far, to ")
    complete = client.soup(f"/reports/annual?year={running - 1}")
    assert complete.select_one(".govuk-warning-text") is None


def test_past_reviews_import_with_their_codes_and_an_empty_cell_keeps_what_was_recorded(client, db_session):
    iro = factories.iro(db_session)
    sign_in(client, db_session, factories.staff(db_session, "admin"))

    def upload(kind: str, content: str) -> BeautifulSoup:
        page = client.submit_form(
            "/admin/import",
            {"kind": kind, "file": (io.BytesIO(content.encode()), f"{kind}.csv")},
            content_type="multipart/form-data",
        )
        preview = client.soup(page.headers["Location"])
        client.post(page.headers["Location"], data={"csrf_token": client.csrf_token("/admin/import")})
        return preview

    upload(
        "children",
        f"child_ref,first_name,last_name,date_of_birth,came_into_care_on,iro_email\n"
        f"H1,Kai,Lee,2012-01-01,2019-03-01,{iro.email}\n",
    )
    preview = upload(
        "meetings",
        "meeting_ref,child_ref,kind,date,chair_email,participation_code,late_reason,contact_before_how\n"
        f"R1,H1,looked_after_review,2019-03-28,{iro.email},PN1,,visit\n"
        f"R2,H1,looked_after_review,2019-07-01,{iro.email},PN9,,\n"
        f"R3,H1,looked_after_review,2020-01-10,{iro.email},PN6,iro,phone\n",
    )
    assert "participation_code must be one of PN0" in preview.get_text()
    r1 = db_session.scalar(select(Meeting).where(Meeting.external_ref == "R1"))
    assert (r1.participation_code, r1.contact_before_how) == ("PN1", "visit")
    assert db_session.scalar(select(Meeting).where(Meeting.external_ref == "R2")) is None
    assert db_session.scalar(select(Meeting).where(Meeting.external_ref == "R3")).late_reason == "iro"
    upload(
        "meetings",
        f"meeting_ref,child_ref,kind,date,chair_email,participation_code\n"
        f"R1,H1,looked_after_review,2019-03-28,{iro.email},\n",
    )
    db_session.expire_all()
    assert db_session.scalar(select(Meeting).where(Meeting.external_ref == "R1")).participation_code == "PN1"
    assert db_session.scalar(select(Child).where(Child.external_ref == "H1")).came_into_care_on == date(
        2019, 3, 1
    )


def test_taking_part_is_counted_in_children_as_well_as_reviews(app, db_session):
    chair = factories.iro(db_session)
    twice = factories.child(db_session, chair, 12)
    once = factories.child(db_session, chair, 9)
    baby = factories.child(db_session, chair, 2)
    for child, day, code in [
        (twice, date(2025, 5, 1), "PN7"),
        (twice, date(2025, 11, 1), "PN1"),  # took part in one of their two reviews
        (once, date(2025, 6, 1), "PN7"),
        (baby, date(2025, 6, 1), "PN0"),  # under 4: not counted either way
    ]:
        held(db_session, child, day).participation_code = code
    db_session.commit()
    with app.test_request_context():
        sentences = sections.build(db_session, YEAR).section("participation").sentences
    assert (
        "Counted in children: of the 2 children aged 4 or over reviewed in the year, "
        "1 took part in at least one review (50.0%)."
    ) in sentences
    assert any(s.startswith("In 2 reviews, the child did not attend") for s in sentences)


def test_initial_conferences_are_timed_from_the_strategy_discussion(app, db_session):
    chair = factories.iro(db_session)
    for kind, held_on, strategy_on in [
        ("initial", date(2025, 6, 20), date(2025, 6, 2)),  # 14 working days: in time
        ("initial", date(2025, 7, 1), date(2025, 6, 2)),  # 21 working days: late
        ("initial", date(2025, 8, 1), None),  # no date: held, but not timed
        ("review", date(2025, 9, 1), None),
        ("initial", date(2024, 9, 1), date(2024, 8, 20)),  # the year before, in time
    ]:
        db_session.add(
            Meeting(
                kind="cp_conference",
                conference_type=kind,
                held_on=held_on,
                chair=chair,
                strategy_discussion_on=strategy_on,
            )
        )
    db_session.commit()
    with app.test_request_context():
        report = sections.build(db_session, YEAR)
    held = rows(report, "conferences-held")
    # Columns: this year, then the year before.
    assert held["Initial conferences"] == [3, 1] and held["Review conferences"] == [1, 0]
    assert held["Initial conferences with the strategy discussion's date"] == [2, 1]
    assert held["Of them, held within 15 working days of it, %"] == [50.0, 100.0]
    assert report.section("parents").sentences[0] == (
        "Of 2 initial conferences with the strategy discussion's date recorded, "
        "50.0% were held within 15 working days of it."
    )
