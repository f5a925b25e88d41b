"""The IRO's caseload, the meeting page's actions, and sending consultations."""

from __future__ import annotations

from datetime import date, timedelta

from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.consult import service
from portal.messaging import dispatch
from portal.models import AuditEvent, Cover, Invitation, Meeting, OutboundMessage, Person
from tests.support import factories
from tests.support.mailbox import SilentRelay
from tests.support.staff import sign_in


def main_text(response) -> str:  # type: ignore[no-untyped-def]
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").main.get_text(" ", strip=True)


def child_with_people(db_session, chair, age=10, in_days=10, **extra):  # type: ignore[no-untyped-def]
    child = factories.child(db_session, chair, age, **extra)
    child.people.append(
        Person(
            name="Pat Parent", relationship_to_child="mum", role="parent", email="pat.parent@example.invalid"
        )
    )
    child.people[0].email = "sam.carer@example.invalid"
    meeting = factories.meeting(db_session, child, in_days=in_days)
    db_session.commit()
    return child, meeting


def test_caseload_lists_upcoming_meetings_in_date_order_with_every_consultations_status(client, db_session):
    iro = factories.iro(db_session)
    later_child, later = child_with_people(db_session, iro, in_days=20, first_name="Later")
    sooner_child, sooner = child_with_people(db_session, iro, in_days=3, first_name="Sooner")
    factories.consultation(db_session, age=12, chair=factories.iro(db_session, name="Other IRO"))
    from portal.invitations import create_invitation

    invitation, _ = create_invitation(db_session, sooner, "child", 28)
    db_session.commit()
    service.save_page(db_session, invitation, "home", {"home_rating": "3"})
    sign_in(client, db_session, iro)
    soup = client.soup("/staff/caseload")
    rows = soup.select("table.app-caseload tbody tr")
    assert [r.select_one("a").get_text(strip=True) for r in rows] == ["Sooner Testchild", "Later Testchild"]
    first = rows[0].get_text(" ", strip=True)
    assert "Child : Started" in first.replace(":", " :") or "Child: Started" in first
    assert "Carer (Sam Carer (foster carer)): Not sent" in first
    assert "Parent (Pat Parent (mum)): Not sent" in first
    # Told apart at a glance as well as in words: started in yellow, not sent in grey.
    colours = {tag.get_text(strip=True): tag["class"] for tag in rows[0].select(".govuk-tag")}
    assert "govuk-tag--yellow" in colours["Started, not sent"] and "govuk-tag--grey" in colours["Not sent"]


def test_reviews_due_and_overdue_by_the_statutory_schedule(client, db_session):
    iro = factories.iro(db_session)
    new = factories.child(
        db_session, iro, 9, first_name="Newcomer", came_into_care_on=date.today() - timedelta(days=14)
    )
    overdue = factories.child(
        db_session, iro, 12, first_name="Waiting", came_into_care_on=date.today() - timedelta(days=400)
    )
    db_session.add(
        Meeting(
            kind="looked_after_review", held_on=date.today() - timedelta(days=250), child=overdue, chair=iro
        )
    )
    db_session.commit()
    sign_in(client, db_session, iro)
    text = main_text(client.get("/staff/caseload"))
    section = text[text.index("Reviews coming due or overdue") :]
    assert "Newcomer Testchild" in section and "Due soon" in section
    assert "Waiting Testchild" in section and "Overdue" in section
    assert section.index("Waiting") < section.index("Newcomer")  # the earliest due date first
    assert new.id


def test_cover_lets_an_iro_see_anothers_meetings_for_the_period_only(client, db_session):
    away = factories.iro(db_session, name="Away IRO")
    cover = factories.iro(db_session, name="Cover IRO")
    invitation, _ = factories.consultation(db_session, age=10, chair=away)
    manager = factories.staff(db_session, "manager")
    db_session.add(
        Cover(
            covering_id=cover.id,
            absent_id=away.id,
            starts_on=date.today() - timedelta(days=1),
            ends_on=date.today() + timedelta(days=1),
            created_by_id=manager.id,
        )
    )
    db_session.commit()
    sign_in(client, db_session, cover)
    assert client.get(f"/staff/meetings/{invitation.meeting_id}").status_code == 200
    record = db_session.scalar(select(Cover))
    record.ends_on = date.today() - timedelta(days=1)
    db_session.commit()
    assert client.get(f"/staff/meetings/{invitation.meeting_id}").status_code == 404


def test_a_manager_gives_cover_through_the_form(client, db_session):
    manager = factories.staff(db_session, "manager")
    away, covering = factories.iro(db_session, name="Away"), factories.iro(db_session, name="Covering")
    sign_in(client, db_session, manager)
    today = date.today()

    def give_cover(starts_on: list[str], ends_on: list[str]):  # type: ignore[no-untyped-def]
        return client.submit_form(
            "/admin/cover",
            {
                "covering_id": str(covering.id),
                "absent_id": str(away.id),
                "starts_on": starts_on,
                "ends_on": ends_on,
            },
        )

    bad = give_cover(["", "", ""], ["1", "2", "2099"])
    assert "Enter the first day of cover" in main_text(bad)
    unreadable = give_cover(["1", "2", "2099"], ["31", "2", "2099"])
    summary = BeautifulSoup(unreadable.get_data(as_text=True), "html.parser").select(".govuk-error-summary a")
    assert [(a.get_text(strip=True), a["href"]) for a in summary] == [
        ("Enter the last day of cover as a real date, for example 30 4 2026", "#ends_on-day")
    ]
    good = give_cover([str(today.day), str(today.month), str(today.year)], ["1", "1", str(today.year + 1)])
    assert good.status_code == 302
    assert db_session.scalar(select(Cover)).covering_id == covering.id


def test_participation_code_is_suggested_and_recorded_after_the_review(client, db_session):
    iro = factories.iro(db_session)
    invitation, _ = factories.consultation(db_session, age=10, chair=iro)
    meeting = db_session.get(Meeting, invitation.meeting_id)
    service.save_page(db_session, invitation, "worries", {"worries": "school"})
    service.submit(db_session, service.progress(db_session, invitation), "en")
    sign_in(client, db_session, iro)
    assert "You can record this after the review" in main_text(client.get(f"/staff/meetings/{meeting.id}"))
    meeting.held_on = date.today() - timedelta(days=1)
    db_session.commit()
    soup = client.soup(f"/staff/meetings/{meeting.id}")
    suggested = soup.select_one("input[name=participation_code][checked]")
    assert suggested["value"] == "PN6"
    assert "Suggested, because the child sent their views" in soup.select_one("#participation").get_text()
    token = client.csrf_token(f"/staff/meetings/{meeting.id}")
    missing = client.post(
        f"/staff/meetings/{meeting.id}/participation", data={"csrf_token": token}, follow_redirects=True
    )
    shown = BeautifulSoup(missing.get_data(as_text=True), "html.parser")
    assert shown.select_one(".govuk-error-summary a")["href"] == "#participation_code"
    assert (
        "Choose how the child took part" in shown.select_one("#participation .govuk-error-message").get_text()
    )
    done = client.post(
        f"/staff/meetings/{meeting.id}/participation", data={"csrf_token": token, "participation_code": "PN1"}
    )
    assert done.status_code == 302
    db_session.refresh(meeting)
    assert meeting.participation_code == "PN1" and meeting.participation_recorded_by_id == iro.id
    event = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "record_participation")).one()
    assert event.detail == "->PN1"


def test_pn0_is_suggested_for_a_child_under_four(client, db_session):
    iro = factories.iro(db_session)
    child = factories.child(db_session, iro, 3)
    meeting = factories.meeting(db_session, child, in_days=-1)
    db_session.commit()
    sign_in(client, db_session, iro)
    assert (
        client.soup(f"/staff/meetings/{meeting.id}").select_one("input[name=participation_code][checked]")[
            "value"
        ]
        == "PN0"
    )


def test_send_resend_and_withdraw_a_consultation_by_email(app, client, db_session, mailbox):
    iro = factories.iro(db_session)
    child, meeting = child_with_people(db_session, iro, email="robin@example.invalid")
    sign_in(client, db_session, iro)
    token = client.csrf_token(f"/staff/meetings/{meeting.id}")
    client.post(f"/staff/meetings/{meeting.id}/invitations", data={"csrf_token": token, "audience": "child"})
    assert dispatch.sender(app).idle(10)  # sent in the background, off the IRO's request
    [message] = mailbox.to("robin@example.invalid")
    assert "Robin" not in message.body and "Testchild" not in message.body
    first_link = message.link().replace("http://localhost", "")
    child_browser = app.test_client()
    assert child_browser.get(first_link).status_code == 302
    invitation = db_session.scalar(select(Invitation))
    assert invitation.sent_at is not None and invitation.opened_at is not None

    client.post(f"/staff/invitations/{invitation.id}/resend", data={"csrf_token": token})
    assert dispatch.sender(app).idle(10)
    second_link = mailbox.to("robin@example.invalid")[-1].link().replace("http://localhost", "")
    assert second_link != first_link
    assert app.test_client().get(first_link).status_code == 404  # each send makes a fresh link
    assert app.test_client().get(second_link).status_code == 302

    client.post(f"/staff/invitations/{invitation.id}/revoke", data={"csrf_token": token})
    assert app.test_client().get(second_link).status_code == 404
    assert db_session.scalar(select(AuditEvent.action).where(AuditEvent.action == "revoke_invitation"))


def test_a_failed_send_shows_on_the_caseload_and_is_retried(app, client, db_session, mailbox):
    from portal.messaging import outbox

    iro = factories.iro(db_session)
    _child, meeting = child_with_people(db_session, iro, email="robin@example.invalid")
    sign_in(client, db_session, iro)
    app.config["SMTP_PORT"] = 1  # nothing listens there
    token = client.csrf_token(f"/staff/meetings/{meeting.id}")
    sent = client.post(
        f"/staff/meetings/{meeting.id}/invitations",
        data={"csrf_token": token, "audience": "child"},
        follow_redirects=True,
    )
    assert "Sending now. If it cannot go, it shows on the caseload and is tried again." in main_text(sent)
    assert dispatch.sender(app).idle(10)
    assert "Messages that have not gone yet" in main_text(client.get("/staff/caseload"))
    app.config["SMTP_PORT"] = mailbox.port
    message = db_session.scalar(select(OutboundMessage))
    message.next_attempt_at = message.created_at
    db_session.commit()
    with app.test_request_context():
        assert outbox.deliver_due(db_session, app.config) == (1, 0)
    assert len(mailbox.to("robin@example.invalid")) == 1
    assert "Messages that have not gone yet" not in main_text(client.get("/staff/caseload"))


def test_bulk_send_for_the_next_n_days(app, client, db_session, mailbox):
    iro = factories.iro(db_session)
    child_with_people(db_session, iro, in_days=5, email="near@example.invalid")
    child_with_people(db_session, iro, in_days=40, email="far@example.invalid")
    sign_in(client, db_session, iro)
    preview = main_text(client.get("/staff/send-upcoming?days=21"))
    assert "3 consultations have not been sent yet" in preview  # the child, the carer and the parent
    done = client.post(
        "/staff/send-upcoming?days=21",
        data={"csrf_token": client.csrf_token("/staff/send-upcoming")},
        follow_redirects=True,
    )
    assert "Sending 3 now" in main_text(done)
    assert dispatch.sender(app).idle(10)
    assert {m.to[0] for m in mailbox.messages} == {
        "near@example.invalid",
        "sam.carer@example.invalid",
        "pat.parent@example.invalid",
    }
    assert not mailbox.to("far@example.invalid")


def test_sending_a_consultation_never_waits_on_a_mail_relay_that_does_not_answer(
    app, client, db_session, mailbox
):
    iro = factories.iro(db_session)
    _child, meeting = child_with_people(db_session, iro, email="robin@example.invalid")
    sign_in(client, db_session, iro)
    token = client.csrf_token(f"/staff/meetings/{meeting.id}")
    relay = SilentRelay()
    app.config.update(SMTP_PORT=relay.port, SMTP_TIMEOUT_SECONDS=2)
    try:
        sent = client.post(
            f"/staff/meetings/{meeting.id}/invitations", data={"csrf_token": token, "audience": "child"}
        )
        assert sent.status_code == 302  # the IRO is on their page again...
        sender = dispatch.sender(app)
        assert not sender.idle(0.1)  # ...while the email is still being tried
        assert sender.idle(10)
    finally:
        relay.close()
    message = db_session.scalar(select(OutboundMessage))
    db_session.refresh(message)
    assert message.status == "pending" and message.attempts == 1  # to be tried again
    assert "Messages that have not gone yet" in main_text(client.get("/staff/caseload"))
