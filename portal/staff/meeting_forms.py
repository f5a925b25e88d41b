"""The forms on the meeting page (acknowledging a safeguarding flag,
recording how the child took part) and on the follow-ups page. Each re-renders the page with its errors
beside the field and in the summary, keeping what was typed."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from portal.models import PARTICIPATION_CODES


class AcknowledgeForm(FlaskForm):
    note = TextAreaField(
        _l("What have you done? (for example: spoke to the social worker, made a referral)"),
        validators=[
            DataRequired(message=_l("Write what you have done about this flag")),
            Length(max=2000, message=_l("Write 2,000 characters or fewer")),
        ],
    )


class FollowUpForm(FlaskForm):
    note = TextAreaField(
        _l("What was done"),
        validators=[
            DataRequired(message=_l("Write what was done to follow this up")),
            Length(max=2000, message=_l("Write 2,000 characters or fewer")),
        ],
    )


class ParticipationForm(FlaskForm):
    participation_code = RadioField(
        _l("Participation code (DfE SSDA903)"),
        choices=[SelectChoice(code, code) for code in PARTICIPATION_CODES],
        validators=[InputRequired(message=_l("Choose how the child took part"))],
    )
