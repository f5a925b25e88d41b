"""The meeting page turns answers into things to do before the meeting ("see
you alone: yes", "advocate: not sure") and a gentle check when the same
person is chosen as wanted and as not wanted. The rules are data."""

from __future__ import annotations

from forms import get_questionnaire
from portal.consult import service
from portal.staff import to_dos
from tests.support import factories
from tests.support.staff import sign_in


def send(db_session, invitation, answers: dict) -> None:  # type: ignore[no-untyped-def]
    """Save each answer on the page that asks it, then send."""
    questionnaire = get_questionnaire(invitation.questionnaire_id)
    for page in questionnaire.pages:
        on_page = {k: v for k, v in answers.items() if any(q.id == k for q in page.questions)}
        if on_page:
            service.save_page(db_session, invitation, page.id, on_page)
    service.submit(db_session, service.progress(db_session, invitation), "en")


def before_the_meeting(client, meeting_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    box = client.soup(f"/staff/meetings/{meeting_id}").select_one(".app-to-dos")
    return [li.get_text(" ", strip=True) for li in box.select("li")] if box else []


def test_answers_become_things_to_do_and_a_gentle_check(client, db_session):
    chair = factories.iro(db_session)
    invitation, _token = factories.consultation(db_session, age=10, chair=chair)
    send(
        db_session,
        invitation,
        {
            "see_iro_alone": "yes",
            "advocate": "not_sure",
            "chair": "no",
            "who_there": {"selected": ["carer", "social_worker"], "other": ""},
            "who_not_there": {"selected": ["carer"], "other": ""},
        },
    )
    sign_in(client, db_session, chair)
    items = before_the_meeting(client, invitation.meeting_id)
    assert items[0] == "They want to see you on their own before the meeting: arrange it."
    assert items[1].startswith("They are not sure about an advocate")
    assert len(items) == 3 and "both as wanted and as not wanted" in items[2] and "carer" in items[2].lower()


def test_nothing_to_do_shows_nothing(client, db_session):
    chair = factories.iro(db_session)
    invitation, _token = factories.consultation(db_session, age=10, chair=chair)
    send(db_session, invitation, {"see_iro_alone": "no", "advocate": "no"})
    sign_in(client, db_session, chair)
    assert before_the_meeting(client, invitation.meeting_id) == []


def test_every_rule_names_a_question_some_questionnaire_asks():
    """A rule about a question no questionnaire asks would never fire."""
    ids = {
        q.id
        for q_id in ("my-review-4-7", "my-review-8-12", "my-review-13-plus")
        for page in get_questionnaire(q_id).pages
        for q in page.questions
    }
    rules = to_dos.rules()
    assert rules.to_dos and rules.checks
    assert all(question in ids for question, _answer, _label in rules.to_dos)
    assert all(question in ids and against in ids for question, against, _label in rules.checks)
