"""Routes for IROs and chairs: caseload, meeting page, participation code,
sending consultations. Thin: the work is in caseload.py, service.py,
permissions.py and portal/invitations.py."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, NoReturn

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal import audit, db, follow_ups, inputs, invitations, labels, safeguarding
from portal.messaging import dispatch
from portal.models import (
    PARTICIPATION_CODES,
    Invitation,
    Meeting,
    Person,
    Response,
    SafeguardingFlag,
    StaffUser,
    utcnow,
)
from portal.staff import alerts, caseload, permissions, review_record, service
from portal.staff.meeting_forms import AcknowledgeForm, ContactBeforeForm, ParticipationForm

bp = Blueprint("staff", __name__, url_prefix="/staff")

HOME_BY_ROLE = {
    "iro": "staff.caseload",
    "manager": "staff.caseload",
    "business_support": "admin.home",
    "admin": "admin.home",
    "participation_officer": "insights.explore",
}


@bp.get("/")
def home() -> Any:
    return redirect(url_for(HOME_BY_ROLE.get(current_user.role, "public.index")))


@bp.get("/caseload", endpoint="caseload")
def caseload_page() -> Any:
    db_session = db.session()
    follow_ups_open = follow_ups.open_for(db_session, current_user) if current_user.role == "manager" else []
    show = request.args.get("show", "all")
    chairs = (
        db_session.scalars(
            select(StaffUser).where(StaffUser.role == "iro", StaffUser.active).order_by(StaffUser.name)
        ).all()
        if current_user.role == "manager"
        else []
    )
    asked_for = request.args.get("iro", "")
    wanted_chair = int(asked_for) if asked_for.isdigit() and len(asked_for) < 10 else None
    chair_id = wanted_chair if any(c.id == wanted_chair for c in chairs) else None
    return render_template(
        "staff/caseload.html",
        caseload=caseload.build(
            db_session,
            current_user,
            page=inputs.page_number(request.args.get("page")),
            show=show if show in caseload.SHOW else "all",
            chair_id=chair_id,
            due_page=inputs.page_number(request.args.get("due_page")),
        ),
        open_follow_ups=follow_ups_open,
        chairs=chairs,
    )


def refuse(action: str, object_type: str, object_id: object, outcome: str = "denied") -> NoReturn:
    """The same "not found" for "not yours" and "does not exist"; the attempt goes on record."""
    audit.record(action, object_type, object_id, outcome=outcome)
    db.session().commit()
    abort(404)


def _meeting_or_404(meeting_id: int) -> Meeting:
    db_session = db.session()
    found = permissions.visible_meeting(db_session, current_user, meeting_id)
    if found is None:
        refuse("read_meeting", "meeting", meeting_id)
    return found


@bp.get("/meetings/<int:meeting_id>")
def meeting(meeting_id: int) -> Any:
    return _show_meeting(_meeting_or_404(meeting_id))


def _show_meeting(
    found: Meeting,
    status: int = 200,
    flag_form: AcknowledgeForm | None = None,
    flag_id: int | None = None,
    participation_form: ParticipationForm | None = None,
) -> Any:
    """The meeting page; after a form on it fails, again with that form's
    error beside its field and in the summary, and what was typed kept."""
    db_session = db.session()
    page = service.meeting_page(db_session, found)
    audit.record("read_meeting", "meeting", found.id)
    for view in page.responses:
        audit.record("read_response", "response", view.response.id)
    page_errors: list[dict[str, str]] = []
    flag_errors: dict[int, str] = {}
    flag_notes: dict[int, str] = {}
    if flag_form is not None and flag_id is not None:
        flag_notes[flag_id] = flag_form.note.data or ""
        if flag_form.note.errors:
            flag_errors[flag_id] = str(flag_form.note.errors[0])
            page_errors.append({"text": flag_errors[flag_id], "href": f"#note-{flag_id}"})
    participation_error = ""
    if participation_form is not None and participation_form.participation_code.errors:
        participation_error = str(participation_form.participation_code.errors[0])
        page_errors.append({"text": participation_error, "href": "#participation_code"})
    record, earlier = (
        review_record.this_and_last(db_session, found) if found.kind == "looked_after_review" else (None, [])
    )
    html = render_template(
        "staff/meeting.html",
        page=page,
        record=record,
        record_due=review_record.due_by(found, current_app.config["RECORD_DUE_WORKING_DAYS"]),
        earlier=earlier,
        may_write_record=review_record.may_write_record(current_user),
        recommendation_label=review_record.status_label,
        codes=PARTICIPATION_CODES,
        flag_errors=flag_errors,
        flag_notes=flag_notes,
        child_alerts=alerts.for_child(db_session, found.child_id) if found.child_id else [],
        alert_subject=labels.alert_subject_label,
        alert_stage=labels.alert_stage_label,
        participation_error=participation_error,
        page_errors=page_errors,
    )
    # The reads are audited in the same transaction as the page's queries,
    # committed before the page leaves (one transaction, not two, a reading).
    db_session.commit()
    return html, status


@bp.post("/flags/<int:flag_id>/acknowledge")
def acknowledge_flag(flag_id: int) -> Any:
    db_session = db.session()
    flag = db_session.get(SafeguardingFlag, flag_id)
    if flag is None:
        abort(404)
    meeting_found = _meeting_or_404(flag.response.invitation.meeting_id)
    form = AcknowledgeForm()
    if not form.validate():
        return _show_meeting(meeting_found, 400, flag_form=form, flag_id=flag.id)
    note = (form.note.data or "").strip()
    safeguarding.acknowledge(flag, permissions.signed_in(db_session, current_user.id), note)
    audit.record("acknowledge_flag", "safeguarding_flag", flag.id)
    db_session.commit()
    flash(_("The flag has been acknowledged and your note recorded"), "success")
    return redirect(url_for("staff.meeting", meeting_id=meeting_found.id))


@bp.get("/responses/<int:response_id>")
def response(response_id: int) -> Any:
    db_session = db.session()
    found = db_session.get(Response, response_id)
    meeting_id = found.invitation.meeting_id if found is not None else None
    if (
        found is None
        or meeting_id is None
        or not permissions.visible_meeting(db_session, current_user, meeting_id)
    ):
        refuse("read_response", "response", response_id)
    return redirect(
        url_for("staff.meeting", meeting_id=found.invitation.meeting_id, _anchor=f"response-{found.id}")
    )


@bp.post("/meetings/<int:meeting_id>/participation")
def record_participation(meeting_id: int) -> Any:
    db_session = db.session()
    found = _meeting_or_404(meeting_id)
    form = ParticipationForm()
    if found.held_on > date.today():  # offered only after the review: nothing to record yet
        return redirect(url_for("staff.meeting", meeting_id=found.id, _anchor="participation"))
    if not form.validate():
        return _show_meeting(found, 400, participation_form=form)
    code = form.participation_code.data or ""
    previous = found.participation_code or ""
    found.participation_code = code
    found.participation_recorded_at = utcnow()
    found.participation_recorded_by_id = current_user.id
    audit.record("record_participation", "meeting", found.id, detail=f"{previous}->{code}")
    db_session.commit()
    flash(_("Participation code %(code)s recorded", code=code), "success")
    return redirect(url_for("staff.meeting", meeting_id=found.id))


@bp.route("/meetings/<int:meeting_id>/contact", methods=["GET", "POST"])
def record_contact(meeting_id: int) -> Any:
    """The IRO's contact with the child before the review, and why a late
    review was late: a page of its own, one thing to do, which the meeting
    page links to (and so does not build a form on every reading)."""
    db_session = db.session()
    found = _meeting_or_404(meeting_id)
    if found.kind != "looked_after_review" or found.child is None:
        abort(404)
    due_on = service.review_due_on(db_session, found)
    late = service.held_late(found, due_on)
    if request.method == "GET":
        recorded = {
            "contact_before_how": found.contact_before_how,
            "contact_before_on": found.contact_before_on,
            "late_reason": found.late_reason,
        }
        return _contact_page(found, ContactBeforeForm(data=recorded), due_on, late)
    form = ContactBeforeForm()
    valid = form.validate()
    if not (form.check_against(found.held_on, late) and valid):
        return _contact_page(found, form, due_on, late, 400)
    found.contact_before_how = form.contact_before_how.data
    found.contact_before_on = form.contact_before_on.data if found.contact_before_how != "none" else None
    found.late_reason = form.late_reason.data if late else None
    audit.record("record_contact_before", "meeting", found.id, detail=found.contact_before_how or "")
    db_session.commit()
    flash(_("Your contact before the review is recorded"), "success")
    return redirect(url_for("staff.meeting", meeting_id=found.id, _anchor="contact-before"))


def _contact_page(
    found: Meeting, form: ContactBeforeForm, due_on: date | None, late: bool, status: int = 200
) -> Any:
    page = render_template("staff/contact_before.html", meeting=found, form=form, due_on=due_on, late=late)
    return page, status


def _person(meeting: Meeting, person_id: str | None) -> Person | None:
    if not person_id:
        return None
    person = db.session().get(Person, int(person_id)) if person_id.isdigit() else None
    if person is None or meeting.child is None or person.child_id != meeting.child.id:
        abort(404)
    return person


def _send(meeting: Meeting, audience: str, person: Person | None) -> None:
    try:
        message = invitations.send(db.session(), meeting, audience, person, current_app.config)
    except invitations.NoContact:
        flash(_("There is no email address or mobile number to send to. Print a letter instead."), "error")
        return
    except invitations.NoQuestionnaire:
        flash(_("There is no consultation for this person at this age."), "error")
        return
    audit.record("send_invitation", "invitation", message.invitation_id or "")
    db.session().commit()
    dispatch.send_soon([message])
    flash(_("Sending now. If it cannot go, it shows on the caseload and is tried again."), "success")


@bp.post("/meetings/<int:meeting_id>/invitations")
def send_invitation(meeting_id: int) -> Any:
    found = (
        _meeting_or_404(meeting_id) if current_user.role != "business_support" else _any_meeting(meeting_id)
    )
    audience = request.form.get("audience", "")
    if audience not in ("child", "carer", "parent"):
        abort(400)
    _send(found, audience, _person(found, request.form.get("person_id")))
    return redirect(
        request.form.get("back") == "caseload"
        and url_for("staff.caseload")
        or url_for("staff.meeting", meeting_id=found.id, _anchor="consultations")
    )


def _any_meeting(meeting_id: int) -> Meeting:
    """Business support send invitations for the whole service but never read responses."""
    found = db.session().get(Meeting, meeting_id)
    if found is None:
        abort(404)
    return found


def _invitation_or_404(invitation_id: int) -> Invitation:
    found = db.session().get(Invitation, invitation_id)
    if found is None:
        abort(404)
    if current_user.role != "business_support":
        _meeting_or_404(found.meeting_id)
    return found


@bp.post("/invitations/<int:invitation_id>/resend")
def resend_invitation(invitation_id: int) -> Any:
    found = _invitation_or_404(invitation_id)
    _send(found.meeting, found.audience, found.person)
    return redirect(url_for("staff.meeting", meeting_id=found.meeting_id, _anchor="consultations"))


@bp.post("/invitations/<int:invitation_id>/revoke")
def revoke_invitation(invitation_id: int) -> Any:
    found = _invitation_or_404(invitation_id)
    invitations.revoke(found)
    audit.record("revoke_invitation", "invitation", found.id)
    db.session().commit()
    flash(_("The link has been withdrawn. It no longer works."), "success")
    return redirect(url_for("staff.meeting", meeting_id=found.meeting_id, _anchor="consultations"))


@bp.route("/send-upcoming", methods=["GET", "POST"])
def bulk_send() -> Any:
    """Send every consultation not yet sent for meetings in the next N days."""
    db_session = db.session()
    days = request.values.get("days", "21")
    days_ahead = int(days) if days.isdigit() and 1 <= int(days) <= 90 else 21
    scope = (
        permissions.meeting_filter(db_session, current_user)
        if current_user.role != "business_support"
        else None
    )
    query = select(Meeting).where(
        Meeting.kind == "looked_after_review",
        Meeting.held_on >= date.today(),
        Meeting.held_on <= date.today() + timedelta(days=days_ahead),
    )
    meetings = db_session.scalars(query.where(scope) if scope is not None else query).all()
    to_send = [
        (m, row)
        for m in meetings
        for row in caseload.consultation_states(m, list(_invitations(m)))
        if row.status in ("not_sent", "expired")
    ]
    if request.method == "POST":
        queued = []
        no_contact = no_questionnaire = 0
        for meeting_row, row in to_send:
            try:
                queued.append(
                    invitations.send(db_session, meeting_row, row.audience, row.person, current_app.config)
                )
            except invitations.NoContact:
                no_contact += 1
            except invitations.NoQuestionnaire:
                no_questionnaire += 1
        audit.record(
            "bulk_send",
            detail=f"days={days_ahead} queued={len(queued)} "
            f"no_contact={no_contact} no_questionnaire={no_questionnaire}",
        )
        db_session.commit()
        dispatch.send_soon(queued)
        flash(
            _(
                "Sending %(sent)d now; any that cannot go show on the caseload and are tried again. "
                "No email or mobile number: %(none)d. No consultation for their age: %(young)d.",
                sent=len(queued),
                none=no_contact,
                young=no_questionnaire,
            ),
            "success",
        )
        return redirect(url_for("staff.bulk_send", days=days_ahead))
    return render_template("staff/bulk_send.html", days=days_ahead, to_send=to_send)


def _invitations(meeting: Meeting) -> list[Invitation]:
    return list(db.session().scalars(select(Invitation).where(Invitation.meeting_id == meeting.id)))
