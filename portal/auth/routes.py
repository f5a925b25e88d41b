from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, redirect, render_template, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, login_required, login_user, logout_user
from sqlalchemy import func, select

from portal import audit, db
from portal.auth.forms import SignInForm
from portal.models import StaffUser
from portal.passwords import verify_password

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.login_view = "auth.sign_in"
login_manager.login_message = _l("Sign in to see this page.")
login_manager.session_protection = "strong"


def init_app(app: Flask) -> None:
    login_manager.init_app(app)


@login_manager.user_loader
def load_user(user_id: str) -> StaffUser | None:
    user = db.session().get(StaffUser, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.active else None


def start_staff_session(user: StaffUser) -> None:
    """A fresh session at sign-in, so nothing from before (a child's link) carries over."""
    session.clear()
    login_user(user)
    audit.record("sign_in", "staff_user", user.id)
    db.session().commit()


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> Any:
    form = SignInForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        user = db.session().scalar(select(StaffUser).where(func.lower(StaffUser.email) == email))
        # Always verify, even for an unknown email, so both take the same time.
        if verify_password(user.password_hash if user else None, form.password.data) and user and user.active:
            start_staff_session(user)
            return redirect(url_for("staff.meetings"))
        # One message whether or not the account exists.
        form.email.errors.append(_l("Enter a correct email address and password"))
    return render_template("auth/sign_in.html", form=form)


@bp.post("/sign-out")
@login_required
def sign_out() -> Any:
    audit.record("sign_out")
    db.session().commit()
    logout_user()
    session.clear()
    return redirect(url_for("auth.signed_out"))


@bp.get("/signed-out")
def signed_out() -> Any:
    return render_template("auth/signed_out.html")
