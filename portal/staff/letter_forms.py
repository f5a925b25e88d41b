"""The form for the letter to the child: up to three messages, each a picture
and two short sentences in the chair's words, and the child's language."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovTextArea
from wtforms import FieldList, Form, FormField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from portal import labels, languages
from portal.child_letter import MAX_MESSAGES, MESSAGE_LENGTH, picture_themes
from portal.form_fields import PortalForm

TOO_LONG = _l("Write 300 characters or fewer: a child reads a short sentence more easily")


class MessageForm(Form):
    theme = SelectField(_l("Picture"), widget=GovSelect(), validate_choice=True)
    told = TextAreaField(
        _l("You told me…"),
        description=_l("What the child told you, in words they will understand"),
        widget=GovTextArea(),
        validators=[Length(max=MESSAGE_LENGTH, message=TOO_LONG)],
    )
    happens = TextAreaField(
        _l("What will happen"),
        widget=GovTextArea(),
        validators=[Length(max=MESSAGE_LENGTH, message=TOO_LONG)],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.theme.choices = [SelectChoice(t, labels.theme_label(t)) for t in picture_themes()]


class LetterForm(PortalForm):
    messages = FieldList(FormField(MessageForm), min_entries=MAX_MESSAGES, max_entries=MAX_MESSAGES)
    language = SelectField(
        _l("The child's language"),
        description=_l(
            "The words around yours are in this language. Your own sentences stay as you wrote them."
        ),
        widget=GovSelect(),
        validate_choice=True,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        registry = languages.registry()
        self.language.choices = [
            SelectChoice(
                code, f"{registry[code].english_name} ({registry[code].name})" if code != "en" else "English"
            )
            for code in current_app.config["LANGUAGES"]
            if code in registry
        ]

    def says_something(self) -> bool:
        return any((m.told.data or "").strip() or (m.happens.data or "").strip() for m in self.messages)

    def message_values(self) -> list[dict[str, str]]:
        return [
            {
                "theme": m.theme.data or "",
                "told": (m.told.data or "").strip(),
                "happens": (m.happens.data or "").strip(),
            }
            for m in self.messages
        ]


class SendLetterForm(PortalForm):
    delivery = RadioField(
        _l("How will the child get the letter?"),
        choices=[
            SelectChoice("link", _l("Their own link, to open on a phone or computer (with read-aloud)")),
            SelectChoice("paper", _l("On paper: print it or download the Word file")),
        ],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose how the child will get the letter"))],
    )
