"""The "You said, we did" form: each field's error beside it and in the
summary, in the reader's language, and nothing typed is cut or lost."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovTextArea, GovTextInput
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from portal import inputs, labels
from portal.coding import theme_labels
from portal.form_fields import PortalForm

DAY_PROBLEM = _l("Enter the period as dates like 2025-04-01")


def _a_day(_form: Any, field: Any) -> None:
    if inputs.day(field.data) is None:
        raise ValidationError(str(DAY_PROBLEM))


def _words(missing: Any) -> list[Any]:
    return [DataRequired(message=missing), Length(max=2000, message=_l("Write 2,000 characters or fewer"))]


class ActionForm(PortalForm):
    theme = SelectField(_l("Theme"), widget=GovSelect(), validate_choice=False)
    period_start = StringField(_l("Period from (YYYY-MM-DD)"), widget=GovTextInput(), validators=[_a_day])
    period_end = StringField(_l("Period to (YYYY-MM-DD)"), widget=GovTextInput(), validators=[_a_day])
    you_said = TextAreaField(
        _l("You said"), widget=GovTextArea(), validators=_words(_l("Write what people told you"))
    )
    we_did = TextAreaField(_l("We did"), widget=GovTextArea(), validators=_words(_l("Write what you did")))
    owner = StringField(
        _l("Who answers for it"),
        description=_l("A team or a role, for example: Head of Service, Children in Care"),
        widget=GovTextInput(),
        validators=[
            DataRequired(message=_l("Write who answers for it")),
            Length(max=120, message=_l("Write 120 characters or fewer")),
        ],
    )
    due_on = StringField(
        _l("By when (YYYY-MM-DD, optional)"), widget=GovTextInput(), validators=[Optional(), _a_day]
    )
    status = RadioField(
        _l("Status"),
        choices=[SelectChoice(value, label) for value, label in labels.PRIORITY_STATUSES.items()],
        default="done",
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose how far it has got"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.theme.choices = [SelectChoice("", _l("Choose a theme"))] + [
            SelectChoice(t, labels.theme_label(t)) for t in theme_labels()
        ]

    def validate_theme(self, field: Any) -> None:
        if field.data not in theme_labels():
            raise ValidationError(str(_l("Choose the theme this answers")))

    def validate_period_end(self, field: Any) -> None:
        start, end = inputs.day(self.period_start.data), inputs.day(field.data)
        if start and end and end < start:
            raise ValidationError(str(_l("The end must be on or after the start")))
