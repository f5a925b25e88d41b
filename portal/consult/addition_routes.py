"""Adding something after sending, until the meeting: one box, kept beside
the answers sent, read by the IRO and checked like every other answer."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovTextArea
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from portal import additions, db
from portal.consult import service
from portal.consult.routes import _current, _link_problem, bp
from portal.form_fields import PortalForm


class AddForm(PortalForm):
    words = TextAreaField(
        _l("What do you want to add?"),
        widget=GovTextArea(),
        validators=[
            DataRequired(message=_l("Write what you want to add")),
            Length(max=additions.LENGTH, message=_l("Write 2,000 characters or fewer")),
        ],
    )


@bp.route("/consultation/add", methods=["GET", "POST"])
def add() -> Any:
    invitation = _current()
    if invitation is None or invitation.submitted_at is None:
        return _link_problem()
    if not service.may_add(invitation):
        return redirect(url_for("consult.done"))
    form = AddForm()
    if form.validate_on_submit():
        service.add_to_response(db.session(), invitation, form.words.data or "", current_app.config)
        flash(_("Added. It goes with the answers you sent."), "success")
        return redirect(url_for("consult.done", _anchor="added"))
    profile = invitation.meeting.chair.profile
    return render_template("consult/add.html", form=form, invitation=invitation, profile=profile), (
        400 if form.errors else 200
    )
