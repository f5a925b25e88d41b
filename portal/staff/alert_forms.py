"""Forms for raising and resolving a practice alert: errors beside the field
and in the summary, and what was typed kept."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovTextArea
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from portal.form_fields import PortalForm
from portal.labels import alert_subject_label as subject_label
from portal.models import PRACTICE_ALERT_SUBJECTS

TOO_LONG = _l("Write 2,000 characters or fewer")


class RaiseAlertForm(PortalForm):
    subject = RadioField(
        _l("What is the alert about?"),
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose what the alert is about"))],
    )
    note = TextAreaField(
        _l("What is wrong, and what needs to happen?"),
        widget=GovTextArea(),
        validators=[
            DataRequired(message=_l("Write what is wrong and what needs to happen")),
            Length(max=2000, message=TOO_LONG),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subject.choices = [
            SelectChoice(s, subject_label(s)) for s in PRACTICE_ALERT_SUBJECTS if s != "recommendation"
        ]


class ResolveAlertForm(PortalForm):
    outcome = TextAreaField(
        _l("What was the outcome?"),
        widget=GovTextArea(),
        validators=[DataRequired(message=_l("Write the outcome")), Length(max=2000, message=TOO_LONG)],
    )
