"""The letter to the child: the chair (or cover) writes it from the record and
sends it by the child's own link or on paper; a manager reads it. Every read
and change is audited. The work is in child_letter.py."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal import audit, child_letter, db
from portal.models import ChildLetter, Meeting, ReviewRecord
from portal.staff import permissions, review_record
from portal.staff.letter_forms import LetterForm, SendLetterForm
from portal.staff.record_routes import _child_name, _download, _review
from portal.staff.routes import bp


def _record(meeting: Meeting) -> ReviewRecord | None:
    return review_record.record_for(db.session(), meeting)


def _may_write() -> bool:
    return review_record.may_write_record(current_user)


def _form_for(letter: ChildLetter | None, record: ReviewRecord) -> LetterForm:
    messages = letter.messages if letter else child_letter.draft_messages(record)
    language = letter.language if letter else child_letter.child_language(db.session(), record.meeting)
    blank = {"theme": "voice", "told": "", "happens": ""}
    padded = [*messages, *(blank for _ in range(child_letter.MAX_MESSAGES))][: child_letter.MAX_MESSAGES]
    return LetterForm(formdata=None, data={"messages": padded, "language": language})


def _show(
    meeting: Meeting,
    record: ReviewRecord,
    letter: ChildLetter | None,
    form: LetterForm | None = None,
    send_form: SendLetterForm | None = None,
    new_link: str | None = None,
    status: int = 200,
) -> Any:
    form = form or _form_for(letter, record)
    send_form = send_form or SendLetterForm(formdata=None)
    child = meeting.child
    child_age = child.age_today if child else 18
    errored = next((f for f in (form, send_form) if f.errors), None)
    return (
        render_template(
            "staff/child_letter.html",
            meeting=meeting,
            record=record,
            letter=letter,
            form=form,
            send_form=send_form,
            errored=errored,
            new_link=new_link,
            child_name=_child_name(meeting),
            child_age=child_age,
            advice=child_letter.advice(letter.messages, child_age) if letter else [],
            may_write=_may_write(),
            picture_path=child_letter.picture_path,
        ),
        status,
    )


@bp.route("/meetings/<int:meeting_id>/letter", methods=["GET", "POST"])
def child_letter_page(meeting_id: int) -> Any:
    db_session = db.session()
    meeting = _review(meeting_id)
    record = _record(meeting)
    if record is None:
        flash(_("Start the record first: the letter is drafted from it."), "error")
        return redirect(url_for("staff.review_record_page", meeting_id=meeting.id))
    letter = child_letter.letter_for(db_session, record)
    if not (_may_write() and (form := LetterForm()).is_submitted()):
        audit.record("read_child_letter", "meeting", meeting.id)
        db_session.commit()
        return _show(meeting, record, letter)
    if not form.validate():
        return _show(meeting, record, letter, form=form, status=400)
    if not form.says_something():
        form.messages[0].told.errors = [_("Write at least one message to the child")]
        return _show(meeting, record, letter, form=form, status=400)
    if letter is None:
        letter = child_letter.start_letter(db_session, record)
    child_letter.save(letter, form.message_values(), form.language.data or "en")
    audit.record("write_child_letter", "child_letter", letter.id)
    db_session.commit()
    flash(_("Saved"), "success")
    return redirect(url_for("staff.child_letter_page", meeting_id=meeting.id, _anchor="send"))


@bp.post("/meetings/<int:meeting_id>/letter/send")
def send_child_letter(meeting_id: int) -> Any:
    db_session = db.session()
    meeting = _review(meeting_id)
    record = _record(meeting)
    letter = child_letter.letter_for(db_session, record) if record else None
    if record is None or letter is None or not _may_write():
        return redirect(url_for("staff.child_letter_page", meeting_id=meeting.id))
    form = SendLetterForm()
    if not form.validate():
        return _show(meeting, record, letter, send_form=form, status=400)
    token = child_letter.send(letter, permissions.signed_in(db_session, current_user.id), form.delivery.data)
    audit.record("send_child_letter", "child_letter", letter.id, detail=form.delivery.data)
    db_session.commit()
    if token is None:
        flash(_("Recorded as sent on paper. Print it or download the Word file below."), "success")
        return redirect(url_for("staff.child_letter_page", meeting_id=meeting.id, _anchor="send"))
    # The link is shown this once: only its hash is kept.
    link = url_for("consult.child_letter", token=token, _external=True)
    return _show(meeting, record, letter, new_link=link)


def _saved_letter(meeting_id: int, kind: str) -> tuple[Meeting, ReviewRecord, ChildLetter]:
    meeting = _review(meeting_id)
    record = _record(meeting)
    letter = child_letter.letter_for(db.session(), record) if record else None
    if record is None or letter is None:
        abort(404)
    audit.record("read_child_letter", "child_letter", letter.id, detail=kind)
    db.session().commit()
    return meeting, record, letter


@bp.get("/meetings/<int:meeting_id>/letter/preview")
def child_letter_preview(meeting_id: int) -> Any:
    """The letter as the child sees it, in their language, to check or print."""
    meeting, _record_, letter = _saved_letter(meeting_id, "preview")
    with force_locale(letter.language):
        return render_template(
            "consult/letter.html",
            letter=letter,
            meeting=meeting,
            child_name=_child_name(meeting),
            signed_by=child_letter.signed_by(meeting.chair),
            photo_url=None,
            picture_path=child_letter.picture_path,
            intro=child_letter.intro(meeting.held_on),
            next_review=child_letter.next_review(_record_.next_review_on) if _record_.next_review_on else "",
            back_url=url_for("staff.child_letter_page", meeting_id=meeting.id),
        )


@bp.get("/meetings/<int:meeting_id>/letter.docx")
def child_letter_word(meeting_id: int) -> Any:
    meeting, _record_, letter = _saved_letter(meeting_id, "word")
    body = child_letter.word(letter, _child_name(meeting), meeting.chair, current_app.static_folder or "")
    return _download(
        body,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        f"letter-{meeting.id}.docx",
    )
