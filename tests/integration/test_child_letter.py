"""The letter to the child after their review: drafted from the record, at most
three messages with pictures, in the child's language around the chair's own
untranslated words; read by the child through their own link or on paper;
reading-age advice that never blocks; who may write and read it; the figures."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

from docx import Document
from sqlalchemy import select

from portal.consult import service
from portal.invitations import create_invitation
from portal.models import AuditEvent, ChildLetter
from portal.report import record_figures
from tests.integration.test_review_record import past_review, soup_of
from tests.support import factories
from tests.support.staff import sign_in

TOLD = ["You want to see your brother Sam more.", "You like your new school.", "You feel safe at home."]
HAPPENS = [
    "You will see Sam every other Saturday.",
    "You will stay at the same school.",
    "Jo will check in with you each month.",
]
HARD = (
    "The local authority will undertake a comprehensive assessment of the appropriateness of the "
    "current arrangements in consultation with the relevant professionals."
)


def review_with_record(client, db_session, chair, language: str = "en", age: int = 9):  # type: ignore[no-untyped-def]
    """A review held three days ago, the child's consultation sent back in ``language``,
    and its record started by the chair (who is signed in)."""
    meeting = past_review(db_session, chair, age)
    invitation, _ = create_invitation(db_session, meeting, "child", 28)
    db_session.commit()
    state = service.progress(db_session, invitation)
    for page in state.questionnaire.pages:
        answers = {
            q.id: "I miss my brother and I like school" for q in page.questions if q.type == "long_text"
        }
        if answers:
            service.save_page(db_session, invitation, page.id, answers)
    service.submit(db_session, service.progress(db_session, invitation), language)
    sign_in(client, db_session, chair)
    url = f"/staff/meetings/{meeting.id}/record"
    assert client.submit_form(url, {"action": "start"}).status_code == 302
    return meeting


def letter_data(told=TOLD, happens=HAPPENS, language="en", themes=("family_time", "education", "safety")):  # type: ignore[no-untyped-def]
    data = {"language": language}
    for i in range(3):
        data[f"messages-{i}-theme"] = themes[i]
        data[f"messages-{i}-told"] = told[i]
        data[f"messages-{i}-happens"] = happens[i]
    return data


def send_by_link(client, meeting) -> str:  # type: ignore[no-untyped-def]
    token = client.csrf_token(f"/staff/meetings/{meeting.id}/letter")
    sent = client.post(
        f"/staff/meetings/{meeting.id}/letter/send", data={"csrf_token": token, "delivery": "link"}
    )
    assert sent.status_code == 200
    link = soup_of(sent).find("input", id="letter-link")["value"]
    return re.sub(r"^https?://[^/]+", "", link)


def test_the_letter_starts_from_the_record_in_the_language_the_child_used(client, db_session):
    chair = factories.iro(db_session)
    meeting = review_with_record(client, db_session, chair, language="cy")
    page = soup_of(client.get(f"/staff/meetings/{meeting.id}/letter"))
    assert page.find("select", id="language").find("option", selected=True)["value"] == "cy"
    # The draft starts from the child's own words and nothing is stored until it is saved.
    assert "I miss my brother" in page.find("textarea", id="messages-0-told").text
    assert db_session.scalar(select(ChildLetter)) is None


def test_the_child_opens_a_three_message_letter_in_welsh_with_pictures_and_read_aloud(client, db_session):
    chair = factories.iro(db_session, name="Ada Reviewer")
    meeting = review_with_record(client, db_session, chair, language="cy")
    saved = client.submit_form(f"/staff/meetings/{meeting.id}/letter", letter_data(language="cy"))
    assert saved.status_code == 302
    link = send_by_link(client, meeting)
    letter = db_session.scalar(select(ChildLetter))
    assert letter.sent_at and letter.delivery == "link" and letter.sent_by_id == chair.id
    before = (letter.sent_at, letter.token_hash, letter.updated_at, letter.messages)
    assert db_session.scalar(select(AuditEvent).where(AuditEvent.action == "send_child_letter"))

    child = client.application.test_client()  # the child's own phone: no staff session
    opened = child.get(link)
    assert opened.status_code == 200
    html = soup_of(opened)
    assert html.find("html")["lang"] == "cy"
    text = html.get_text(" ")
    assert "Dywedaist ti wrtha i:" in text  # "You told me:" from the catalogue
    for words in (*TOLD, *HAPPENS):  # the chair's own sentences stay as written
        assert words in text
    own = html.find_all(attrs={"data-own-words": True})
    assert len(own) == 6
    pictures = [img["src"] for img in html.select(".app-letter__picture")]
    assert [p.rsplit("/", 1)[-1] for p in pictures] == ["family_time.svg", "education.svg", "safety.svg"]
    assert child.get(pictures[0]).status_code == 200
    assert html.find(attrs={"data-module": "app-read-aloud"}).find("button", attrs={"data-listen": True})
    assert not html.select(".app-language-switcher")
    db_session.expire_all()
    again = db_session.get(ChildLetter, letter.id)
    assert (
        again.sent_at,
        again.token_hash,
        again.updated_at,
        again.messages,
    ) == before  # a GET changes nothing


def test_a_letter_in_arabic_reads_right_to_left_and_a_new_link_retires_the_old(client, db_session):
    chair = factories.iro(db_session)
    meeting = review_with_record(client, db_session, chair, language="ar")
    client.submit_form(f"/staff/meetings/{meeting.id}/letter", letter_data(language="ar"))
    first = send_by_link(client, meeting)
    html = soup_of(client.get(first))
    assert html.find("html")["lang"] == "ar" and html.find("html")["dir"] == "rtl"
    assert "أخبرتني:" in html.get_text(" ")  # "You told me:"
    second = send_by_link(client, meeting)
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    assert client.get("/l/not-a-real-link").status_code == 404


def test_reading_age_advice_shows_for_hard_sentences_and_never_blocks(client, db_session):
    chair = factories.iro(db_session)
    meeting = review_with_record(client, db_session, chair, age=8)
    told = [TOLD[0], HARD, ""]
    saved = client.submit_form(
        f"/staff/meetings/{meeting.id}/letter", letter_data(told=told, happens=HAPPENS)
    )
    assert saved.status_code == 302  # saved, however hard the words
    page = soup_of(client.get(f"/staff/meetings/{meeting.id}/letter"))
    first, second = page.find(id="advice-1").get_text(" "), page.find(id="advice-2").get_text(" ")
    assert "may be hard" not in first
    assert "may be hard" in second and "Reading age about 18" in second


def test_a_message_too_long_is_shown_with_its_error_and_nothing_typed_is_lost(client, db_session):
    chair = factories.iro(db_session)
    meeting = review_with_record(client, db_session, chair)
    long_words = "You told me lots of things. " * 15
    shown = client.submit_form(
        f"/staff/meetings/{meeting.id}/letter", letter_data(told=[long_words, TOLD[1], TOLD[2]])
    )
    assert shown.status_code == 400
    page = soup_of(shown)
    summary = page.select_one(".govuk-error-summary")
    assert summary and summary.find("a", href="#messages-0-told")
    assert page.find(id="messages-0-told-error")
    assert page.find("textarea", id="messages-0-told").text.strip() == long_words.strip()
    assert page.find("textarea", id="messages-1-told").text.strip() == TOLD[1]
    empty = client.submit_form(
        f"/staff/meetings/{meeting.id}/letter", letter_data(told=["", "", ""], happens=["", "", ""])
    )
    assert empty.status_code == 400 and "Write at least one message" in empty.get_data(as_text=True)
    assert db_session.scalar(select(ChildLetter)) is None


def test_on_paper_it_is_recorded_and_the_word_file_holds_the_messages_and_pictures(client, db_session):
    chair = factories.iro(db_session)
    meeting = review_with_record(client, db_session, chair, language="cy")
    client.submit_form(f"/staff/meetings/{meeting.id}/letter", letter_data(language="cy"))
    token = client.csrf_token(f"/staff/meetings/{meeting.id}/letter")
    sent = client.post(
        f"/staff/meetings/{meeting.id}/letter/send", data={"csrf_token": token, "delivery": "paper"}
    )
    assert sent.status_code == 302
    letter = db_session.scalar(select(ChildLetter))
    assert letter.delivery == "paper" and letter.sent_at and letter.token_hash is None
    word = client.get(f"/staff/meetings/{meeting.id}/letter.docx")
    document = Document(io.BytesIO(word.data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Dywedaist ti wrtha i:" in text and all(words in text for words in TOLD)
    assert len(document.inline_shapes) == 3
    preview = soup_of(client.get(f"/staff/meetings/{meeting.id}/letter/preview"))
    assert preview.find("html")["lang"] == "cy" and TOLD[0] in preview.get_text(" ")


def test_the_chair_writes_a_manager_reads_and_another_iro_finds_nothing(client, db_session):
    chair = factories.iro(db_session)
    meeting = review_with_record(client, db_session, chair)
    client.submit_form(f"/staff/meetings/{meeting.id}/letter", letter_data())
    manager = factories.staff(db_session, "manager")
    sign_in(client, db_session, manager)
    page = client.get(f"/staff/meetings/{meeting.id}/letter")
    assert page.status_code == 200 and TOLD[0] not in page.get_data(as_text=True)  # no form to write in
    changed = client.submit_form(
        f"/staff/meetings/{meeting.id}/letter", letter_data(told=["Changed", "", ""])
    )
    assert changed.status_code == 200
    db_session.expire_all()
    assert db_session.scalar(select(ChildLetter)).messages[0]["told"] == TOLD[0]
    assert client.get(f"/staff/meetings/{meeting.id}/letter/preview").status_code == 200
    reads = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "read_child_letter")).all()
    assert any(e.staff_user_id == manager.id for e in reads)
    stranger = factories.iro(db_session, name="Sol Stranger")
    sign_in(client, db_session, stranger)
    for url in ("letter", "letter/preview", "letter.docx"):
        assert client.get(f"/staff/meetings/{meeting.id}/{url}").status_code == 404


def test_letters_sent_count_by_iro_and_month(client, db_session):
    chair = factories.iro(db_session, name="Ada Reviewer")
    meeting = review_with_record(client, db_session, chair)
    client.submit_form(f"/staff/meetings/{meeting.id}/letter", letter_data())
    start, end = date.today() - timedelta(days=30), date.today()
    before = {r.label: r.letters for r in record_figures.by_iro(db_session, start, end)}
    assert before["Ada Reviewer"] == 0  # written is not sent
    send_by_link(client, meeting)
    after = {r.label: r.letters for r in record_figures.by_iro(db_session, start, end)}
    assert after["Ada Reviewer"] == 1
    assert sum(r.letters for r in record_figures.by_month(db_session, start, end)) == 1
