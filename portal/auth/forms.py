from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import EqualTo, InputRequired, Length, ValidationError

from portal.form_fields import PortalForm

MIN_PASSWORD = 12
# The commonest passwords that pass a length rule; NCSC advice is three random words.
TOO_COMMON = frozenset(
    {
        "password1234",
        "123456789012",
        "qwertyuiopas",
        "passwordpassword",
        "myreview2024",
        "myreview2025",
        "iloveyou1234",
        "welcome12345",
        "letmein12345",
        "changeme1234",
    }
)


class SignInForm(PortalForm):
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter your email address")), Length(max=254)],
    )
    password = PasswordField(
        _l("Password"),
        widget=GovPasswordInput(),
        validators=[InputRequired(message=_l("Enter your password")), Length(max=200)],
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())


class CodeForm(PortalForm):
    code = StringField(
        _l("Code"),
        description=_l("The 6-digit code from your authenticator app, or one of your recovery codes"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter the code from your authenticator app")), Length(max=40)],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class ForgotPasswordForm(PortalForm):
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter your email address")), Length(max=254)],
    )
    submit = SubmitField(_l("Send me a link"), widget=GovSubmitInput())


def _not_common(_form: object, field: PasswordField) -> None:
    if (field.data or "").lower() in TOO_COMMON:
        raise ValidationError(str(_l("This password is too common. Try three random words")))


class SetPasswordForm(PortalForm):
    password = PasswordField(
        _l("New password"),
        description=_l("At least 12 characters. Three random words make a strong password"),
        widget=GovPasswordInput(),
        validators=[
            InputRequired(message=_l("Enter a new password")),
            Length(min=MIN_PASSWORD, max=200, message=_l("Your password must be at least 12 characters")),
            _not_common,
        ],
    )
    confirm = PasswordField(
        _l("Type the password again"),
        widget=GovPasswordInput(),
        validators=[
            InputRequired(message=_l("Type the password again")),
            EqualTo("password", message=_l("The passwords do not match")),
        ],
    )
    submit = SubmitField(_l("Set password"), widget=GovSubmitInput())
