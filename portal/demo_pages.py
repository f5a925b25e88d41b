"""Demo-only routes: registered by the app factory only when DEMO_MODE is on,
so one-click sign-in cannot exist in a real deployment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, redirect, url_for

from portal import audit, db
from portal.auth import sessions
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
    # Demo mode only (this blueprint exists nowhere else): no password, no second factor.
    sessions.start(user, second_factor_done=True)
    audit.record("sign_in", "staff_user", user.id, staff_user_id=user.id, detail="demo one-click")
    db.session().commit()
    return redirect(url_for("staff.home"))
