"""Fields that say what is wrong in our own words, in the reader's language,
where WTForms would say "Not a valid date value" in English."""

from __future__ import annotations

from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import DateField, Field, IntegerField

from portal.widgets import DateInput


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


class WholeNumberField(_OwnWords, IntegerField):
    """A whole number typed in a text box (GOV.UK asks for inputmode, not type=number)."""

    def __init__(self, label: Any, invalid: Any, **kwargs: Any) -> None:
        super().__init__(label, widget=GovTextInput(), **kwargs)
        self.invalid = invalid
