"""The annual report's figures against a fixture counted by hand, the Word
document's structure, and small-group suppression and name masking."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

from click.testing import CliRunner
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from portal.consult import service
from portal.invitations import create_invitation
from portal.models import Meeting, SafeguardingFlag
from portal.report import outputs, sections
from tests.support import factories
from tests.support.staff import sign_in


def review(db_session, chair, held_on, code, age=10):  # type: ignore[no-untyped-def]
    child = factories.child(db_session, chair, age)
    meeting = Meeting(
        kind="looked_after_review", held_on=held_on, child=child, chair=chair, participation_code=code
    )
    db_session.add(meeting)
    db_session.flush()
    return meeting


def table(report, key):  # type: ignore[no-untyped-def]
    return next(t for s in report.sections for t in s.tables if t.key == key)


def table_of(section, key):  # type: ignore[no-untyped-def]
    return next(t for t in section.tables if t.key == key)


def test_participation_codes_split_years_on_31_march_and_1_april(app, db_session):
    chair = factories.iro(db_session)
    # 2024/25: 3 PN1, 1 PN6, 1 PN7, 1 PN0 (one PN1 on 1 April 2024, the first day of the year)
    for day, code in [
        (date(2024, 4, 1), "PN1"),
        (date(2024, 9, 9), "PN1"),
        (date(2025, 3, 31), "PN1"),
        (date(2024, 6, 1), "PN6"),
        (date(2024, 7, 1), "PN7"),
        (date(2024, 8, 1), "PN0"),
    ]:
        review(db_session, chair, day, code)
    # 2023/24: 2 PN1 and 2 PN7 (31 March 2024 is the last day of 2023/24)
    for day, code in [
        (date(2024, 3, 31), "PN1"),
        (date(2023, 4, 1), "PN1"),
        (date(2023, 5, 1), "PN7"),
        (date(2024, 1, 1), "PN7"),
    ]:
        review(db_session, chair, day, code)
    db_session.commit()
    with app.test_request_context():
        report = sections.build(db_session, 2024)
    codes = table(report, "participation-codes")
    assert codes.headers[2:] == ["2023/24", "2024/25"]
    rows = {row[0]: row[2:] for row in codes.rows}
    assert rows["PN1"] == [2, 3] and rows["PN6"] == [0, 1] and rows["PN7"] == [2, 1] and rows["PN0"] == [0, 1]
    assert rows["Total"] == [4, 6]
    assert rows["PN1–PN6"] == [50.0, 80.0]  # 2 of 4 aged 4+; 4 of 5 aged 4+
    first = report.section("participation").sentences
    assert first[0] == "6 reviews held in 2024/25 have a participation code recorded."
    assert first[1] == "In 3 reviews, the child came and spoke for themselves, up from 2 in 2023/24."
    assert first[2] == (
        "In 80.0% of the reviews of children aged 4 or over, the child took part in some way (PN1 to PN6), "
        "compared with 50.0% in 2023/24."
    )
    assert first[3] == (  # each review here is a different child
        "Counted in children: of the 5 children aged 4 or over reviewed in the year, "
        "4 took part in at least one review (80.0%)."
    )
    assert first[4] == (
        "In 1 review, the child did not attend and their views were not conveyed (PN7), "
        "down from 2 in 2023/24."
    )


def submit_feedback(db_session, meeting, answers):  # type: ignore[no-untyped-def]
    invitation, _ = create_invitation(db_session, meeting, "parent", 2, via="conference_link")
    db_session.commit()
    service.save_page(db_session, invitation, "statements", answers)
    return service.submit(db_session, service.progress(db_session, invitation), "en")


def test_parents_percentages_and_flag_times(app, db_session):
    chair = factories.iro(db_session)
    for kind, answers in [
        ("initial", {"explained_before": "agree"}),
        ("initial", {"explained_before": "agree"}),
        ("review", {"explained_before": "disagree", "supported_views": "agree"}),
        ("transfer_in", {"explained_before": "strongly_disagree"}),
    ]:
        meeting = Meeting(kind="cp_conference", conference_type=kind, held_on=date(2025, 5, 1), chair=chair)
        db_session.add(meeting)
        submit_feedback(db_session, meeting, answers)
    outside = Meeting(kind="cp_conference", conference_type="review", held_on=date(2025, 3, 31), chair=chair)
    db_session.add(outside)
    submit_feedback(db_session, outside, {"explained_before": "agree"})
    meeting = review(db_session, chair, date(2025, 6, 1), "PN6")
    invitation, _ = create_invitation(db_session, meeting, "child", 28)
    db_session.commit()
    service.save_page(db_session, invitation, "worries", {"worries": "he hits me"})
    service.submit(db_session, service.progress(db_session, invitation), "en")
    flag = db_session.query(SafeguardingFlag).one()
    flag.raised_at = datetime(2025, 6, 1, 10, 0)
    flag.acknowledged_at = flag.raised_at + timedelta(minutes=30)
    db_session.commit()
    with app.test_request_context():
        report = sections.build(db_session, 2025)
    totals = {row[0]: row[1] for row in table(report, "conference-feedback").rows}
    assert totals["Feedback forms"] == 4  # the 31 March conference belongs to 2024/25
    assert (
        totals["Initial conferences"],
        totals["Review conferences"],
        totals["Transfer-in conferences"],
    ) == (2, 1, 1)
    assert totals["Positive experience overall"] == 2 and totals["Positive experience overall, %"] == 50.0
    assert totals["Unhappy in every area"] == 1
    parents = report.section("parents").sentences
    assert parents[0].startswith("4 parents filled in a feedback form after a conference: 2 after initial")
    assert parents[1] == "50.0% of parents said they had a positive experience overall."
    flags = {row[0]: row[1] for row in table(report, "safeguarding-flags").rows}
    assert flags == {
        "Responses flagged": 1,
        "Acknowledged by a person": 1,
        "Not yet acknowledged": 0,
        "Median minutes to acknowledgement": 30,
        "Longest minutes to acknowledgement": 30,
    }
    assert report.section("safeguarding").sentences[-1] == "None was left unacknowledged."


def test_small_groups_are_suppressed_and_quotes_hide_names(app, db_session):
    chair = factories.iro(db_session)
    today = date.today()
    year = today.year if today.month >= 4 else today.year - 1
    for n in range(6):
        invitation, _ = factories.consultation(db_session, age=10, chair=chair)
        texts = {"wishes": {"wishes": f"I wish I saw my sister Robin more ({n})"}}
        if n < 4:  # four children, eight answers: still fewer than 5 children
            texts["going-well"] = {"going_well": "I love football"}
            texts["talk-about"] = {"talk_about": "Football with my friends on Saturdays"}
        for page_id, answers in texts.items():
            service.save_page(db_session, invitation, page_id, answers)
        service.submit(db_session, service.progress(db_session, invitation), "en")
    with app.test_request_context():
        report = sections.build(db_session, year)
    themes = {row[0]: row[1:] for row in table(report, "children-themes").rows}
    assert themes["Family and family time"][:2] == [6, 6]  # children, answers
    # Eight answers from four children: nothing about the group can be worked out, in any output.
    assert themes["Friends, activities and pets"][:2] == ["fewer than 5", "fewer than 5"]
    assert themes["Friends, activities and pets"][2:4] == ["–", "–"]
    with app.test_request_context():
        csv_text = next(v for k, v in outputs.csv_files(report).items() if "children-themes" in k)
    friends = next(line for line in csv_text.splitlines() if line.startswith('"Friends'))
    assert not any(ch.isdigit() for ch in friends.replace("fewer than 5", "")), friends
    groups = {g.theme: g.quotes for g in report.section("children").quotes}
    assert "friends_activities" not in groups
    assert groups["family_time"] and all("Robin" not in q and "[name]" in q for q in groups["family_time"])


def test_the_word_document_has_every_section_header_rows_and_alt_text(app, db_session):
    chair = factories.iro(db_session)
    review(db_session, chair, date(2025, 5, 5), "PN1")
    db_session.commit()
    with app.test_request_context():
        document = Document(io.BytesIO(outputs.word(sections.build(db_session, 2025), "Test Council")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "1. The children the service looked after",
        "2. Reviews and their timeliness",
        "3. Participation in reviews",
        "4. Consultation before reviews",
        "5. What children and young people told us",
        "6. Child Protection conferences and parents' feedback",
        "7. You said, we did",
        "8. Safeguarding flags",
        "9. Records of reviews",
        "10. Dispute resolution",
        "11. Priorities",
    ]
    assert document.tables and all(
        t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for t in document.tables
    )
    pictures = list(document.element.body.iter(qn("wp:docPr")))
    assert pictures and all(p.get("descr", "").startswith("Bar chart:") for p in pictures)
    # Its own properties, not the library's template's; figures line up on the right.
    properties = document.core_properties
    assert properties.author == "Test Council" and properties.language == "en-GB"
    assert properties.title.startswith("Test Council: IRO service annual report 2025/26")
    assert properties.created.year == date.today().year
    body = document.tables[0].rows[1].cells  # children in care, by year
    figures = [c for c in body if c.text.replace(".", "").isdigit()]
    assert figures and all(c.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for c in figures)
    widths = [c.width for c in document.tables[0].rows[0].cells]
    assert len(set(widths)) > 1  # columns sized to their words, not all equal


def test_managers_read_it_choose_quotes_and_download_it(client, db_session, tmp_path, monkeypatch, app):
    manager = factories.staff(db_session, "manager")
    sign_in(client, db_session, manager)
    page = client.soup("/reports/annual?year=2025")
    assert [h.get_text(strip=True) for h in page.select("h2.govuk-heading-l")][:3] == [
        "1. The children the service looked after",
        "2. Reviews and their timeliness",
        "3. Participation in reviews",
    ]
    assert page.select_one("#table-participation-codes caption").get_text(strip=True)
    word = client.get("/reports/annual/2025.docx")
    assert word.mimetype.endswith("wordprocessingml.document") and Document(io.BytesIO(word.data))
    csv = client.get("/reports/annual/2025/3-participation-codes-2025-26.csv")
    assert csv.get_data(as_text=True).startswith("Code,Meaning,")
    monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("MYREVIEW_INSTANCE_PATH", str(tmp_path))
    from portal.cli import main

    result = CliRunner().invoke(main, ["report", "--year", "2025", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "annual-report-2025-26.docx" in names and "annual-report-2025-26.html" in names
    standalone = (tmp_path / "out" / "annual-report-2025-26.html").read_text()
    assert "<style>" in standalone and "/static/" not in standalone and 'href="/' not in standalone
    with app.test_request_context():
        tables = [t.key for section in sections.build(db_session, 2025).sections for t in section.tables]
    assert sum(n.endswith(".csv") for n in names) == len(tables)  # a file for every table
    assert any(n.startswith("9-records-of-reviews") for n in names)


def test_a_participation_officers_choice_of_quotes_replaces_the_proposals(app, client, db_session):
    chair = factories.iro(db_session)
    today = date.today()
    year = today.year if today.month >= 4 else today.year - 1
    for n in range(6):
        invitation, _ = factories.consultation(db_session, age=10, chair=chair)
        service.save_page(
            db_session, invitation, "wishes", {"wishes": f"I want to see my brother more, week {n}"}
        )
        service.submit(db_session, service.progress(db_session, invitation), "en")
    sign_in(client, db_session, factories.staff(db_session, "participation_officer"))
    page = client.soup(f"/reports/quotes?year={year}")
    boxes = page.select("input[name=quotes-family_time]")
    assert len(boxes) == 6 and sum(b.has_attr("checked") for b in boxes) == 3  # the first three proposed
    picked = boxes[-1]
    client.post(
        f"/reports/quotes?year={year}",
        data={
            "csrf_token": client.csrf_token(f"/reports/quotes?year={year}"),
            "quotes-family_time": picked["value"],
        },
    )
    with app.test_request_context():
        quotes = {g.theme: g.quotes for g in sections.build(db_session, year).section("children").quotes}
    label = page.select_one(f"label[for={picked['id']}]").get_text(strip=True).strip("“”")
    assert quotes["family_time"] == [label]


def test_the_report_opens_on_the_last_complete_year_not_the_one_still_running(client, db_session):
    from portal.report.model import last_complete_year, year_of

    manager = factories.staff(db_session, "manager")
    sign_in(client, db_session, manager)
    year = last_complete_year()
    assert year == year_of(date.today()) - 1  # never the year still running
    page = client.soup("/reports/annual").get_text(" ", strip=True)
    assert f"1 April {year} to 31 March {year + 1}" in page


def test_consultation_figures_are_counted_by_birthday_helper_and_profile(app, db_session):
    """The database counts these (a national year never comes into Python): ages
    turn on the birthday itself, each helper a child names counts once, and a
    child who came into care the day before their 4th birthday is not counted."""
    chair = factories.iro(db_session)
    held = date(2025, 6, 1)
    for born, sent_back, helped in [
        (date(2017, 6, 2), True, ["carer"]),  # 7, the day before turning 8
        (date(2017, 6, 1), False, None),  # 8 that day
        (date(2012, 3, 1), True, ["carer", "iro"]),  # 13
        (date(2012, 3, 2), True, []),  # 13
    ]:
        meeting = review(db_session, chair, held, "PN1")
        meeting.child.date_of_birth = born
        invitation, _ = create_invitation(db_session, meeting, "child", 28)
        invitation.sent_at = datetime(2025, 5, 1, 9, 0)
        db_session.commit()
        if sent_back:
            response = service.submit(db_session, service.progress(db_session, invitation), "en")
            response.helped_by = helped
            response.source = "paper" if born == date(2012, 3, 2) else "online"  # one typed in from paper
    for born, came_in, profile_sent in [
        (date(2021, 5, 2), date(2025, 5, 1), True),  # 3 on coming into care
        (date(2021, 5, 1), date(2025, 5, 1), True),  # 4 that day
        (date(2015, 1, 1), date(2025, 7, 1), False),
        (date(2015, 1, 1), date(2025, 3, 31), True),  # the year before
    ]:
        child = factories.child(db_session, chair, 5)
        child.date_of_birth, child.came_into_care_on = born, came_in
        child.profile_sent_at = datetime.combine(came_in, datetime.min.time()) if profile_sent else None
    db_session.commit()
    with app.test_request_context():
        section = sections.consultation(db_session, 2025)
    by_age = {row[0]: row[1:3] for row in table_of(section, "consultation-by-age").rows}
    assert by_age == {"4-7": [1, 1], "8-12": [1, 0], "13+": [2, 2]}
    returns = {row[0]: (row[1], row[4]) for row in table_of(section, "consultation-returns").rows}
    assert returns["Child"] == (4, 3) and returns["All"] == (4, 3)
    by_method = {row[0]: row[1:] for row in table_of(section, "consultation-method").rows}
    assert by_method["Child"] == [2, 1] and by_method["Carer"] == [0, 0]  # online, on paper
    helped = {row[0]: row[1] for row in table_of(section, "who-helped").rows}
    assert helped["Did not say"] == 1  # the one who ticked nobody
    assert sum(helped.values()) == 4  # and a carer twice, the IRO once
    profiles = [row[1] for row in table_of(section, "iro-profiles").rows]
    assert profiles == [2, 1]


def test_a_persons_newest_correction_counts_in_the_themes_not_the_coders_reading(app, db_session):
    from portal.models import AnswerCoding, CodingCorrection
    from portal.report import aggregates

    chair = factories.iro(db_session)
    responses = []
    for _n in range(2):
        invitation, _ = factories.consultation(db_session, age=10, chair=chair)
        service.save_page(db_session, invitation, "wishes", {"wishes": "I wish I saw my sister more"})
        responses.append(service.submit(db_session, service.progress(db_session, invitation), "en"))
    coded = db_session.query(AnswerCoding).filter_by(response_id=responses[0].id).one()
    assert "family_time" in coded.themes
    for themes, sentiment in [(["education"], "negative"), (["health_wellbeing"], "positive")]:
        db_session.add(
            CodingCorrection(
                response_id=coded.response_id,
                question_id=coded.question_id,
                themes=themes,
                sentiment=sentiment,
                corrected_by_id=chair.id,
            )
        )
    other = db_session.query(AnswerCoding).filter_by(response_id=responses[1].id).one()
    db_session.add(  # a person took every theme off the other answer: it still counts as an answer
        CodingCorrection(
            response_id=other.response_id,
            question_id=other.question_id,
            themes=[],
            sentiment="neutral",
            corrected_by_id=chair.id,
        )
    )
    db_session.commit()
    year = date.today().year if date.today().month >= 4 else date.today().year - 1
    tally = aggregates.tally_themes(db_session, aggregates.child_codes(year, with_year_before=True))[year]
    assert tally.answers == 2
    assert tally.figures("family_time").answers == 0 and tally.figures("education").answers == 0
    health = tally.figures("health_wellbeing")
    assert (health.answers, health.people, health.positive_answers) == (1, 1, 1)
