"""Practice alerts: raised by the child's IRO from the meeting page, escalated
stage by stage and resolved with an outcome; managers read them all. Every
read and change is audited; an alert on a child one may not see is "not found"."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import audit, db, labels
from portal.models import Meeting, PracticeAlert
from portal.staff import alerts, permissions
from portal.staff.alert_forms import RaiseAlertForm, ResolveAlertForm
from portal.staff.routes import _meeting_or_404, bp, refuse


def _alert(alert_id: int, action: str) -> PracticeAlert:
    db_session = db.session()
    found = db_session.get(PracticeAlert, alert_id)
    if found is None or permissions.visible_child(db_session, current_user, found.child_id) is None:
        refuse(action, "practice_alert", alert_id)
    return found


@bp.route("/meetings/<int:meeting_id>/alerts/new", methods=["GET", "POST"])
def new_practice_alert(meeting_id: int) -> Any:
    meeting: Meeting = _meeting_or_404(meeting_id)
    if meeting.child is None:
        refuse("raise_practice_alert", "meeting", meeting_id)
    form = RaiseAlertForm()
    if form.validate_on_submit():
        db_session = db.session()
        alert = alerts.raise_alert(
            meeting.child,
            form.subject.data or "other",
            form.note.data or "",
            permissions.signed_in(db_session, current_user.id),
        )
        db_session.add(alert)
        db_session.flush()
        audit.record("raise_practice_alert", "practice_alert", alert.id)
        db_session.commit()
        flash(_("Practice alert raised. Your manager can see it."), "success")
        return redirect(url_for("staff.practice_alert", alert_id=alert.id))
    return render_template("staff/alert_new.html", meeting=meeting, form=form), (400 if form.errors else 200)


def _show(alert: PracticeAlert, form: ResolveAlertForm | None = None, status: int = 200) -> Any:
    return render_template(
        "staff/alert.html",
        alert=alert,
        form=form or ResolveAlertForm(formdata=None),
        next_stage=alerts.next_stage(alert),
        stage_label=labels.alert_stage_label,
        subject_label=labels.alert_subject_label,
        may_act=current_user.role == "iro",
    ), status


@bp.get("/alerts/<int:alert_id>")
def practice_alert(alert_id: int) -> Any:
    alert = _alert(alert_id, "read_practice_alert")
    audit.record("read_practice_alert", "practice_alert", alert.id)
    db.session().commit()
    return _show(alert)


@bp.post("/alerts/<int:alert_id>/escalate")
def escalate_practice_alert(alert_id: int) -> Any:
    db_session = db.session()
    alert = _alert(alert_id, "escalate_practice_alert")
    stage = alerts.escalate(alert, permissions.signed_in(db_session, current_user.id))
    if stage is not None:
        audit.record("escalate_practice_alert", "practice_alert", alert.id, detail=stage)
        db_session.commit()
        flash(_("Escalated to: %(stage)s", stage=labels.alert_stage_label(stage)), "success")
    return redirect(url_for("staff.practice_alert", alert_id=alert.id))


@bp.post("/alerts/<int:alert_id>/resolve")
def resolve_practice_alert(alert_id: int) -> Any:
    db_session = db.session()
    alert = _alert(alert_id, "resolve_practice_alert")
    if alert.resolved_at is not None:
        return redirect(url_for("staff.practice_alert", alert_id=alert.id))
    form = ResolveAlertForm()
    if not form.validate():
        return _show(alert, form, 400)
    alerts.resolve(alert, form.outcome.data or "")
    audit.record("resolve_practice_alert", "practice_alert", alert.id)
    db_session.commit()
    flash(_("The practice alert is resolved"), "success")
    return redirect(url_for("staff.practice_alert", alert_id=alert.id))
