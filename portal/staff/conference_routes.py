"""Conference feedback: the shared link and QR code for a conference, paper
forms typed in, follow-ups of unhappy parents, and the summary."""

from __future__ import annotations

from datetime import date
from typing import Any

import segno
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from analysis.conference import STATEMENTS, FeedbackRecord, summarise
from forms import get_questionnaire
from forms.builder import answers_from_whole, build_whole_form
from portal import audit, charts, conference_links, db, follow_ups, inputs
from portal.consult import service
from portal.form_fields import PortalForm
from portal.invitations import create_invitation
from portal.models import FollowUp, Invitation, Meeting, Response, StaffUser
from portal.staff import permissions
from portal.staff.meeting_forms import FeedbackLinkForm, FollowUpForm
from portal.staff.routes import _any_meeting, _meeting_or_404, bp


def _conference(meeting_id: int) -> Meeting:
    found = (
        _meeting_or_404(meeting_id) if current_user.role != "business_support" else _any_meeting(meeting_id)
    )
    if found.kind != "cp_conference":
        abort(404)
    return found


@bp.route("/meetings/<int:meeting_id>/feedback-link", methods=["GET", "POST"])
def feedback_link(meeting_id: int) -> Any:
    """Make the conference's feedback link and print its QR code (a new one each time)."""
    meeting = _conference(meeting_id)
    qr = link = None
    form = FeedbackLinkForm()
    if form.is_submitted() and form.validate():
        days, cap = int(form.days.data or 0), int(form.max_responses.data or 0)
        db_session = db.session()
        _record, token = conference_links.create(db_session, meeting, days, cap)
        audit.record("create_feedback_link", "meeting", meeting.id, detail=f"days={days} cap={cap}")
        db_session.commit()
        link = f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/f/{token}"
        qr = segno.make(link, error="m").svg_inline(scale=5, title=_("QR code for the feedback form"))
    return render_template("staff/feedback_link.html", meeting=meeting, qr=qr, link=link, form=form), (
        400 if form.errors else 200
    )


def _paper_form(meeting: Meeting) -> tuple[Any, Any, Any, dict[str, Any]]:
    from portal.invitations import questionnaire_for_meeting

    questionnaire = questionnaire_for_meeting(meeting, "parent")
    context = service.context_for_meeting(meeting)
    form_class, pages = build_whole_form(questionnaire, {**context, "give_name": "yes"}, base=PortalForm)
    return questionnaire, form_class, pages, context


def _has_an_answer(form: Any, answers: dict[str, Any]) -> bool:
    """A blank paper form is not a parent's feedback: it would count in the summary."""
    if any(value not in (None, "", [], {}) for value in answers.values()):
        return True
    first = next(field for field in form if field.name != "csrf_token")
    first.errors = [*first.errors, _("Type in at least one answer from the paper form")]
    return False


@bp.route("/meetings/<int:meeting_id>/paper-feedback", methods=["GET", "POST"])
def paper_feedback(meeting_id: int) -> Any:
    """Business support type in a paper form handed back after a conference."""
    meeting = _conference(meeting_id)
    questionnaire, form_class, pages, context = _paper_form(meeting)
    form = form_class()
    valid = request.method == "POST" and form.validate()
    answers = answers_from_whole(questionnaire, form, context) if valid else {}
    if valid and _has_an_answer(form, answers):
        db_session = db.session()
        invitation, _token = create_invitation(db_session, meeting, "parent", 1, via="paper")
        db_session.flush()
        for page in questionnaire.pages:
            page_answers = {q.id: answers[q.id] for q in page.questions if q.id in answers}
            if page_answers:
                service.save_page(db_session, invitation, page.id, page_answers)
        response = service.submit(
            db_session, service.progress(db_session, invitation), "en", current_app.config
        )
        response.source = "paper"
        audit.record("enter_paper_form", "response", response.id)
        db_session.commit()
        flash(_("The paper form has been saved"), "success")
        return redirect(url_for("staff.paper_feedback", meeting_id=meeting.id))
    return render_template(
        "staff/paper_feedback.html",
        meeting=meeting,
        form=form,
        pages=pages,
        shown={**context, "give_name": "yes"},
    )


@bp.get("/follow-ups", endpoint="follow_ups")
def follow_ups_page() -> Any:
    return _show_follow_ups()


def _show_follow_ups(form: FollowUpForm | None = None, follow_up_id: int | None = None) -> Any:
    """The open follow-ups; after a failed close, again with its error and the note as typed."""
    errors: dict[int, str] = {}
    notes: dict[int, str] = {}
    page_errors: list[dict[str, str]] = []
    if form is not None and follow_up_id is not None:
        notes[follow_up_id] = form.note.data or ""
        if form.note.errors:
            errors[follow_up_id] = str(form.note.errors[0])
            page_errors.append({"text": errors[follow_up_id], "href": f"#note-{follow_up_id}"})
    return render_template(
        "staff/follow_ups.html",
        open=follow_ups.open_for(db.session(), current_user),
        errors=errors,
        notes=notes,
        page_errors=page_errors,
    ), (400 if errors else 200)


@bp.post("/follow-ups/<int:follow_up_id>/close")
def close_follow_up(follow_up_id: int) -> Any:
    db_session = db.session()
    found = db_session.get(FollowUp, follow_up_id)
    if found is None or found.closed_at is not None:
        abort(404)
    form = FollowUpForm()
    if not form.validate():
        return _show_follow_ups(form, found.id)
    note = (form.note.data or "").strip()
    follow_ups.close(found, permissions.signed_in(db_session, current_user.id), note)
    audit.record("close_follow_up", "follow_up", found.id)
    db_session.commit()
    flash(_("Follow-up closed"), "success")
    return redirect(url_for("staff.follow_ups"))


def _period() -> tuple[date, date]:
    today = date.today()
    start_default = date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    return inputs.day(request.args.get("start")) or start_default, inputs.day(
        request.args.get("end")
    ) or today


def feedback_records(db_session: Any, user: StaffUser, start: date, end: date) -> list[FeedbackRecord]:
    """Conference feedback in the period: a chair's own, or every chair's for a manager."""
    query = (
        select(Response, Meeting, FollowUp)
        .join(Invitation, Response.invitation_id == Invitation.id)
        .join(Meeting, Invitation.meeting_id == Meeting.id)
        .outerjoin(FollowUp, FollowUp.response_id == Response.id)
        .where(
            Meeting.kind == "cp_conference",
            Response.questionnaire_id.startswith("cp-feedback"),
            Meeting.held_on >= start,
            Meeting.held_on <= end,
        )
    )
    if user.role != "manager":
        query = query.where(Meeting.chair_id == user.id)
    return [
        FeedbackRecord(
            meeting.conference_type or "",
            response.answers,
            follow_up is not None and follow_up.closed_at is not None,
        )
        for response, meeting, follow_up in db_session.execute(query)
    ]


@bp.get("/conference-feedback")
def conference_summary() -> Any:
    db_session = db.session()
    start, end = _period()
    summary = summarise(feedback_records(db_session, current_user, start, end))
    questionnaire = get_questionnaire("cp-feedback")
    if questionnaire is None:  # the shipped form was removed: nothing to summarise against
        abort(404)
    labels = {q.id: q.label for p in questionnaire.pages for q in p.questions}
    chart = None
    shown = [f for f in summary.statements if f.answered]
    if shown:
        chart = charts.bar_svg_data_uri(
            [_(labels[f.statement]) for f in shown],
            [f.agree_percent or 0 for f in shown],
            _("Parents who agreed, by statement"),
            _("% who agreed"),
        )
    audit.record("read_conference_summary", detail=f"{start}..{end}")
    db_session.commit()
    return render_template(
        "staff/conference_summary.html",
        summary=summary,
        labels=labels,
        start=start,
        end=end,
        chart=chart,
        statements=STATEMENTS,
    )
