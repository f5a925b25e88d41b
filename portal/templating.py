"""Template globals and the undefined-value policy."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask, g
from flask.templating import Environment
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import gettext as _
from govuk_frontend_wtf.main import wtforms_errors
from jinja2 import Undefined, pass_context
from jinja2.runtime import Context

from portal.widgets import DateInput


class LoudUndefined(Undefined):
    """Printing a missing value fails (a template typo), while GOV.UK macros
    may still test optional parameters with ``if``."""

    def __str__(self) -> str:
        self._fail_with_undefined_error()
        return ""  # pragma: no cover - the line above always raises


@pass_context
def page_audience(context: Context) -> str:
    """Whom a consultation page is for ("child", "carer" or "parent"): from a
    page's own top-level ``{% set audience = ... %}``, else from the consultation
    it shows; "child" otherwise. Children are offered Childline, adults the
    adults' helplines."""
    named = context.get("audience")
    if isinstance(named, str):
        return named
    state = context.get("state")
    invitation = state.invitation if state else context.get("invitation")
    return str(invitation.audience) if invitation else "child"


class PortalEnvironment(Environment):
    """Flask's template environment, with every template sharing the one globals
    dict when it has none of its own. Jinja otherwise gives each template a
    ChainMap, and each {% from ... import %} in the GOV.UK macros (dozens a page)
    compares its keys one lookup at a time; a dict does it at once."""

    def make_globals(self, d: Any) -> Any:
        return self.globals if not d else super().make_globals(d)


def error_summary(form: Any) -> dict[str, Any]:
    """GOV.UK error summary parameters with the title in the user's language.
    A date's error links to its Day box: the link moves the focus to what it
    names, and the date's own wrapper cannot take the focus."""
    summary = wtforms_errors(form, {"titleText": _("There is a problem")})
    days = {f"#{field.id}": f"#{field.id}-day" for field in form if isinstance(field.widget, DateInput)}
    for item in summary["errorList"]:
        item["href"] = days.get(item["href"], item["href"])
    return summary


def register(app: Flask) -> None:
    from portal import labels
    from portal.consult import question_view

    app.add_template_global(error_summary)
    for helper in (
        "choice_items",
        "plain_items",
        "error_message",
        "answer_lines",
        "character_count_text",
        "question_widget",
    ):
        app.add_template_global(getattr(question_view, helper), name=helper)
    app.add_template_global(lambda: g.get("csp_nonce", ""), name="csp_nonce")
    app.add_template_global(format_date)
    app.add_template_global(format_datetime)
    for name in (
        "status_label",
        "status_tag_classes",
        "audience_label",
        "participation_meaning",
        "role_label",
        "theme_label",
        "sentiment_label",
        "themes_items",
        "sentiment_items",
        "conference_type_label",
        "contact_way_label",
        "late_reason_label",
    ):
        app.add_template_global(getattr(labels, name), name=name)
    app.add_template_global(labels.priority_status_label, name="priority_status")
    app.add_template_global(page_audience)
    app.jinja_env.add_extension("jinja2.ext.do")
    app.add_template_global(timedelta)
    from portal.navigation import items_for_current_user
    from portal.staff.profile import localised

    app.add_template_global(
        lambda profile, name: localised(profile, name, str(get_locale() or "en")), name="profile_text"
    )

    app.add_template_global(items_for_current_user, name="staff_navigation")
