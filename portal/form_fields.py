"""The base of every form (PortalForm), and fields that say what is wrong in our
own words, in the reader's language, where WTForms would say "Not a valid date
value" in English."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from werkzeug.datastructures import CombinedMultiDict, ImmutableMultiDict
from wtforms import DateField, Field, IntegerField
from wtforms.validators import Optional, StopValidation

from portal.widgets import DateInput


class PortalForm(FlaskForm):
    """Every form of ours: a file is read only by a file field. (Flask-WTF hands
    every field the files as well as the typed fields, so a file posted under a
    text field's name would reach code expecting text: a server error.)"""

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form: Any, formdata: Any) -> Any:
            wrapped = super().wrap_formdata(form, formdata)
            if not isinstance(wrapped, CombinedMultiDict):
                return wrapped
            files, typed = wrapped.dicts
            kept = [
                (name, upload)
                for name, upload in files.items(multi=True)
                if isinstance(getattr(form, "_fields", {}).get(name), FileField)
            ]
            return CombinedMultiDict((ImmutableMultiDict(kept), typed))


class _OwnWords(Field):
    """What could not be read is explained with the field's own message."""

    invalid: Any

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(str(self.invalid)) from error


class DayField(_OwnWords, DateField):
    """A date typed as day, month and year."""

    def __init__(self, label: Any, invalid: Any, **kwargs: Any) -> None:
        super().__init__(label, widget=DateInput(), format="%d %m %Y", **kwargs)
        self.invalid = invalid


class OptionalDay(Optional):
    """A date in three boxes may be left empty, but only all three: WTForms'
    Optional looks at the first box alone, so a month and year typed with no
    day would be dropped without a word."""

    def __call__(self, form: Any, field: Any) -> None:
        if any(isinstance(part, str) and part.strip() for part in field.raw_data or []):
            return
        field.errors[:] = []
        raise StopValidation()


class WholeNumberField(_OwnWords, IntegerField):
    """A whole number typed in a text box (GOV.UK asks for inputmode, not type=number)."""

    def __init__(self, label: Any, invalid: Any, **kwargs: Any) -> None:
        super().__init__(label, widget=GovTextInput(), **kwargs)
        self.invalid = invalid
