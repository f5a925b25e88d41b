"""Demo-only routes: registered by the app factory only when DEMO_MODE is on,
so one-click sign-in cannot exist in a real deployment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, redirect, url_for

from portal import db
from portal.auth.routes import start_staff_session
from portal.demo import DemoSeed
from portal.models import StaffUser

bp = Blueprint("demo", __name__, url_prefix="/demo")


def demo_listing() -> DemoSeed | None:
    return DemoSeed.load(Path(current_app.instance_path))


@bp.post("/sign-in-as/<int:user_id>")
def sign_in_as(user_id: int) -> Any:
    if not current_app.config["DEMO_MODE"]:  # belt and braces
        abort(404)
    user = db.session().get(StaffUser, user_id)
    if user is None:
        abort(404)
    start_staff_session(user)
    return redirect(url_for("staff.meetings"))
