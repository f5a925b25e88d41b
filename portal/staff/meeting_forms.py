"""The forms on the meeting page (acknowledging a safeguarding flag,
recording how the child took part), the follow-ups page and a conference's
feedback link. Each re-renders the page with its errors
beside the field and in the summary, keeping what was typed."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import IntegerField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from portal.models import PARTICIPATION_CODES


def _note(label: Any, missing: Any) -> TextAreaField:
    """A required note of at most 2,000 characters, each error in its own words."""
    return TextAreaField(
        label,
        validators=[
            DataRequired(message=missing),
            Length(max=2000, message=_l("Write 2,000 characters or fewer")),
        ],
    )


class AcknowledgeForm(FlaskForm):
    note = _note(
        _l("What have you done? (for example: spoke to the social worker, made a referral)"),
        _l("Write what you have done about this flag"),
    )


class FollowUpForm(FlaskForm):
    note = _note(_l("What was done"), _l("Write what was done to follow this up"))


class ParticipationForm(FlaskForm):
    participation_code = RadioField(
        _l("Participation code (DfE SSDA903)"),
        choices=[SelectChoice(code, code) for code in PARTICIPATION_CODES],
        validators=[InputRequired(message=_l("Choose how the child took part"))],
    )


class FeedbackLinkForm(FlaskForm):
    """How long a conference's shared feedback link stays open, and for how many."""

    days = IntegerField(
        _l("Open for how many days?"),
        default=14,
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter a number of days from 1 to 60")),
            NumberRange(min=1, max=60, message=_l("Enter a number of days from 1 to 60")),
        ],
    )
    max_responses = IntegerField(
        _l("For how many responses at most?"),
        default=10,
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter a number of responses from 1 to 50")),
            NumberRange(min=1, max=50, message=_l("Enter a number of responses from 1 to 50")),
        ],
    )

    def process_formdata_messages(self) -> None:
        """WTForms' own "Not a valid integer value" becomes our sentence."""
        for field in (self.days, self.max_responses):
            if field.errors and field.data is None and field.raw_data:
                field.errors = [field.validators[0].message]
