"""The service manager's priorities for a year, and how each went."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovTextArea, GovTextInput
from wtforms import RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from portal.form_fields import PortalForm
from portal.labels import PRIORITY_STATUSES


def _status() -> RadioField:
    return RadioField(
        _l("Status"),
        choices=[SelectChoice(value, label) for value, label in PRIORITY_STATUSES.items()],
        default="planned",
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose the priority's status"))],
    )


def _progress() -> TextAreaField:
    return TextAreaField(
        _l("Progress (optional)"),
        widget=GovTextArea(),
        validators=[Length(max=3000, message=_l("Write 3,000 characters or fewer"))],
    )


class PriorityForm(PortalForm):
    year = RadioField(_l("For which year?"), widget=GovRadioInput(), coerce=int)
    title = StringField(
        _l("Priority"),
        widget=GovTextInput(),
        validators=[
            DataRequired(message=_l("Write the priority")),
            Length(max=300, message=_l("Write 300 characters or fewer")),
        ],
    )
    status = _status()
    progress = _progress()


class ProgressForm(PortalForm):
    status = _status()
    progress = _progress()
