"""Staff sign-in: password, then a second factor (set up on first sign-in),
server-side sessions with idle and absolute time-outs, and password links."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Blueprint, Flask, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user
from sqlalchemy import func, select

from portal import audit, db
from portal.auth import account_links, devices, sessions, throttle
from portal.auth import second_factor as factor
from portal.auth.forms import CodeForm, ForgotPasswordForm, SetPasswordForm, SignInForm
from portal.messaging import dispatch, outbox
from portal.models import OutboundMessage, StaffUser, utcnow
from portal.passwords import hash_password, verify_password
from portal.redirects import local_path

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.login_view = "auth.sign_in"
login_manager.login_message = _l("Sign in to see this page.")

WRONG = _l("Enter a correct email address and password")
THROTTLED = _l("Too many attempts to sign in. Wait 15 minutes, then try again, or reset your password")
RESETS_AN_HOUR = 3


def init_app(app: Flask) -> None:
    login_manager.init_app(app)


@login_manager.request_loader
def load_from_session(_request: Any) -> StaffUser | None:
    """A staff user only once both factors are done, from the server-side session."""
    record = sessions.current()
    return record.staff_user if record is not None and record.second_factor_done else None


@login_manager.unauthorized_handler
def unauthorised() -> Any:
    if g.get("session_timed_out"):
        return redirect(url_for("auth.signed_out", timeout="1"))
    return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))


def _safe_next(target: str | None) -> str:
    return local_path(target, url_for("staff.home"))


def _find(email: str) -> StaffUser | None:
    return db.session().scalar(select(StaffUser).where(func.lower(StaffUser.email) == email.strip().lower()))


def finish_sign_in(user: StaffUser, record: Any) -> None:
    record.second_factor_done = True
    devices.remember(user)
    sessions.rotate(record)
    audit.record("sign_in", "staff_user", user.id, staff_user_id=user.id)
    db.session().commit()


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> Any:
    form = SignInForm()
    if form.validate_on_submit():
        db_session = db.session()
        address = request.remote_addr or ""
        email = form.email.data.strip()
        user = _find(email)
        if throttle.is_throttled(db_session, email, address, devices.known(user)):
            form.email.errors.append(THROTTLED)
        else:
            # Always verify, even for an unknown email, so both take the same time.
            matched = verify_password(user.password_hash if user else None, form.password.data)
            if matched and user is not None and user.active:
                sessions.start(user)
                db_session.commit()
                session["next"] = _safe_next(request.args.get("next"))
                target = "auth.second_factor" if user.totp_confirmed else "auth.set_up_second_factor"
                return redirect(url_for(target))
            throttle.record_failure(db_session, email, address)
            audit.record("sign_in_failed", "staff_user", user.id if user else "", outcome="denied")
            db_session.commit()
            form.email.errors.append(WRONG)
    # Carried through the form, so signing in lands on the page that was asked for.
    wanted = request.args.get("next")
    next_path = local_path(wanted, "") if wanted else ""
    return render_template("auth/sign_in.html", form=form, next_path=next_path)


def _half_signed_in() -> Any:
    record = sessions.current()
    return record if record is not None and not record.second_factor_done else None


@bp.route("/sign-in/code", methods=["GET", "POST"])
def second_factor() -> Any:
    record = _half_signed_in()
    if record is None or not record.staff_user.totp_confirmed:
        return redirect(url_for("auth.sign_in"))
    user = record.staff_user
    form = CodeForm()
    if form.validate_on_submit():
        db_session = db.session()
        code_key = f"second-factor:{user.email}"  # counted apart from wrong passwords
        if throttle.too_many_for(db_session, code_key):
            # Too many wrong codes: start again from the password, after the wait.
            sessions.end()
            db_session.commit()
            return redirect(url_for("auth.sign_in", too_many="1"))
        code = form.code.data
        if factor.code_matches(user, code) or (
            factor.looks_like_recovery_code(code) and factor.use_recovery_code(user, code)
        ):
            finish_sign_in(user, record)
            return redirect(session.pop("next", None) or url_for("staff.home"))
        throttle.record_failure(db_session, code_key, "")
        audit.record("second_factor_failed", "staff_user", user.id, outcome="denied", staff_user_id=user.id)
        db_session.commit()
        form.code.errors.append(_l("The code is not right. Check your authenticator app and try again"))
    return render_template("auth/second_factor.html", form=form)


@bp.route("/sign-in/set-up", methods=["GET", "POST"])
def set_up_second_factor() -> Any:
    record = _half_signed_in()
    if record is None or record.staff_user.totp_confirmed:
        return redirect(url_for("auth.sign_in"))
    user = record.staff_user
    secret = factor.begin_setup(user)
    db.session().commit()
    form = CodeForm()
    if form.validate_on_submit():
        if factor.code_matches(user, form.code.data):
            user.totp_confirmed = True
            codes = factor.new_recovery_codes(user)
            finish_sign_in(user, record)
            # Shown in this response only: never put in a cookie, even a signed one.
            return render_template("auth/recovery_codes.html", codes=codes)
        form.code.errors.append(_l("The code is not right. Check your authenticator app and try again"))
    qr = factor.provisioning_qr(user, current_app.config["COUNCIL_NAME"] + " My Review")
    return render_template("auth/set_up.html", form=form, qr=qr, secret=secret)


@bp.post("/sign-out")
def sign_out() -> Any:
    if current_user.is_authenticated:
        audit.record("sign_out")
    sessions.end()
    db.session().commit()
    return redirect(url_for("auth.signed_out"))


@bp.get("/signed-out")
def signed_out() -> Any:
    return render_template("auth/signed_out.html", timed_out=request.args.get("timeout") == "1")


@bp.post("/keep-alive")
def keep_alive() -> Any:
    """Called by the time-out warning's "stay signed in" button."""
    record = sessions.current()
    if record is None or not record.second_factor_done:
        return {"signed_in": False}, 401
    sessions.touch(record)
    db.session().commit()
    return {"signed_in": True}


@bp.route("/forgot-password", methods=["GET", "POST"])
def forgot_password() -> Any:
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        db_session = db.session()
        user = _find(form.email.data)
        if user is not None and user.active and not _reset_asked_lately(db_session, user):
            message = outbox.queue(db_session, "reset_password", "email", user.email, staff_user=user)
            db_session.commit()
            dispatch.send_soon([message])  # sent in the background: known and unknown take the same time
        # The same page whether or not the address has an account.
        return render_template("auth/reset_sent.html")
    return render_template("auth/forgot_password.html", form=form)


def _reset_asked_lately(db_session: Any, user: StaffUser) -> bool:
    """At most a few reset emails an hour to one person, however often the form is sent."""
    since = utcnow() - timedelta(hours=1)
    asked = db_session.scalar(
        select(func.count()).where(
            OutboundMessage.staff_user_id == user.id,
            OutboundMessage.purpose == "reset_password",
            OutboundMessage.created_at >= since,
        )
    )
    return (asked or 0) >= RESETS_AN_HOUR


@bp.route("/account/password/<token>", methods=["GET", "POST"])
def set_password(token: str) -> Any:
    db_session = db.session()
    link = account_links.usable(db_session, token)
    if link is None:
        return render_template("auth/link_expired.html"), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        user = link.staff_user
        user.password_hash = hash_password(form.password.data)
        account_links.retire_all_for(db_session, user)  # this link, and any older or newer one
        sessions.end_all_for(user)
        audit.record("password_set", "staff_user", user.id, staff_user_id=user.id, detail=link.purpose)
        db_session.commit()
        # The second factor is still asked for at the next sign-in; a link never skips it.
        return redirect(url_for("auth.sign_in", password_set="1"))  # noqa: S106 (a flag, not a password)
    return render_template("auth/set_password.html", form=form, first=link.purpose == "set_password")
