from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, current_app, render_template

bp = Blueprint("public", __name__)


@bp.get("/")
def index() -> Any:
    demo = None
    if current_app.config["DEMO_MODE"]:
        from portal.demo_pages import demo_listing

        demo = demo_listing()
    return render_template("public/index.html", demo=demo)


# When the portal was last tested against WCAG 2.2 AA (see the statement).
LAST_TESTED = date(2026, 11, 22)


@bp.get("/accessibility")
def accessibility() -> Any:
    return render_template("public/accessibility.html", tested_on=LAST_TESTED)


@bp.app_errorhandler(404)
def not_found(_error: Exception) -> Any:
    return render_template("errors/not_found.html"), 404


@bp.app_errorhandler(400)
@bp.app_errorhandler(405)
@bp.app_errorhandler(413)
def bad_request(error: Any) -> Any:
    return render_template("errors/bad_request.html"), getattr(error, "code", 400)


@bp.app_errorhandler(500)
def server_error(_error: Exception) -> Any:
    return render_template("errors/server_error.html"), 500


@bp.get("/healthz")
def health() -> Any:
    """For load balancers and monitors: can this process reach the database? Nothing more."""
    from sqlalchemy import text

    from portal import db

    try:
        db.session().execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - the monitor needs only "not ready"
        return {"status": "unavailable"}, 503
    return {"status": "ok"}


YOU_SAID_YEARS = 2  # what changed in the last two years: recent enough to matter to a child now
YOU_SAID_MOST = 300


@bp.get("/you-said-we-did")
def you_said_we_did() -> Any:
    """What the service changed because of what children and families said,
    by theme, for anyone to read in their language (the frame is translated;
    the council's own sentences are shown as written)."""
    from portal import db
    from portal.public.service import actions_by_theme

    since = date.today().replace(year=date.today().year - YOU_SAID_YEARS, day=1)
    themes = actions_by_theme(db.session(), since, YOU_SAID_MOST)
    return render_template("public/you_said_we_did.html", themes=themes)
