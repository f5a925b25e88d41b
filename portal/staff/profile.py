"""IRO profiles: editing one's own, the photo (re-encoded, metadata stripped),
the printable letter with a QR code, and sending the profile to a child."""

from __future__ import annotations

import io
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSubmitInput, GovTextArea, GovTextInput
from PIL import Image, ImageOps, UnidentifiedImageError
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from portal import languages
from portal.form_fields import PortalForm

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_TYPES = {"JPEG", "PNG", "WEBP"}
PHOTO_SIDE = 600
TRANSLATABLE = ("hello", "about", "office_hours")
TEXT_FIELDS = ("display_name", "hello", "about", "languages", "phone", "email", "office_hours", "photo_alt")


class PhotoProblem(ValueError):
    pass


def reencode_photo(data: bytes) -> bytes:
    """A clean JPEG: rotated upright, at most 600 pixels a side, with no EXIF
    (so no GPS position, camera or date) or other metadata carried over."""
    if len(data) > PHOTO_MAX_BYTES:
        raise PhotoProblem(str(_l("The photo must be smaller than 5MB")))
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in PHOTO_TYPES:
                raise PhotoProblem(str(_l("The photo must be a JPG, PNG or WebP")))
            if image.width * image.height > 40_000_000:
                raise PhotoProblem(str(_l("The photo is too large. Use one under 40 megapixels")))
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((PHOTO_SIDE, PHOTO_SIDE))
            clean = Image.new("RGB", upright.size, "white")
            clean.paste(upright.convert("RGBA"), mask=upright.convert("RGBA").split()[-1])
    except Image.DecompressionBombError as error:  # a small file that opens to billions of pixels
        raise PhotoProblem(str(_l("The photo is too large. Use one under 40 megapixels"))) from error
    except (UnidentifiedImageError, OSError) as error:
        raise PhotoProblem(str(_l("The file is not a photo we can read. Use a JPG, PNG or WebP"))) from error
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


def _photo_ok(_form: Any, field: FileField) -> None:
    upload = field.data
    if upload and getattr(upload, "filename", ""):
        try:
            field.clean_photo = reencode_photo(upload.read())
        except PhotoProblem as problem:
            raise ValidationError(str(problem)) from problem


def profile_form_class() -> type[PortalForm]:
    """The profile form, with a set of the translatable fields for each other language."""
    attributes: dict[str, Any] = {
        "display_name": StringField(
            _l("Your name, as children will see it"),
            widget=GovTextInput(),
            validators=[InputRequired(message=_l("Enter your name")), Length(max=120)],
        ),
        "hello": TextAreaField(
            _l("Say hello, in plain words a child can read"),
            widget=GovTextArea(),
            validators=[Optional(), Length(max=600, message=_l("Use 600 characters or fewer"))],
        ),
        "about": TextAreaField(
            _l("One or two things about you (optional)"),
            widget=GovTextArea(),
            validators=[Optional(), Length(max=400, message=_l("Use 400 characters or fewer"))],
        ),
        "languages": StringField(
            _l("Languages you speak"), widget=GovTextInput(), validators=[Length(max=200)]
        ),
        "phone": StringField(_l("Work phone"), widget=GovTextInput(), validators=[Length(max=40)]),
        "email": StringField(_l("Work email"), widget=GovTextInput(), validators=[Length(max=254)]),
        "office_hours": StringField(_l("Office hours"), widget=GovTextInput(), validators=[Length(max=200)]),
        "photo": FileField(
            _l("Photo (optional)"),
            widget=GovFileInput(),
            validators=[_photo_ok],
            description=_l("A JPG, PNG or WebP under 5MB. We remove its location and other details."),
        ),
        "photo_alt": StringField(
            _l("Describe your photo for people who cannot see it"),
            widget=GovTextInput(),
            validators=[Length(max=300)],
            description=_l("For example: Priya smiling, with short dark hair and glasses"),
        ),
        "submit": SubmitField(_l("Save profile"), widget=GovSubmitInput()),
    }
    for code in current_app.config["LANGUAGES"]:
        if code == "en":
            continue
        for name in TRANSLATABLE:
            attributes[f"{name}_{code}"] = TextAreaField(
                _l(
                    "%(field)s, in %(language)s",
                    field=name.replace("_", " ").capitalize(),
                    language=languages.english_name(code),
                ),
                widget=GovTextArea(),
                validators=[Optional(), Length(max=600)],
            )
    return type("ProfileForm", (PortalForm,), attributes)


def localised(profile: Any, field: str, locale: str) -> str:
    """A profile text in the reader's language when the IRO has written one."""
    translated = (profile.translations or {}).get(locale, {}).get(field)
    return translated or getattr(profile, field)
