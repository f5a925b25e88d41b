from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, abort, render_template
from flask_login import current_user, login_required

from portal import audit, db
from portal.staff import service

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.get("/")
@login_required
def meetings() -> Any:
    upcoming = service.meetings_chaired_by(db.session(), current_user, date.today())
    return render_template("staff/meetings.html", meetings=upcoming)


@bp.get("/meetings/<int:meeting_id>")
@login_required
def meeting(meeting_id: int) -> Any:
    db_session = db.session()
    found = service.meeting_for_chair(db_session, current_user, meeting_id)
    if found is None:
        # Same answer for "not yours" and "does not exist"; the attempt is on record.
        audit.record("read_meeting", "meeting", meeting_id, outcome="denied")
        db_session.commit()
        abort(404)
    page = service.meeting_page(db_session, found)
    audit.record("read_meeting", "meeting", found.id)
    for view in page.responses:
        audit.record("read_response", "response", view.response.id)
    db_session.commit()
    return render_template("staff/meeting.html", page=page)
