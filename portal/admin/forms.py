from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import BooleanField, RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp

from portal.form_fields import DayField, PortalForm, WholeNumberField

ROLE_CHOICES = [
    SelectChoice("iro", _l("IRO or conference chair")),
    SelectChoice("participation_officer", _l("Participation officer")),
    SelectChoice("manager", _l("Service manager")),
    SelectChoice("business_support", _l("Business support")),
    SelectChoice("admin", _l("Administrator")),
]


def choices(pairs: list[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class InviteUserForm(PortalForm):
    name = StringField(
        _l("Full name"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter their full name")), Length(max=120)],
    )
    email = StringField(
        _l("Work email address"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter their work email address")),
            # The shape only: the set-password link sent to it proves it works.
            Regexp(
                r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Enter an email address like name@council.gov.uk")
            ),
            Length(max=254),
        ],
    )
    role = RadioField(
        _l("Role"),
        choices=ROLE_CHOICES,
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose a role"))],
    )
    team = StringField(_l("Team (optional)"), widget=GovTextInput(), validators=[Length(max=80)])
    submit = SubmitField(_l("Send invitation"), widget=GovSubmitInput())


class UserForm(PortalForm):
    role = RadioField(
        _l("Role"),
        choices=ROLE_CHOICES,
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose a role"))],
    )
    team = StringField(_l("Team"), widget=GovTextInput(), validators=[Length(max=80)])
    fte_percent = WholeNumberField(
        _l("Hours, as a percentage of full time"),
        _l("Enter the hours as a percentage from 0 to 100"),
        description=_l(
            "For IROs: caseloads in the annual report are counted per full-time IRO. 100 is full time."
        ),
        validators=[
            InputRequired(message=_l("Enter the hours as a percentage from 0 to 100")),
            NumberRange(min=0, max=100, message=_l("Enter the hours as a percentage from 0 to 100")),
        ],
    )
    manager_id = SelectField(_l("Manager"), widget=GovSelect(), coerce=str, validate_choice=True)
    active = BooleanField(_l("Account is active"), widget=GovCheckboxInput())
    submit = SubmitField(_l("Save changes"), widget=GovSubmitInput())


class CoverForm(PortalForm):
    covering_id = SelectField(_l("IRO providing cover"), widget=GovSelect(), coerce=str)
    absent_id = SelectField(_l("IRO who is away"), widget=GovSelect(), coerce=str)
    starts_on = DayField(
        _l("From"),
        _l("Enter the first day of cover as a real date, for example 1 4 2026"),
        validators=[InputRequired(message=_l("Enter the first day of cover"))],
    )
    ends_on = DayField(
        _l("To"),
        _l("Enter the last day of cover as a real date, for example 30 4 2026"),
        validators=[InputRequired(message=_l("Enter the last day of cover"))],
    )
    submit = SubmitField(_l("Give cover"), widget=GovSubmitInput())


class ImportForm(PortalForm):
    kind = RadioField(
        _l("What is in the file?"),
        choices=[
            SelectChoice("children", _l("Children")),
            SelectChoice("people", _l("Carers, parents and other people")),
            SelectChoice("meetings", _l("Meetings")),
        ],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose what is in the file"))],
    )
    file = FileField(_l("CSV file"), widget=GovFileInput(), validators=[Optional()])
    submit = SubmitField(_l("Check the file"), widget=GovSubmitInput())
