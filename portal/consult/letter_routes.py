"""The letter from the chair, as the child opens it through their own link:
in their language, with pictures and read-aloud, and a print layout."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, render_template, url_for
from flask_babel import force_locale

from portal import child_letter as child_letter_module
from portal import db
from portal.consult.routes import bp


@bp.get("/l/<token>")
def child_letter(token: str) -> Any:
    """Reading it changes nothing: link scanners and chat previews open links too."""
    db_session = db.session()
    letter = child_letter_module.letter_by_token(db_session, token)
    if letter is None:
        return render_template("consult/letter_gone.html"), 404
    meeting = letter.record.meeting
    chair = meeting.chair
    with force_locale(letter.language):
        return render_template(
            "consult/letter.html",
            letter=letter,
            meeting=meeting,
            child_name=meeting.child.known_as if meeting.child else "",
            signed_by=child_letter_module.signed_by(chair),
            photo_url=url_for("consult.child_letter_photo", token=token) if _photo(chair) else None,
            picture_path=child_letter_module.picture_path,
            intro=child_letter_module.intro(meeting.held_on),
            next_review=child_letter_module.next_review(letter.record.next_review_on)
            if letter.record.next_review_on
            else "",
            back_url=None,
        )


def _photo(chair: Any) -> bytes | None:
    return chair.profile.photo if chair.profile and chair.profile.photo else None


@bp.get("/l/<token>/photo")
def child_letter_photo(token: str) -> Any:
    letter = child_letter_module.letter_by_token(db.session(), token)
    profile = letter.record.meeting.chair.profile if letter else None
    if profile is None or not profile.photo:
        abort(404)
    return Response(profile.photo, mimetype=profile.photo_type or "image/jpeg")
