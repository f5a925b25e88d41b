"""Parents' feedback after Child Protection conferences: the form's rules,
the shared link and QR code, paper forms, follow-ups and the summary."""

from __future__ import annotations

from datetime import date, timedelta

from bs4 import BeautifulSoup
from sqlalchemy import select

from portal import conference_links
from portal.consult import service
from portal.invitations import create_invitation
from portal.models import ConferenceLink, FollowUp, Invitation, Meeting, Response, utcnow
from tests.support import factories
from tests.support.staff import sign_in

DISAGREE_ALL = {
    "explained_before": "disagree",
    "supported_views": "strongly_disagree",
    "concerns_explained": "disagree",
    "clear_what_changes": "not_applicable",
}


def conference(db_session, kind="review", chair=None, days_ago=1):  # type: ignore[no-untyped-def]
    chair = chair or factories.iro(db_session)
    meeting = Meeting(
        kind="cp_conference",
        conference_type=kind,
        held_on=date.today() - timedelta(days=days_ago),
        chair=chair,
    )
    db_session.add(meeting)
    db_session.commit()
    return meeting


def feedback(db_session, meeting, answers, config=None):  # type: ignore[no-untyped-def]
    invitation, token = create_invitation(db_session, meeting, "parent", 2, via="conference_link")
    db_session.commit()
    for page_id, page_answers in answers.items():
        service.save_page(db_session, invitation, page_id, page_answers)
    return service.submit(db_session, service.progress(db_session, invitation), "en", config)


def open_via_link(client, db_session, meeting, **link):  # type: ignore[no-untyped-def]
    record, token = conference_links.create(db_session, meeting, link.get("days", 14), link.get("cap", 10))
    db_session.commit()
    return client.submit_form(f"/f/{token}", {}), record, token


def test_the_review_only_statement_shows_only_for_review_conferences(client, db_session):
    review, initial = conference(db_session, "review"), conference(db_session, "initial")
    open_via_link(client, db_session, review)
    names = {i["name"] for i in client.soup("/consultation/page/statements").select("input[type=radio]")}
    assert "plan_helped" in names
    other = client.application.test_client()
    open_via_link(other, db_session, initial)
    names = {i["name"] for i in other.soup("/consultation/page/statements").select("input[type=radio]")}
    assert "plan_helped" not in names and "explained_before" in names


def test_not_applicable_is_offered_only_where_the_form_allows(client, db_session):
    open_via_link(client, db_session, conference(db_session))
    soup = client.soup("/consultation/page/statements")
    with_na = {i["name"] for i in soup.select("input[value=not_applicable]")}
    assert with_na == {"clear_what_changes"}


def test_anonymous_by_default_and_a_name_only_when_the_parent_chooses(client, db_session):
    meeting = conference(db_session)
    start, _record, _token = open_via_link(client, db_session, meeting)
    assert start.headers["Location"] == "/consultation"
    assert "chaired by Ada Reviewer" in client.soup("/consultation").get_text()
    client.submit_form("/consultation/page/statements", {"action": "continue", "explained_before": "agree"})
    stays = client.submit_form("/consultation/page/your-name", {"action": "continue", "give_name": "no"})
    assert stays.headers["Location"] == "/consultation/check"
    client.post("/consultation/submit", data={"csrf_token": client.csrf_token("/consultation/check")})
    response = db_session.scalar(select(Response))
    assert "name" not in response.answers and "contact" not in response.answers
    invitation = db_session.get(Invitation, response.invitation_id)
    assert invitation.person_id is None and invitation.via == "conference_link"
    columns = {c.name for c in Response.__table__.columns} | {c.name for c in Invitation.__table__.columns}
    assert not {"ip_address", "email", "name"} & columns  # nothing about who they are is kept

    named = client.application.test_client()
    _start, _r, token = open_via_link(named, db_session, meeting)
    named.submit_form("/consultation/page/your-name", {"action": "continue", "give_name": "yes"})
    named.submit_form("/consultation/page/name-details", {"action": "continue", "name": "Dana Parent"})
    named.post("/consultation/submit", data={"csrf_token": named.csrf_token("/consultation/check")})
    assert (
        db_session.scalars(select(Response).order_by(Response.id)).all()[-1].answers["name"] == "Dana Parent"
    )


def test_each_person_pressing_start_gets_their_own_form_and_openings_change_nothing(app, db_session):
    meeting = conference(db_session)
    _record, token = conference_links.create(db_session, meeting, 14, 2)
    db_session.commit()
    for _ in range(40):  # link scanners, chat previews, people who look and leave
        opened = app.test_client().get(f"/f/{token}")
        assert opened.status_code == 200 and "Start" in opened.get_data(as_text=True)
    assert db_session.scalars(select(Invitation)).all() == []
    app.test_client().submit_form(f"/f/{token}", {})
    app.test_client().submit_form(f"/f/{token}", {})
    assert len(db_session.scalars(select(Invitation)).all()) == 2


def test_an_expired_or_full_link_is_refused_kindly(app, db_session):
    meeting = conference(db_session)
    record, token = conference_links.create(db_session, meeting, 14, 1)
    db_session.commit()
    feedback(db_session, meeting, {"statements": {"explained_before": "agree"}})
    full = app.test_client().get(f"/f/{token}")
    assert full.status_code == 404
    assert "This feedback form has closed" in full.get_data(as_text=True)
    record.max_responses = 10
    record.expires_at = utcnow() - timedelta(minutes=1)
    db_session.commit()
    assert app.test_client().get(f"/f/{token}").status_code == 404
    assert app.test_client().get("/f/not-a-token").status_code == 404


def test_business_support_types_in_a_paper_form(client, db_session):
    meeting = conference(db_session, "initial")
    sign_in(client, db_session, factories.staff(db_session, "business_support"))
    page = client.soup(f"/staff/meetings/{meeting.id}/paper-feedback")
    assert page.select_one("input[name=plan_helped]") is None  # initial conference
    blank = client.submit_form(f"/staff/meetings/{meeting.id}/paper-feedback", {})
    assert blank.status_code == 200 and "Type in at least one answer from the paper form" in blank.get_data(
        as_text=True
    )
    assert db_session.scalar(select(Response)) is None, "a blank paper form is not a parent's feedback"
    client.submit_form(
        f"/staff/meetings/{meeting.id}/paper-feedback",
        {
            "explained_before": "strongly_agree",
            "felt_listened_to": "agree",
            "comments": "Thank you",
            "give_name": "no",
            "name": "Should Not Be Kept",
        },
    )
    response = db_session.scalar(select(Response))
    assert response.source == "paper" and response.answers["comments"] == "Thank you"
    assert "name" not in response.answers
    assert db_session.get(Invitation, response.invitation_id).via == "paper"


def test_unhappy_in_every_area_opens_a_follow_up_for_the_chairs_manager(app, client, db_session):
    manager = factories.staff(db_session, "manager")
    chair = factories.iro(db_session)
    chair.manager_id = manager.id
    db_session.commit()
    meeting = conference(db_session, chair=chair)
    feedback(db_session, meeting, {"statements": {"explained_before": "agree"}})
    response = feedback(db_session, meeting, {"statements": DISAGREE_ALL, "comments": {"comments": "Awful"}})
    [follow_up] = db_session.scalars(select(FollowUp)).all()
    assert follow_up.response_id == response.id and follow_up.manager_id == manager.id
    sign_in(client, db_session, manager)
    assert "1 follow-up of an unhappy parent is open" in client.soup("/staff/caseload").get_text()
    page = client.soup("/staff/follow-ups")
    assert "Awful" in page.get_text() and "Ada Reviewer" in page.get_text()
    token = client.csrf_token("/staff/follow-ups")
    empty = client.post(f"/staff/follow-ups/{follow_up.id}/close", data={"csrf_token": token, "note": ""})
    shown = BeautifulSoup(empty.get_data(as_text=True), "html.parser")
    assert empty.status_code == 400
    assert shown.select_one(".govuk-error-summary a")["href"] == f"#note-{follow_up.id}"
    assert shown.select_one(f"#note-{follow_up.id}-error")
    long_note = "Talked it through with the chair and the parent. " * 50
    too_long = client.post(
        f"/staff/follow-ups/{follow_up.id}/close", data={"csrf_token": token, "note": long_note}
    )
    shown = BeautifulSoup(too_long.get_data(as_text=True), "html.parser")
    assert too_long.status_code == 400 and "Write 2,000 characters or fewer" in shown.get_text()
    assert shown.select_one(f"#note-{follow_up.id}").get_text().strip() == long_note.strip()  # kept
    db_session.refresh(follow_up)
    assert follow_up.closed_at is None  # a note is needed
    client.post(
        f"/staff/follow-ups/{follow_up.id}/close", data={"csrf_token": token, "note": "Discussed with chair"}
    )
    db_session.refresh(follow_up)
    assert (
        follow_up.closed_by_id == manager.id
        and "No follow-ups are open" in client.soup("/staff/follow-ups").get_text()
    )


def summary_cells(client):  # type: ignore[no-untyped-def]
    soup = client.soup("/staff/conference-feedback")
    totals = {
        r.th.get_text(strip=True): r.td.get_text(strip=True) for r in soup.select(".app-conference-totals tr")
    }
    return soup, totals


def test_the_summary_shows_a_chair_their_own_and_a_manager_everyone(app, client, db_session):
    mine, theirs = factories.iro(db_session, name="Mine"), factories.iro(db_session, name="Theirs")
    for kind, answers in (
        ("initial", {"explained_before": "agree", "felt_listened_to": "agree"}),
        (
            "review",
            {
                "explained_before": "disagree",
                "supported_views": "agree",
                "felt_listened_to": "strongly_agree",
            },
        ),
        ("transfer_in", DISAGREE_ALL),
    ):
        feedback(db_session, conference(db_session, kind, chair=mine), {"statements": answers})
    feedback(
        db_session,
        conference(db_session, "review", chair=theirs),
        {"statements": {"explained_before": "agree"}},
    )
    sign_in(client, db_session, mine)
    soup, totals = summary_cells(client)
    assert totals["Feedback forms"] == "3"
    assert (
        totals["Initial conferences"],
        totals["Review conferences"],
        totals["Transfer-in conferences"],
    ) == ("1", "1", "1")
    assert totals["Positive experience overall"] == "2 (66.7%)" and totals["Unhappy in every area"] == "1"
    explained = next(
        r for r in soup.select(".app-statements tbody tr") if "explained to me before" in r.get_text()
    )
    assert [td.get_text(strip=True) for td in explained.select("td")][1:] == ["1", "3", "33.3"]
    assert soup.select_one("img.app-chart")["src"].startswith("data:image/svg+xml;base64,")
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/caseload")})
    sign_in(client, db_session, factories.staff(db_session, "manager"))
    assert summary_cells(client)[1]["Feedback forms"] == "4"


def test_the_chair_makes_a_feedback_link_and_wrong_numbers_are_shown_with_what_was_typed(client, db_session):
    chair = factories.iro(db_session)
    meeting = conference(db_session, chair=chair)
    sign_in(client, db_session, chair)
    url = f"/staff/meetings/{meeting.id}/feedback-link"
    page = client.soup(url)
    assert page.select_one("#days")["value"] == "14" and page.select_one("#max_responses")["value"] == "10"
    wrong = client.submit_form(url, {"days": "0", "max_responses": "lots"})
    assert wrong.status_code == 400
    shown = BeautifulSoup(wrong.get_data(as_text=True), "html.parser")
    assert [a["href"] for a in shown.select(".govuk-error-summary a")] == ["#days", "#max_responses"]
    assert "Enter a number of responses from 1 to 50" in shown.select_one("#max_responses-error").get_text()
    assert shown.select_one("#max_responses")["value"] == "lots"  # kept as typed
    made = client.submit_form(url, {"days": "7", "max_responses": "20"})
    shown = BeautifulSoup(made.get_data(as_text=True), "html.parser")
    assert made.status_code == 200 and shown.select_one(".app-letter__qr svg") is not None
    link = db_session.scalar(select(ConferenceLink).where(ConferenceLink.meeting_id == meeting.id))
    assert link is not None and link.max_responses == 20


def test_parents_comments_are_proposed_like_quotes_and_a_disclosure_never_is(app, client, db_session):
    from portal.report import sections

    meeting = conference(db_session)
    running = date.today().year if date.today().month >= 4 else date.today().year - 1
    words = [
        "The chair explained everything before the meeting",
        "I got the report the night before and could not read it",
        "It was fair and I knew what I had to do",
        "It was fair and I knew what I had to do",  # the same words from a second parent: offered once
    ]
    for text in words:
        feedback(db_session, meeting, {"comments": {"comments": text}})
    # A fifth parent's words raise a flag: never quoted, so still fewer than 5 parents to quote.
    feedback(db_session, meeting, {"comments": {"comments": "my partner hits me and the children see it"}})
    with app.test_request_context():
        few = sections.build(db_session, running).section("parents").quotes[0]
    assert few.candidates == [] and few.quotes == []
    feedback(db_session, meeting, {"comments": {"comments": "Nobody talked to me, only about me"}})
    with app.test_request_context():
        group = sections.build(db_session, running).section("parents").quotes[0]
    texts = [q.text for q in group.candidates]
    assert texts and not any("hits" in t for t in texts)  # a disclosure is never a quote
    assert texts.count("It was fair and I knew what I had to do") == 1
    assert group.label == "Parents' comments" and group.quotes == texts[:3]
    manager = factories.staff(db_session, "manager")
    sign_in(client, db_session, manager)
    page = client.soup(f"/reports/quotes?year={running}")
    boxes = page.select("input[name=quotes-parents_comments]")
    assert len(boxes) == len(texts)
    client.submit_form(
        f"/reports/quotes?year={running}",
        {"year": str(running), "quotes-parents_comments": boxes[-1]["value"]},
    )
    with app.test_request_context():
        chosen = sections.build(db_session, running).section("parents").quotes[0].quotes
    assert chosen == [texts[-1]]


def test_parents_are_offered_the_adults_helpline_not_childline_on_every_page(client, db_session):
    """Childline is for children: a parent who is worried is given the NSPCC's adult line."""
    meeting = conference(db_session)
    _record, token = conference_links.create(db_session, meeting, 14, 10)
    db_session.commit()

    def footer(url: str) -> str:
        return client.soup(url).select_one("footer").get_text(" ", strip=True)

    pages = [footer(f"/f/{token}")]
    client.submit_form(f"/f/{token}", {})  # Start: the parent's own form
    pages += [footer("/consultation"), footer("/consultation/page/statements"), footer("/f/not-a-token")]
    for text in pages:  # the last is a closed link: still a parent's page
        assert "NSPCC helpline for adults free on 0808 800 5000" in text and "Childline" not in text
