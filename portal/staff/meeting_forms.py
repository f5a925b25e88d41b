"""The forms on the meeting page (acknowledging a safeguarding flag,
recording how the child took part), the follow-ups page and a conference's
feedback link. Each re-renders the page with its errors
beside the field and in the summary, keeping what was typed."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from portal.form_fields import DayField, OptionalDay, PortalForm, WholeNumberField
from portal.labels import CONTACT_WAYS, LATE_REASONS
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


class AcknowledgeForm(PortalForm):
    note = _note(
        _l("What have you done? (for example: spoke to the social worker, made a referral)"),
        _l("Write what you have done about this flag"),
    )


class FollowUpForm(PortalForm):
    note = _note(_l("What was done"), _l("Write what was done to follow this up"))


class ParticipationForm(PortalForm):
    participation_code = RadioField(
        _l("Participation code (DfE SSDA903)"),
        choices=[SelectChoice(code, code) for code in PARTICIPATION_CODES],
        validators=[InputRequired(message=_l("Choose how the child took part"))],
    )


class ContactBeforeForm(PortalForm):
    """How the IRO was in touch with the child before the review, and, when
    the review was late, why: both counted in the annual report."""

    contact_before_how = RadioField(
        _l("How were you in touch with the child before the review?"),
        choices=[SelectChoice(way, label) for way, label in CONTACT_WAYS.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose how you were in touch before the review"))],
    )
    contact_before_on = DayField(
        _l("When?"),
        _l("Enter the date as a real date, for example 27 3 2026"),
        validators=[OptionalDay()],
    )
    late_reason = RadioField(
        _l("Why was the review held after its due date?"),
        choices=[SelectChoice(reason, label) for reason, label in LATE_REASONS.items()],
        widget=GovRadioInput(),
        validators=[Optional()],
    )

    def check_against(self, held_on: date, late: bool) -> bool:
        """The rules that depend on the meeting: a date for any contact, before
        the review; a reason when the review was late."""
        ok = True
        if self.contact_before_how.data != "none":
            when = self.contact_before_on.data
            if when is None and not self.contact_before_on.errors:
                self.contact_before_on.errors = [str(_l("Enter the date you were in touch"))]
            if when is not None and when > held_on:
                self.contact_before_on.errors = [
                    str(_l("The date must be on or before the day of the review"))
                ]
            ok = not self.contact_before_on.errors
        if late and not self.late_reason.data:
            self.late_reason.errors = [str(_l("Choose why the review was late"))]
            ok = False
        return ok


class FeedbackLinkForm(PortalForm):
    """How long a conference's shared feedback link stays open, and for how many."""

    days = WholeNumberField(
        _l("Open for how many days?"),
        _l("Enter a number of days from 1 to 60"),
        default=14,
        validators=[
            InputRequired(message=_l("Enter a number of days from 1 to 60")),
            NumberRange(min=1, max=60, message=_l("Enter a number of days from 1 to 60")),
        ],
    )
    max_responses = WholeNumberField(
        _l("For how many responses at most?"),
        _l("Enter a number of responses from 1 to 50"),
        default=10,
        validators=[
            InputRequired(message=_l("Enter a number of responses from 1 to 50")),
            NumberRange(min=1, max=50, message=_l("Enter a number of responses from 1 to 50")),
        ],
    )
