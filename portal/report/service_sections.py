"""The report's sections about the service itself: who it looked after, how
many children each IRO had, whether reviews were on time and whether the IRO
saw the child first, and the manager's priorities. The database hands over
plain records; the counting is in `analysis` so it is tested without one."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import Date, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from analysis import review_timeliness, service_profile
from analysis.service_profile import AGE_BANDS, CareEpisode
from portal import sql_dates
from portal.calendar_data import bank_holidays
from portal.labels import (
    REVIEW_POSITIONS,
    age_band_label,
    contact_way_label,
    late_reason_label,
    priority_status_label,
)
from portal.models import CONTACT_WAYS, Child, Meeting, ServicePriority, StaffUser
from portal.report.model import Section, Table, or_dash, percent, year_bounds, year_label

HANDBOOK_CASELOAD = (50, 70)


def _episodes(db_session: Session, since: date, until: date) -> list[CareEpisode]:
    """Every child in care at some time between two days."""
    rows = db_session.execute(
        select(Child.date_of_birth, Child.came_into_care_on, Child.left_care_on, Child.iro_id).where(
            Child.came_into_care_on.is_not(None),
            Child.came_into_care_on <= until,
            or_(Child.left_care_on.is_(None), Child.left_care_on >= since),
        )
    )
    return [CareEpisode(born, entered, left, iro) for born, entered, left, iro in rows]


def _iro_hours(db_session: Session) -> list[int]:
    return list(
        db_session.scalars(
            select(StaffUser.fte_percent).where(StaffUser.role == "iro", StaffUser.active.is_(True))
        )
    )


def service_profile_section(db_session: Session, year: int) -> Section:
    before_start, _before_end = year_bounds(year - 1)
    episodes = _episodes(db_session, before_start, year_bounds(year)[1])
    now = service_profile.profile(episodes, *year_bounds(year))
    before = service_profile.profile(episodes, *year_bounds(year - 1))
    labels = [year_label(year - 1), year_label(year)]
    counts = Table(
        "children-in-care",
        _("Children in care"),
        [_("Children"), *labels],
        [
            [_("In care on 1 April"), before.at_start, now.at_start],
            [_("In care on 31 March"), before.at_end, now.at_end],
            [_("Came into care in the year"), before.came_into_care, now.came_into_care],
            [_("Left care in the year"), before.left_care, now.left_care],
            [_("Of them, left care at 18"), before.left_at_18, now.left_at_18],
        ],
    )
    bands = Table(
        "children-in-care-by-age",
        _("Children in care on 31 March, by age"),
        [_("Age"), *labels],
        [[age_band_label(band), before.at_end_by_band[band], now.at_end_by_band[band]] for band in AGE_BANDS],
        chart_labels=[age_band_label(band) for band in AGE_BANDS],
        chart_values=[now.at_end_by_band[band] for band in AGE_BANDS],
        chart_unit=_("children on 31 March %(year)d", year=year + 1),
    )
    hours = _iro_hours(db_session)
    per_iro = service_profile.caseload_per_full_time_iro(now.at_end, hours)
    allocated = sorted(now.at_end_by_iro.values())
    caseloads = Table(
        "iro-caseloads",
        _("IRO caseloads on 31 March %(year)d", year=year + 1),
        [_("Measure"), _("Figure")],
        [
            [_("IROs in the team"), len(hours)],
            [_("Full-time equivalent IROs"), round(sum(hours) / 100, 1)],
            [_("Children in care"), now.at_end],
            [_("Children per full-time IRO"), or_dash(per_iro)],
            [_("Fewest children allocated to one IRO"), allocated[0] if allocated else "–"],
            [_("Most children allocated to one IRO"), allocated[-1] if allocated else "–"],
        ],
    )
    section = Section(0, "service-profile", _("The children the service looked after"))
    section.tables = [counts, bands, caseloads]
    section.sentences.append(
        ngettext(
            "%(num)d child was in care on 31 March %(end)d",
            "%(num)d children were in care on 31 March %(end)d",
            now.at_end,
            end=year + 1,
        )
        + _(", compared with %(n)d a year before.", n=before.at_end)
    )
    section.sentences.append(
        ngettext(
            "%(num)d child came into care during the year",
            "%(num)d children came into care during the year",
            now.came_into_care,
        )
        + ngettext(" and %(num)d left care.", " and %(num)d left care.", now.left_care)
    )
    if per_iro is not None:
        low, high = HANDBOOK_CASELOAD
        section.sentences.append(
            _(
                "Each full-time IRO had %(n)s children in care on average; the IRO Handbook suggests "
                "%(low)d to %(high)d. IRO hours are the team's as recorded now.",
                n=per_iro,
                low=low,
                high=high,
            )
        )
    return section


def _review_groups(db_session: Session, since: date, until: date) -> list[review_timeliness.ReviewGroup]:
    """The reviews held between two days, counted in groups alike for timing.
    The database numbers each child's reviews in the episode and finds the one
    before (window functions), then counts alike reviews together, so a
    national year comes into Python as tens of thousands of groups, not
    hundreds of thousands of reviews."""
    numbered = (
        select(
            Meeting.held_on,
            Child.came_into_care_on,
            Meeting.late_reason,
            func.lag(Meeting.held_on, type_=Date)
            .over(partition_by=Meeting.child_id, order_by=Meeting.held_on)
            .label("previous"),
            (func.row_number().over(partition_by=Meeting.child_id, order_by=Meeting.held_on) - 1).label(
                "before"
            ),
        )
        .join(Child, Meeting.child_id == Child.id)
        .where(
            Meeting.kind == "looked_after_review",
            Child.came_into_care_on.is_not(None),
            Meeting.held_on >= Child.came_into_care_on,
            Meeting.held_on <= until,
        )
        .subquery()
    )
    before = case((numbered.c.before >= 2, 2), else_=numbered.c.before)
    first = numbered.c.before == 0
    # Only a first review is timed from the day of coming into care, in working
    # days (bank holidays are Python's to know). The later ones are due whole
    # months after the one before, which the database adds and compares, so
    # they come as a few groups a day rather than one per day the one before was held.
    entered = type_coerce(case((first, numbered.c.came_into_care_on), else_=None), Date)
    months = case(
        (numbered.c.before == 1, review_timeliness.SECOND_REVIEW_MONTHS),
        else_=review_timeliness.LATER_REVIEW_MONTHS,
    )
    on_time = case(
        (first, None),
        (numbered.c.held_on <= sql_dates.add_months(numbered.c.previous, months), 1),
        else_=0,
    )
    rows = db_session.execute(
        select(numbered.c.held_on, before, entered, numbered.c.late_reason, on_time, func.count())
        .where(numbered.c.held_on >= since)
        .group_by(numbered.c.held_on, before, entered, numbered.c.late_reason, on_time)
    )
    return [
        review_timeliness.ReviewGroup(
            held_on, reviews_before, None, came_in, reason, count, None if timed is None else bool(timed)
        )
        for held_on, reviews_before, came_in, reason, timed, count in rows
    ]


def _children_reviewed(db_session: Session, start: date, end: date) -> int:
    return int(
        db_session.scalar(
            select(func.count(func.distinct(Meeting.child_id)))
            .join(Child, Meeting.child_id == Child.id)
            .where(
                Meeting.kind == "looked_after_review",
                Meeting.held_on >= start,
                Meeting.held_on <= end,
                Meeting.held_on >= Child.came_into_care_on,
            )
        )
        or 0
    )


def _contacts(db_session: Session, start: date, end: date) -> dict[str, int]:
    rows = db_session.execute(
        select(Meeting.contact_before_how, func.count())
        .where(Meeting.kind == "looked_after_review", Meeting.held_on >= start, Meeting.held_on <= end)
        .group_by(Meeting.contact_before_how)
    )
    return {how or "": n for how, n in rows}


def reviews_section(db_session: Session, year: int) -> Section:
    start, end = year_bounds(year)
    groups = _review_groups(db_session, year_bounds(year - 1)[0], end)
    holidays = bank_holidays()
    now = review_timeliness.summarise_groups(groups, start, end, holidays)
    now.children = _children_reviewed(db_session, start, end)
    before = review_timeliness.summarise_groups(groups, *year_bounds(year - 1), holidays)
    before.children = _children_reviewed(db_session, *year_bounds(year - 1))
    labels = [year_label(year - 1), year_label(year)]

    def on_time_row(label: str, figures: tuple[int, int], previous: tuple[int, int]) -> list[object]:
        return [label, previous[0], or_dash(percent(previous[1], previous[0]))] + [
            figures[0],
            or_dash(percent(figures[1], figures[0])),
        ]

    timeliness = Table(
        "review-timeliness",
        _("Reviews held on time"),
        [
            _("Reviews"),
            _("Held in %(year)s", year=labels[0]),
            _("On time %% in %(year)s", year=labels[0]),
            _("Held in %(year)s", year=labels[1]),
            _("On time %% in %(year)s", year=labels[1]),
        ],
        [
            on_time_row(str(REVIEW_POSITIONS[p]), now.by_position[p], before.by_position[p])
            for p in review_timeliness.POSITIONS
        ]
        + [on_time_row(_("All reviews"), (now.held, now.on_time), (before.held, before.on_time))],
        chart_labels=[str(REVIEW_POSITIONS[p]) for p in review_timeliness.POSITIONS if now.by_position[p][0]],
        chart_values=[
            percent(now.by_position[p][1], now.by_position[p][0]) or 0.0
            for p in review_timeliness.POSITIONS
            if now.by_position[p][0]
        ],
        chart_unit=_("%% held on time in %(year)s", year=labels[1]),
        chart_percent=True,
    )
    reasons = Table(
        "late-reasons",
        _("Why reviews were late"),
        [_("Reason"), *labels],
        [
            [str(late_reason_label(r)) if r else _("No reason recorded"), before.late_reasons[r], n]
            for r, n in now.late_reasons.most_common()
        ],
    )
    contacts_now, contacts_before = (
        _contacts(db_session, start, end),
        _contacts(db_session, *year_bounds(year - 1)),
    )
    contact = Table(
        "contact-before-review",
        _("The IRO's contact with the child before the review"),
        [_("Contact"), *labels],
        [[str(contact_way_label(w)), contacts_before.get(w, 0), contacts_now.get(w, 0)] for w in CONTACT_WAYS]
        + [[_("Not recorded"), contacts_before.get("", 0), contacts_now.get("", 0)]],
    )
    section = Section(0, "reviews", _("Reviews and their timeliness"), tables=[timeliness, reasons, contact])
    section.sentences.append(
        ngettext("%(num)d review was held", "%(num)d reviews were held", now.held)
        + ngettext(" for %(num)d child.", " for %(num)d children.", now.children)
    )
    if now.held:
        line = _(
            "%(share)s%% were held within the statutory timescales",
            share=percent(now.on_time, now.held),
        )
        if before.held:
            line += _(
                ", compared with %(share)s%% in %(year)s",
                share=percent(before.on_time, before.held),
                year=labels[0],
            )
        section.sentences.append(line + ".")
        seen = sum(contacts_now.get(w, 0) for w in CONTACT_WAYS if w != "none")
        section.sentences.append(
            ngettext(
                "Before %(num)d review, the IRO visited or spoke with the child first.",
                "Before %(num)d reviews, the IRO visited or spoke with the child first.",
                seen,
            )
        )
    return section


def priorities_section(db_session: Session, year: int) -> Section:
    def priorities(for_year: int) -> list[ServicePriority]:
        return list(
            db_session.scalars(
                select(ServicePriority).where(ServicePriority.year == for_year).order_by(ServicePriority.id)
            )
        )

    def table(key: str, title: str, listed: list[ServicePriority]) -> Table:
        return Table(
            key,
            title,
            [_("Priority"), _("Progress"), _("Status")],
            [[p.title, p.progress or "–", str(priority_status_label(p.status))] for p in listed],
        )

    set_this_year = priorities(year)
    this_year = table(
        "priorities-progress",
        _("Progress on the priorities for %(year)s", year=year_label(year)),
        set_this_year,
    )
    next_year = table(
        "priorities-next", _("Priorities for %(year)s", year=year_label(year + 1)), priorities(year + 1)
    )
    section = Section(0, "priorities", _("Priorities"), tables=[this_year, next_year])
    done = sum(1 for p in set_this_year if p.status == "done")
    if this_year.rows:
        section.sentences.append(
            ngettext(
                "%(num)d priority was set for the year",
                "%(num)d priorities were set for the year",
                len(this_year.rows),
            )
            + ngettext("; %(num)d of them is done.", "; %(num)d of them are done.", done)
        )
    else:
        section.sentences.append(_("No priorities were recorded for the year."))
    section.sentences.append(
        ngettext(
            "The service has set %(num)d priority for next year.",
            "The service has set %(num)d priorities for next year.",
            len(next_year.rows),
        )
    )
    return section
