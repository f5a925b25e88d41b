"""The record of a review: the chair (or the IRO covering) writes it after the
meeting from what the child and their family said; a manager reads it. Every
read and change goes on the audit record. The work is in review_record.py."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import audit, db, inputs, labels
from portal.models import Meeting, Recommendation, ReviewRecord
from portal.report import record_figures as figures
from portal.report.model import year_bounds, year_label, year_of
from portal.staff import permissions, review_record, service
from portal.staff.record_forms import AmendForm, RecommendationForm, RecordForm, StatusForm
from portal.staff.routes import _meeting_or_404, bp, refuse


def _child_name(meeting: Meeting) -> str:
    child = meeting.child
    return (child.preferred_name or child.first_name) if child else _("the child")


def _due_days() -> int:
    return int(current_app.config["RECORD_DUE_WORKING_DAYS"])


def _review(meeting_id: int) -> Meeting:
    found = _meeting_or_404(meeting_id)
    if found.kind != "looked_after_review":
        abort(404)
    return found


def _writable(meeting: Meeting, record: ReviewRecord | None) -> bool:
    return (
        review_record.may_write_record(current_user)
        and meeting.held_on <= date.today()
        and (record is None or record.finished_at is None)
    )


def _show(
    meeting: Meeting,
    record: ReviewRecord | None,
    form: RecordForm | None = None,
    recommendation_form: RecommendationForm | None = None,
    amend_form: AmendForm | None = None,
    status: int = 200,
    draft: list[dict[str, Any]] | None = None,
) -> Any:
    if record is not None and form is None:
        form = RecordForm(
            formdata=None,
            summary=review_record.chair_words(record),
            attendance=record.attendance,
            decisions=record.decisions,
            plan_meets_needs=record.plan_meets_needs or None,
            plan_note=record.plan_note,
            next_review_on=record.next_review_on,
        )
    forms = [f for f in (form, recommendation_form, amend_form) if f is not None and f.errors]
    return (
        render_template(
            "staff/record.html",
            meeting=meeting,
            record=record,
            draft=draft,
            child_name=_child_name(meeting),
            form=form,
            recommendation_form=recommendation_form or RecommendationForm(formdata=None),
            amend_form=amend_form or AmendForm(formdata=None),
            writable=_writable(meeting, record),
            held=meeting.held_on <= date.today(),
            may_write=review_record.may_write_record(current_user),
            due_by=(
                record.due_on if record and record.due_on else review_record.due_by(meeting, _due_days())
            ),
            in_time=review_record.finished_in_time(record, _due_days()) if record else None,
            views_text=review_record.views_text(record, _child_name(meeting))
            if record and record.finished_at
            else "",
            who_said=review_record.who_said,
            plan_label=review_record.plan_label,
            recommendation_label=review_record.status_label,
            errored=forms[0] if forms else None,
        ),
        status,
    )


@bp.route("/meetings/<int:meeting_id>/record", methods=["GET", "POST"])
def review_record_page(meeting_id: int) -> Any:
    db_session = db.session()
    meeting = _review(meeting_id)
    record = review_record.record_for(db_session, meeting)
    if request.method == "GET":
        # Opening it stores nothing: before it is started the draft is only shown.
        draft = None
        if record is None and _writable(meeting, None):
            draft = review_record.draft_views(service.meeting_page(db_session, meeting))
        audit.record("read_review_record", "meeting", meeting.id)
        db_session.commit()
        return _show(meeting, record, draft=draft)
    if not _writable(meeting, record):
        return redirect(url_for("staff.review_record_page", meeting_id=meeting.id))
    if record is None:
        page = service.meeting_page(db_session, meeting)
        record = review_record.start_record(db_session, meeting, page, _due_days())
        audit.record("draft_review_record", "review_record", record.id)
        if request.form.get("action") == "start":
            db_session.commit()
            return redirect(url_for("staff.review_record_page", meeting_id=meeting.id))
    form = RecordForm()
    finishing = request.form.get("action") == "finish"
    valid = form.validate()
    complete = _complete(form) if finishing else True  # both kinds of error show at once
    if valid:
        _save(record, form)
        if finishing and complete:
            review_record.finish(record, permissions.signed_in(db_session, current_user.id))
            audit.record("finish_review_record", "review_record", record.id)
            db_session.commit()
            flash(_("The record is finished. It can now be downloaded."), "success")
            return redirect(url_for("staff.review_record_page", meeting_id=meeting.id))
        audit.record("write_review_record", "review_record", record.id)
        db_session.commit()
        if not finishing:
            flash(_("Saved"), "success")
            return redirect(url_for("staff.review_record_page", meeting_id=meeting.id))
    # Not finished: what was typed is saved when it can be, and shown again with its errors.
    return _show(meeting, record, form=form, status=400)


def _save(record: ReviewRecord, form: RecordForm) -> None:
    kept = {int(v) for v in request.form.getlist("kept") if v.isdigit()}
    review_record.keep_only(record, kept)
    review_record.set_chair_words(record, form.summary.data or "")
    record.attendance = (form.attendance.data or "").strip()
    record.decisions = (form.decisions.data or "").strip()
    record.plan_meets_needs = form.plan_meets_needs.data or ""
    record.plan_note = (form.plan_note.data or "").strip()
    record.next_review_on = form.next_review_on.data
    review_record.touch(record)


def _complete(form: RecordForm) -> bool:
    """Finishing needs the answer about the plan and the next review's date."""
    if not form.plan_meets_needs.data:
        form.plan_meets_needs.errors = [_("Choose whether the plan meets the child's needs")]
    if form.next_review_on.data is None and not form.next_review_on.errors:
        form.next_review_on.errors = [_("Enter the date of the next review")]
    return not (form.plan_meets_needs.errors or form.next_review_on.errors)


@bp.post("/meetings/<int:meeting_id>/record/recommendations")
def add_recommendation(meeting_id: int) -> Any:
    db_session = db.session()
    meeting = _review(meeting_id)
    record = review_record.record_for(db_session, meeting)
    if record is None or not _writable(meeting, record):
        return redirect(url_for("staff.review_record_page", meeting_id=meeting.id))
    form = RecommendationForm()
    if not form.validate():
        return _show(meeting, record, recommendation_form=form, status=400)
    added = review_record.add_recommendation(record, form.text.data, form.owner.data, form.due_on.data)
    db_session.flush()
    audit.record("add_recommendation", "recommendation", added.id)
    db_session.commit()
    flash(_("Recommendation added"), "success")
    return redirect(url_for("staff.review_record_page", meeting_id=meeting.id, _anchor="recommendations"))


def _recommendation(recommendation_id: int, action: str) -> Recommendation:
    """The recommendation, if its review is one this person may see; else "not found", audited."""
    db_session = db.session()
    found = db_session.get(Recommendation, recommendation_id)
    meeting_id = found.record.meeting_id if found is not None else None
    if (
        found is None
        or meeting_id is None
        or not permissions.visible_meeting(db_session, current_user, meeting_id)
    ):
        refuse(action, "recommendation", recommendation_id)
    return found


def _back(recommendation: Recommendation) -> Any:
    """Back to the meeting page it was changed from (the next review's), else to its record."""
    back = request.form.get("back", type=int)
    if back and permissions.visible_meeting(db.session(), current_user, back):
        return redirect(url_for("staff.meeting", meeting_id=back, _anchor="last-recommendations"))
    meeting_id = recommendation.record.meeting_id
    return redirect(url_for("staff.review_record_page", meeting_id=meeting_id, _anchor="recommendations"))


@bp.post("/recommendations/<int:recommendation_id>/status")
def recommendation_status(recommendation_id: int) -> Any:
    """Mark a recommendation done or not, from the next meeting's page or the record."""
    found = _recommendation(recommendation_id, "recommendation_status")
    form = StatusForm()
    if form.validate():
        review_record.set_status(found, form.status.data)
        audit.record("recommendation_status", "recommendation", found.id, detail=form.status.data)
        db.session().commit()
        flash(_("Status changed"), "success")
    else:
        flash(_("Choose a status"), "error")
    return _back(found)


@bp.post("/recommendations/<int:recommendation_id>/alert")
def raise_practice_alert(recommendation_id: int) -> Any:
    """A late recommendation raised as a practice alert (the informal first
    stage of dispute resolution) in one step, from the next review's page."""
    db_session = db.session()
    found = _recommendation(recommendation_id, "raise_practice_alert")
    if found.record.meeting.child_id is None:
        abort(404)
    if not found.alerts:  # a second tap raises nothing more
        alert = review_record.raise_alert(found, permissions.signed_in(db_session, current_user.id))
        db_session.add(alert)
        db_session.flush()
        audit.record("raise_practice_alert", "practice_alert", alert.id)
        db_session.commit()
        flash(_("Practice alert raised. Your manager can see it."), "success")
    return _back(found)


@bp.post("/meetings/<int:meeting_id>/record/amend")
def amend_record(meeting_id: int) -> Any:
    db_session = db.session()
    meeting = _review(meeting_id)
    record = review_record.record_for(db_session, meeting)
    if record is None or record.finished_at is None:
        return redirect(url_for("staff.review_record_page", meeting_id=meeting.id))
    form = AmendForm()
    if not form.validate():
        return _show(meeting, record, amend_form=form, status=400)
    amendment = review_record.amend(
        record, permissions.signed_in(db_session, current_user.id), form.reason.data
    )
    db_session.flush()
    audit.record("amend_review_record", "review_record", record.id, detail=f"amendment {amendment.id}")
    db_session.commit()
    flash(_("The record is open to change. Finish it again when you are done."), "success")
    return redirect(url_for("staff.review_record_page", meeting_id=meeting.id))


def _finished(meeting_id: int, kind: str) -> tuple[Meeting, ReviewRecord]:
    meeting = _review(meeting_id)
    record = review_record.record_for(db.session(), meeting)
    if record is None or record.finished_at is None:
        abort(404)
    audit.record("export_review_record", "review_record", record.id, detail=kind)
    db.session().commit()
    return meeting, record


def _download(body: bytes | str, mimetype: str, name: str) -> Response:
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@bp.get("/meetings/<int:meeting_id>/record.docx")
def record_word(meeting_id: int) -> Any:
    meeting, record = _finished(meeting_id, "word")
    council = current_app.config.get("COUNCIL_NAME", "")
    body = review_record.word(record, council, _child_name(meeting))
    return _download(
        body,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        f"review-record-{meeting.id}.docx",
    )


@bp.get("/meetings/<int:meeting_id>/record.json")
def record_json(meeting_id: int) -> Any:
    _meeting, record = _finished(meeting_id, "json")
    body = json.dumps(review_record.fields(record), ensure_ascii=False, indent=2)
    return _download(body, "application/json", f"review-record-{meeting_id}.json")


@bp.get("/meetings/<int:meeting_id>/record.csv")
def record_csv(meeting_id: int) -> Any:
    _meeting, record = _finished(meeting_id, "csv")
    return _download(review_record.csv_text(record), "text/csv", f"review-record-{meeting_id}.csv")


@bp.get("/records")
def record_figures() -> Any:
    """For managers: records finished in time and recommendations done by their date."""
    today = date.today()
    latest = year_of(today)
    asked = request.args.get("year", type=int)
    year = asked if asked and inputs.sensible_year(asked) and asked <= latest else latest
    start, end = year_bounds(year)
    db_session = db.session()
    audit.record("read_record_figures", detail=str(year))
    db_session.commit()
    return render_template(
        "staff/record_figures.html",
        year=year,
        years=list(range(latest, latest - 6, -1)),
        year_label=year_label,
        so_far=end > today,
        today=today,
        by_iro=figures.by_iro(db_session, start, end, today),
        by_month=figures.by_month(db_session, start, end, today),
        alerts=figures.practice_alerts(db_session, start, end),
        alert_stage=labels.alert_stage_label,
        due_days=_due_days(),
    )
