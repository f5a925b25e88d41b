"""Staff navigation as data: each item shows only to roles its page allows."""

from __future__ import annotations

from dataclasses import dataclass

from flask import request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.access import RULES


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object


ITEMS = (
    NavItem("staff.caseload", _l("Caseload")),
    NavItem("staff.bulk_send", _l("Send consultations")),
    NavItem("staff.conference_summary", _l("Conference feedback")),
    NavItem("staff.follow_ups", _l("Follow-ups")),
    NavItem("staff.record_figures", _l("Records of reviews")),
    NavItem("staff.profile", _l("Your profile")),
    NavItem("insights.explore", _l("Themes")),
    NavItem("insights.actions", _l("You said, we did")),
    NavItem("reports.annual", _l("Annual report")),
    NavItem("reports.quotes", _l("Report quotes")),
    NavItem("admin.users", _l("Staff accounts")),
    NavItem("admin.cover", _l("Cover")),
    NavItem("admin.import_upload", _l("Import")),
    NavItem("admin.audit", _l("Audit log")),
)


def items_for_current_user() -> list[dict[str, object]]:
    if not current_user.is_authenticated:
        return []
    return [
        {"href": url_for(item.endpoint), "text": str(item.label), "active": request.endpoint == item.endpoint}
        for item in ITEMS
        if current_user.role in RULES.get(item.endpoint, ())
    ]
