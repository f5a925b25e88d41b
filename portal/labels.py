"""Words shown for stored codes (statuses, audiences), in the reader's language."""

from __future__ import annotations

from functools import cache
from typing import Any

from flask_babel import lazy_gettext as _l

STATUS = {
    "not_sent": _l("Not sent"),
    "sent": _l("Sent"),
    "opened": _l("Opened"),
    "started": _l("Started, not sent"),
    "submitted": _l("Submitted"),
    "expired": _l("Expired"),
    "revoked": _l("Withdrawn"),
}
PARTICIPATION = {
    "PN0": _l("Child aged under 4 at the time of the review"),
    "PN1": _l("Child attends and speaks for themselves"),
    "PN2": _l("Child attends and an advocate speaks for them"),
    "PN3": _l("Child attends and conveys their views non-verbally"),
    "PN4": _l("Child attends but does not speak, convey views non-verbally or have an advocate speak"),
    "PN5": _l("Child does not attend but briefs an advocate to speak for them"),
    "PN6": _l("Child does not attend but conveys their views another way"),
    "PN7": _l("Child does not attend and their views are not conveyed in any way"),
}
AUDIENCE = {"child": _l("Child"), "carer": _l("Carer"), "parent": _l("Parent")}


def status_label(status: str) -> str:
    return str(STATUS.get(status, status))


# A consultation's state at a glance on a caseload (GOV.UK Frontend's tag colours);
# the words still say it, for anyone who cannot tell the colours apart.
STATUS_COLOUR = {
    "not_sent": "govuk-tag--grey",
    "sent": "govuk-tag--blue",
    "opened": "govuk-tag--light-blue",
    "started": "govuk-tag--yellow",
    "submitted": "govuk-tag--green",
    "expired": "govuk-tag--orange",
    "revoked": "govuk-tag--grey",
}


def status_tag_classes(status: str) -> str:
    return STATUS_COLOUR.get(status, "govuk-tag--grey")


ROLE = {
    "iro": _l("IRO or conference chair"),
    "participation_officer": _l("Participation officer"),
    "manager": _l("Service manager"),
    "business_support": _l("Business support"),
    "admin": _l("Administrator"),
}


SENTIMENT = {
    "positive": _l("Positive"),
    "negative": _l("Negative"),
    "mixed": _l("Mixed"),
    "neutral": _l("Neutral"),
}


def sentiment_label(sentiment: str) -> str:
    return str(SENTIMENT.get(sentiment, sentiment))


CONFERENCE_TYPE = {
    "initial": _l("Initial conferences"),
    "review": _l("Review conferences"),
    "transfer_in": _l("Transfer-in conferences"),
}


def conference_type_label(kind: str) -> str:
    return str(CONFERENCE_TYPE.get(kind, kind))


def role_label(role: str) -> str:
    return str(ROLE.get(role, role))


def participation_meaning(code: str) -> str:
    return str(PARTICIPATION.get(code, code))


def audience_label(audience: str) -> str:
    return str(AUDIENCE.get(audience, audience))


def theme_label(theme_id: str) -> str:
    from flask_babel import get_locale

    locale = get_locale()
    return _translated_theme(str(locale) if locale else "en", theme_id)


@cache
def _translated_theme(locale: str, theme_id: str) -> str:
    """A theme's name in one language. Catalogues do not change while the app
    runs, and a meeting page names themes dozens of times."""
    from flask_babel import force_locale
    from flask_babel import gettext as _

    from portal.coding import theme_labels

    with force_locale(locale):
        return _(theme_labels().get(theme_id, theme_id))


def themes_items(themes: list[str], chosen: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{"value": t, "text": theme_label(t), "checked": t in chosen} for t in themes]


def sentiment_items(sentiments: tuple[str, ...], chosen: str) -> list[dict[str, Any]]:
    return [{"value": s, "text": sentiment_label(s), "checked": s == chosen} for s in sentiments]


# Practice alerts: the stages of dispute resolution, and what an alert is about.
ALERT_STAGES = {
    "informal": _l("Informal"),
    "formal_1": _l("Formal stage 1 (team manager)"),
    "formal_2": _l("Formal stage 2 (head of service)"),
    "director": _l("Director"),
}
ALERT_SUBJECTS = {
    "recommendation": _l("A review's recommendation not done"),
    "drift": _l("Drift or delay in the plan"),
    "permanence": _l("Permanence"),
    "health": _l("Health assessment"),
    "education": _l("Education (PEP)"),
    "contact": _l("Family time"),
    "visits": _l("Social worker visits"),
    "placement": _l("Where the child lives"),
    "other": _l("Something else"),
}


def alert_stage_label(stage: str) -> Any:
    return ALERT_STAGES.get(stage, stage)


def alert_subject_label(subject: str) -> Any:
    return ALERT_SUBJECTS.get(subject, subject)


# How the IRO was in touch with the child before their review.
CONTACT_WAYS = {
    "visit": _l("Visited the child"),
    "video": _l("Video call"),
    "phone": _l("Phone call"),
    "none": _l("No contact before the review"),
}
# Why a review was held after its statutory date.
LATE_REASONS = {
    "family": _l("Rearranged at the family's or carer's request"),
    "child": _l("Rearranged at the child's request"),
    "social_worker": _l("Social worker not available"),
    "iro": _l("IRO not available"),
    "illness": _l("Illness"),
    "other": _l("Another reason"),
}
PRIORITY_STATUSES = {
    "planned": _l("Planned"),
    "under_way": _l("Under way"),
    "done": _l("Done"),
    "not_done": _l("Not done"),
}


def contact_way_label(way: str) -> Any:
    return CONTACT_WAYS.get(way, way)


def late_reason_label(reason: str) -> Any:
    return LATE_REASONS.get(reason, reason)


def priority_status_label(status: str) -> Any:
    return PRIORITY_STATUSES.get(status, status)


# The DfE's age bands (analysis.service_profile.AGE_BANDS).
AGE_BANDS = {
    "under 1": _l("Under 1"),
    "1 to 4": _l("1 to 4"),
    "5 to 9": _l("5 to 9"),
    "10 to 15": _l("10 to 15"),
    "16 and over": _l("16 and over"),
}
# Reviews by their place in the statutory schedule (analysis.review_timeliness.POSITIONS).
REVIEW_POSITIONS = {
    "first": _l("First reviews (within 20 working days of coming into care)"),
    "second": _l("Second reviews (within 3 months of the first)"),
    "later": _l("Later reviews (within 6 months of the one before)"),
}


def age_band_label(band: str) -> str:
    return str(AGE_BANDS.get(band, band))
