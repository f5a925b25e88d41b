"""Who may use which page: one table, checked before every request.

Deny by default: an endpoint missing from RULES answers 404 to everyone, and
a test walks every route for every role against this table, so a new page
without a rule fails the build. Per-object checks (an IRO sees only their own
children and meetings) are in portal/staff/permissions.py.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, render_template, request
from flask_login import current_user

from portal.auth.routes import login_manager

PUBLIC = "public"
IRO, PARTICIPATION, MANAGER, SUPPORT, ADMIN = (
    "iro",
    "participation_officer",
    "manager",
    "business_support",
    "admin",
)
STAFF = frozenset({IRO, PARTICIPATION, MANAGER, SUPPORT, ADMIN})
READERS = frozenset({IRO, MANAGER})  # may read a child's own words
SENDERS = frozenset({IRO, MANAGER, SUPPORT})

RULES: dict[str, Any] = {
    "static": PUBLIC,
    "public.index": PUBLIC,
    "public.health": PUBLIC,
    "public.accessibility": PUBLIC,
    "public.you_said_we_did": PUBLIC,
    "public.privacy": PUBLIC,
    **{
        f"consult.{name}": PUBLIC
        for name in (
            "open_link",
            "open_conference_link",
            "start",
            "iro_photo",
            "page",
            "saved",
            "not_read_yet",
            "check",
            "submit",
            "done",
            "still_here",
            "child_letter",
            "child_letter_photo",
            "add",
        )
    },
    **{
        f"auth.{name}": PUBLIC
        for name in (
            "sign_in",
            "second_factor",
            "set_up_second_factor",
            "sign_out",
            "signed_out",
            "keep_alive",
            "forgot_password",
            "set_password",
        )
    },
    "demo.sign_in_as": PUBLIC,
    "staff.home": STAFF,
    "staff.caseload": READERS,
    "staff.meeting": READERS,
    "staff.response": READERS,
    "staff.record_participation": READERS,
    "staff.record_contact": READERS,
    "staff.acknowledge_flag": READERS,
    "staff.review_record_page": READERS,
    "staff.record_word": READERS,
    "staff.record_json": READERS,
    "staff.record_csv": READERS,
    "staff.child_letter_page": READERS,
    "staff.child_letter_preview": READERS,
    "staff.child_letter_word": READERS,
    # The chair, or the IRO covering for them, writes the record; a manager reads it.
    "staff.add_recommendation": frozenset({IRO}),
    "staff.recommendation_status": frozenset({IRO}),
    "staff.amend_record": frozenset({IRO}),
    "staff.send_child_letter": frozenset({IRO}),
    "staff.new_practice_alert": frozenset({IRO}),
    "staff.escalate_practice_alert": frozenset({IRO}),
    "staff.resolve_practice_alert": frozenset({IRO}),
    "staff.practice_alert": READERS,
    "staff.raise_practice_alert": frozenset({IRO}),
    "staff.record_figures": frozenset({MANAGER}),
    "staff.feedback_link": SENDERS,
    "staff.paper_feedback": SENDERS,
    "staff.conference_summary": READERS,
    "staff.follow_ups": frozenset({MANAGER}),
    "staff.close_follow_up": frozenset({MANAGER}),
    "staff.send_invitation": SENDERS,
    "staff.resend_invitation": SENDERS,
    "staff.revoke_invitation": SENDERS,
    "staff.bulk_send": SENDERS,
    "staff.profile": READERS,
    "staff.profile_photo": READERS,
    "staff.profile_letter": READERS,
    "staff.send_profile": READERS,
    "insights.explore": frozenset({PARTICIPATION, MANAGER}),
    "insights.correct": frozenset({PARTICIPATION, MANAGER}),
    "insights.actions": frozenset({PARTICIPATION, MANAGER}),
    "reports.annual": frozenset({MANAGER}),
    "reports.annual_word": frozenset({MANAGER}),
    "reports.annual_csv": frozenset({MANAGER}),
    "reports.quotes": frozenset({PARTICIPATION, MANAGER}),
    "reports.priorities": frozenset({MANAGER}),
    "reports.add_priority": frozenset({MANAGER}),
    "reports.priority_progress": frozenset({MANAGER}),
    "admin.home": frozenset({MANAGER, SUPPORT, ADMIN}),
    "admin.users": frozenset({MANAGER, ADMIN}),
    "admin.invite_user": frozenset({MANAGER, ADMIN}),
    "admin.user": frozenset({MANAGER, ADMIN}),
    "admin.cover": frozenset({MANAGER}),
    "admin.import_upload": frozenset({MANAGER, SUPPORT, ADMIN}),
    "admin.import_preview": frozenset({MANAGER, SUPPORT, ADMIN}),
    "admin.import_confirm": frozenset({MANAGER, SUPPORT, ADMIN}),
    "admin.audit": frozenset({SUPPORT, ADMIN}),
}


def allowed_roles(endpoint: str) -> Any:
    return RULES.get(endpoint)


def check() -> Any:
    endpoint = request.endpoint
    if endpoint is None:  # no route matched: the 404 handler answers
        return None
    rule = RULES.get(endpoint)
    if rule is None:
        abort(404)  # deny by default
    if rule == PUBLIC:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_user.role not in rule:
        return render_template("errors/forbidden.html"), 403
    return None


def init_app(app: Flask) -> None:
    app.before_request(check)
