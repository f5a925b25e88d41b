"""Routes for IRO profiles: edit your own, your photo, the letter for a child."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal import audit, db, invitations
from portal.messaging import dispatch, outbox
from portal.models import IroProfile, Meeting, StaffUser, utcnow
from portal.staff import permissions
from portal.staff.profile import TEXT_FIELDS, TRANSLATABLE, profile_form_class
from portal.staff.routes import bp, refuse
from portal.tokens import hash_token, new_token


def _own_profile() -> IroProfile:
    user = permissions.signed_in(db.session(), current_user.id)
    if user.profile is None:
        user.profile = IroProfile(display_name=user.name)
    return user.profile


@bp.route("/profile", methods=["GET", "POST"])
def profile() -> Any:
    db_session = db.session()
    record = _own_profile()
    form_class = profile_form_class()
    if request.method == "POST":
        form = form_class()
        valid = form.validate()
        new_photo = getattr(form.photo, "clean_photo", None)
        if valid and new_photo and not form.photo_alt.data.strip():
            form.photo_alt.errors.append(_("Describe your photo for people who cannot see it"))
            valid = False
        if valid:
            for name in TEXT_FIELDS:
                setattr(record, name, (getattr(form, name).data or "").strip())
            translations = {}
            for code in current_app.config["LANGUAGES"]:
                values = {
                    n: (form[f"{n}_{code}"].data or "").strip() for n in TRANSLATABLE if f"{n}_{code}" in form
                }
                if any(values.values()):
                    translations[code] = values
            record.translations = translations
            if new_photo:
                record.photo, record.photo_type = new_photo, "image/jpeg"
            audit.record("update_profile", "iro_profile", record.id or "")
            db_session.commit()
            flash(_("Your profile has been saved"), "success")
            return redirect(url_for("staff.profile"))
    else:
        data = {n: getattr(record, n) for n in TEXT_FIELDS}
        for code, values in (record.translations or {}).items():
            data.update({f"{n}_{code}": v for n, v in values.items()})
        form = form_class(data=data)
    db_session.commit()
    return render_template("staff/profile.html", form=form, profile=record)


@bp.get("/profile/photo/<int:user_id>")
def profile_photo(user_id: int) -> Any:
    """An IRO sees only their own photo here; a manager sees any. Others: not found."""
    db_session = db.session()
    target = db_session.get(StaffUser, user_id)
    allowed = current_user.role == "manager" or user_id == current_user.id
    if target is None or not allowed or target.profile is None or not target.profile.photo:
        refuse("read_photo", "staff_user", user_id, "denied" if target and not allowed else "missing")
    return Response(target.profile.photo, mimetype=target.profile.photo_type or "image/jpeg")


def _next_review(child_id: int) -> Meeting | None:
    return (
        db.session()
        .scalars(
            select(Meeting)
            .where(
                Meeting.child_id == child_id,
                Meeting.kind == "looked_after_review",
                Meeting.held_on >= date.today(),
            )
            .order_by(Meeting.held_on)
        )
        .first()
    )


def _child_or_404(child_id: int) -> Any:
    db_session = db.session()
    child = permissions.visible_child(db_session, current_user, child_id)
    if child is None:
        refuse("read_child", "child", child_id)
    return child


@bp.route("/children/<int:child_id>/letter", methods=["GET", "POST"])
def profile_letter(child_id: int) -> Any:
    """A one-page letter: the IRO's profile and a QR code to the child's consultation.
    Only pressing "Make the QR code" (a POST) makes a fresh link, so earlier links for
    that consultation stop working; opening the page changes nothing."""
    import segno

    db_session = db.session()
    child = _child_or_404(child_id)
    meeting = _next_review(child.id)
    qr = link = None
    if meeting is not None and request.method == "POST":
        invitation = invitations.open_invitation(db_session, meeting, "child", None)
        if invitation is None or invitation.submitted_at is not None:
            invitation, _token = invitations.create_invitation(
                db_session, meeting, "child", current_app.config["INVITATION_DAYS"]
            )
        token = new_token()
        invitation.token_hash = hash_token(token)
        link = f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/c/{token}"
        qr = segno.make(link, error="m").svg_inline(scale=4, title=_("QR code to open your consultation"))
        audit.record("print_letter", "child", child.id)
        db_session.commit()
    iro = child.iro or permissions.signed_in(db_session, current_user.id)
    return render_template(
        "staff/letter.html", child=child, meeting=meeting, profile=iro.profile, qr=qr, link=link
    )


@bp.post("/children/<int:child_id>/send-profile")
def send_profile(child_id: int) -> Any:
    db_session = db.session()
    child = _child_or_404(child_id)
    if request.form.get("how") == "post":
        child.profile_sent_at = utcnow()
        audit.record("send_profile", "child", child.id, detail="post")
        db_session.commit()
        flash(_("Recorded: the profile letter was sent by post"), "success")
        return redirect(url_for("staff.caseload"))
    meeting = _next_review(child.id)
    if meeting is None:
        flash(_("Book the child's first review before sending their IRO's profile"), "error")
        return redirect(url_for("staff.caseload"))
    try:
        channel, address = invitations.contact_for(meeting, "child", None)
    except invitations.NoContact:
        flash(_("There is no email address or mobile number to send to. Print a letter instead."), "error")
        return redirect(url_for("staff.profile_letter", child_id=child.id))
    invitation = invitations.open_invitation(db_session, meeting, "child", None)
    if invitation is None:
        invitation, _token = invitations.create_invitation(
            db_session, meeting, "child", current_app.config["INVITATION_DAYS"]
        )
    message = outbox.queue(db_session, "iro_profile", channel, address, invitation=invitation)
    audit.record("send_profile", "child", child.id, detail=channel)
    db_session.commit()
    dispatch.send_soon([message])  # the child's record says "sent" once it has gone
    flash(
        _("Sending the profile now. If it cannot go, it shows on the caseload and is tried again."), "success"
    )
    return redirect(url_for("staff.caseload"))
