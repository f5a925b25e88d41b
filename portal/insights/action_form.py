"""The "You said, we did" form: each field's error beside it and in the
summary, in the reader's language, and nothing typed is cut or lost."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovTextArea, GovTextInput
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from portal import labels
from portal.coding import theme_labels
from portal.form_fields import DayField, OptionalDay, PortalForm


def _words(missing: Any) -> list[Any]:
    return [DataRequired(message=missing), Length(max=2000, message=_l("Write 2,000 characters or fewer"))]


class ActionForm(PortalForm):
    theme = SelectField(_l("Theme"), widget=GovSelect(), validate_choice=False)
    period_start = DayField(
        _l("Period from"),
        _l("Enter the start of the period as a real date, for example 1 4 2025"),
        validators=[InputRequired(message=_l("Enter the start of the period"))],
    )
    period_end = DayField(
        _l("Period to"),
        _l("Enter the end of the period as a real date, for example 31 3 2026"),
        validators=[InputRequired(message=_l("Enter the end of the period"))],
    )
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
    due_on = DayField(
        _l("By when (optional)"),
        _l("Enter the date it is due as a real date, for example 27 3 2027"),
        validators=[OptionalDay()],
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
        start, end = self.period_start.data, field.data
        if start and end and end < start:
            raise ValidationError(str(_l("The end must be on or after the start")))
