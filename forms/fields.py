"""WTForms fields whose "nothing chosen" means "skipped", not "invalid".

WTForms' choice fields reject an empty submission before any validator runs;
every question here may be skipped unless its definition says otherwise, so
the choice check only applies to something actually sent.
"""

from __future__ import annotations

from typing import Any

from wtforms import RadioField, SelectMultipleField
from wtforms.validators import ValidationError

from forms import messages


class SkippableRadioField(RadioField):
    def pre_validate(self, form: Any) -> None:
        if self.data in (None, ""):
            return
        if self.data not in {choice.value for choice in self.choices}:
            raise ValidationError(str(messages.NOT_A_CHOICE))

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = valuelist[0] if valuelist and valuelist[0] != "" else None


class SkippableCheckboxesField(SelectMultipleField):
    def pre_validate(self, form: Any) -> None:
        allowed = {choice.value for choice in self.choices}
        if any(value not in allowed for value in self.data or []):
            raise ValidationError(str(messages.NOT_A_CHOICE))
