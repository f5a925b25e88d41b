"""The forms of the record of a review: each re-renders with its errors
beside the fields and in the summary, in the reader's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovTextArea, GovTextInput
from wtforms import RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from portal.form_fields import DayField, OptionalDay, PortalForm


class RecordForm(PortalForm):
    summary = TextAreaField(
        _l("Your own summary (optional)"),
        description=_l("Shown after their words, marked as yours. Their words are never changed."),
        widget=GovTextArea(),
        validators=[Length(max=5000, message=_l("Write 5,000 characters or fewer"))],
    )
    attendance = TextAreaField(
        _l("Who attended and how"),
        widget=GovTextArea(),
        validators=[Length(max=5000, message=_l("Write 5,000 characters or fewer"))],
    )
    decisions = TextAreaField(
        _l("Decisions"),
        widget=GovTextArea(),
        validators=[Length(max=10000, message=_l("Write 10,000 characters or fewer"))],
    )
    plan_meets_needs = RadioField(
        _l("Does the plan meet the child's needs?"),
        choices=[
            SelectChoice("yes", _l("Yes")),
            SelectChoice("partly", _l("Partly")),
            SelectChoice("no", _l("No")),
        ],
        widget=GovRadioInput(),
        validators=[Optional()],
    )
    plan_note = TextAreaField(
        _l("Why (optional)"),
        widget=GovTextArea(),
        validators=[Length(max=5000, message=_l("Write 5,000 characters or fewer"))],
    )
    next_review_on = DayField(
        _l("Date of the next review"),
        _l("Enter the date of the next review as a real date, for example 27 3 2027"),
        validators=[OptionalDay()],
    )


class RecommendationForm(PortalForm):
    text = TextAreaField(
        _l("Recommendation"),
        widget=GovTextArea(),
        validators=[
            InputRequired(message=_l("Write the recommendation")),
            Length(max=2000, message=_l("Write 2,000 characters or fewer")),
        ],
    )
    owner = StringField(
        _l("Who will do it"),
        description=_l("A role or a person, for example: social worker"),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Write who will do it")),
            Length(max=200, message=_l("Write 200 characters or fewer")),
        ],
    )
    due_on = DayField(
        _l("By when"),
        _l("Enter the date it is due as a real date, for example 27 3 2027"),
        validators=[InputRequired(message=_l("Enter the date it is due"))],
    )


class AmendForm(PortalForm):
    reason = TextAreaField(
        _l("Why does the record need to change?"),
        widget=GovTextArea(),
        validators=[
            InputRequired(message=_l("Write why the record needs to change")),
            Length(max=2000, message=_l("Write 2,000 characters or fewer")),
        ],
    )


class StatusForm(PortalForm):
    status = RadioField(
        _l("Status"),
        choices=[
            SelectChoice("open", _l("Not done yet")),
            SelectChoice("done", _l("Done")),
            SelectChoice("not_done", _l("Not done")),
        ],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose a status"))],
    )
