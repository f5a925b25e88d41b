"""A date widget fixed for our needs: govuk-frontend-wtf's GovDateInput
hard-codes English labels and fails on a form posted without the date."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from govuk_frontend_wtf.wtforms_widgets import GovDateInput


class DateInput(GovDateInput):
    def map_gov_params(self, field: Any, **kwargs: Any) -> dict[str, Any]:
        params = super(GovDateInput, self).map_gov_params(field, **kwargs)
        parts: list[str | None] = [None, None, None]
        if field.raw_data and len(field.raw_data) == 3:
            parts = list(field.raw_data)
        elif field.data:
            parts = field.data.strftime("%d %m %Y").split(" ")
        params.setdefault("fieldset", {"legend": {"text": field.label.text}})
        error = " govuk-input--error" if field.errors else ""
        params["items"] = [
            {
                "label": label,
                "id": f"{field.name}-{part}",
                "name": field.name,
                "classes": f"govuk-input--width-{width}{error}",
                "value": value,
            }
            for (part, label, width), value in zip(
                (("day", _("Day"), 2), ("month", _("Month"), 2), ("year", _("Year"), 4)), parts, strict=True
            )
        ]
        return params
