"""Each section of the report, computed with aggregate queries over stored
data (codes, corrections, timestamps), never re-reading everyone's text."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from analysis import conference
from analysis.conference import STATEMENTS, FeedbackRecord, summarise
from forms import get_questionnaire
from portal import coding, sql_dates
from portal.calendar_data import bank_holidays
from portal.insights import explorer
from portal.labels import (
    alert_stage_label,
    alert_subject_label,
    audience_label,
    conference_type_label,
    participation_meaning,
    priority_status_label,
)
from portal.models import (
    CONFERENCE_TYPES,
    PARTICIPATION_CODES,
    Child,
    FollowUp,
    Invitation,
    Meeting,
    ReportQuote,
    Response,
    SafeguardingFlag,
    ServiceAction,
)
from portal.report import aggregates, record_figures, service_sections
from portal.report.aggregates import ThemeTally
from portal.report.model import (
    QuoteGroup,
    Report,
    Section,
    Table,
    or_dash,
    percent,
    year_bounds,
    year_label,
    year_of,
)

TOOK_PART = ("PN1", "PN2", "PN3", "PN4", "PN5", "PN6")
LEADING_THEMES = 3


def _change(now: int, before: int | None, label: str) -> str:
    if before is None:
        return ""
    if now > before:
        return _(", up from %(n)d in %(year)s", n=before, year=label)
    if now < before:
        return _(", down from %(n)d in %(year)s", n=before, year=label)
    return _(", the same as in %(year)s", year=label)


def participation(db_session: Session, year: int) -> Section:
    first, _unused = year_bounds(year - 5)
    _unused2, last = year_bounds(year)
    counts: dict[int, Counter[str]] = {}
    rows = db_session.execute(
        select(Meeting.held_on, Meeting.participation_code, func.count())
        .where(
            Meeting.kind == "looked_after_review",
            Meeting.participation_code.is_not(None),
            Meeting.held_on >= first,
            Meeting.held_on <= last,
        )
        .group_by(Meeting.held_on, Meeting.participation_code)
    )
    for held_on, code, n in rows:
        if code is not None:  # the query asks for recorded codes only
            counts.setdefault(year_of(held_on), Counter())[code] += n
    years = [y for y in range(year - 5, year + 1) if y in counts or y == year]
    share = {
        y: percent(
            sum(counts.get(y, Counter())[c] for c in TOOK_PART),
            sum(counts.get(y, Counter())[c] for c in (*TOOK_PART, "PN7")),
        )
        for y in years
    }
    table = Table(
        "participation-codes",
        _("Participation in reviews by year (DfE codes)"),
        [_("Code"), _("Meaning")] + [year_label(y) for y in years],
        [
            [code, participation_meaning(code)] + [counts.get(y, Counter())[code] for y in years]
            for code in PARTICIPATION_CODES
        ]
        + [
            [_("Total"), _("Reviews with a code recorded")]
            + [sum(counts.get(y, Counter()).values()) for y in years],
            ["PN1–PN6", _("Took part in any way, % of reviews of children aged 4 or over")]
            + [share[y] if share[y] is not None else "–" for y in years],
        ],
        chart_labels=list(PARTICIPATION_CODES),
        chart_values=[counts.get(year, Counter())[c] for c in PARTICIPATION_CODES],
        chart_unit=_("reviews in %(year)s", year=year_label(year)),
    )
    now, before = counts.get(year, Counter()), counts.get(year - 1)
    section = Section(0, "participation", _("Participation in reviews"), tables=[table])
    total = sum(now.values())
    section.sentences.append(
        ngettext(
            "%(num)d review held in %(year)s has a participation code recorded.",
            "%(num)d reviews held in %(year)s have a participation code recorded.",
            total,
            year=year_label(year),
        )
    )
    if total:
        prev = year_label(year - 1)
        section.sentences.append(
            ngettext(
                "In %(num)d review, the child came and spoke for themselves",
                "In %(num)d reviews, the child came and spoke for themselves",
                now["PN1"],
            )
            + _change(now["PN1"], before["PN1"] if before else None, prev)
            + "."
        )
        if share[year] is not None:
            previous_share = share.get(year - 1)
            line = _(
                "In %(share)s%% of the reviews of children aged 4 or over, the child took part in some way "
                "(PN1 to PN6)",
                share=share[year],
            )
            if previous_share is not None:
                line += _(", compared with %(share)s%% in %(year)s", share=previous_share, year=prev)
            section.sentences.append(line + ".")
        children, took_part = _children_taking_part(db_session, year)
        if children:
            section.sentences.append(
                ngettext(
                    "Counted in children: of the %(num)d child aged 4 or over reviewed in the year, ",
                    "Counted in children: of the %(num)d children aged 4 or over reviewed in the year, ",
                    children,
                )
                + ngettext(
                    "%(num)d took part in at least one review (%(share)s%%).",
                    "%(num)d took part in at least one review (%(share)s%%).",
                    took_part,
                    share=percent(took_part, children),
                )
            )
        section.sentences.append(
            ngettext(
                "In %(num)d review, the child did not attend and their views were not conveyed (PN7)",
                "In %(num)d reviews, the child did not attend and their views were not conveyed (PN7)",
                now["PN7"],
            )
            + _change(now["PN7"], before["PN7"] if before else None, prev)
            + "."
        )
    return section


def _children_taking_part(db_session: Session, year: int) -> tuple[int, int]:
    """Distinct children aged 4 or over with a coded review in the year, and of
    them those who took part (PN1 to PN6) in at least one: a child has two or
    three reviews a year, so this differs from the count of reviews."""
    start, end = year_bounds(year)
    took_part = func.max(case((Meeting.participation_code.in_(TOOK_PART), 1), else_=0))
    per_child = (
        select(Meeting.child_id, took_part.label("took_part"))
        .where(
            Meeting.kind == "looked_after_review",
            Meeting.participation_code.in_((*TOOK_PART, "PN7")),
            Meeting.held_on >= start,
            Meeting.held_on <= end,
        )
        .group_by(Meeting.child_id)
        .subquery()
    )
    children, part = db_session.execute(
        select(func.count(), func.coalesce(func.sum(per_child.c.took_part), 0)).select_from(per_child)
    ).one()
    return int(children), int(part)


@dataclass
class _Consultations:
    """A year's consultations before reviews, counted."""

    by_audience: dict[str, Counter[str]] = field(
        default_factory=lambda: {a: Counter() for a in ("child", "carer", "parent")}
    )
    by_band: dict[str, Counter[str]] = field(
        default_factory=lambda: {b: Counter() for b in explorer.AGE_BANDS}
    )
    by_method: Counter[tuple[str, str]] = field(default_factory=Counter)
    helpers: Counter[str] = field(default_factory=Counter)


def _consultations(db_session: Session, year: int) -> dict[int, _Consultations]:
    """The year's and the year before's consultations, each query one pass over both."""
    counted = {y: _Consultations() for y in (year - 1, year)}
    held_in = aggregates.reporting_year(Meeting.held_on, year)
    personal_reviews = and_(
        Meeting.kind == "looked_after_review",
        aggregates.both_years(Meeting.held_on, year),
        Invitation.via == "personal",
    )
    stages = ("sent", "opened", "started", "submitted")
    for in_year, audience, *counts in db_session.execute(
        select(held_in, Invitation.audience, *(func.count(getattr(Invitation, f"{s}_at")) for s in stages))
        .join(Meeting, Invitation.meeting_id == Meeting.id)
        .where(personal_reviews)
        .group_by(held_in, Invitation.audience)
    ):
        figures = dict(zip(stages, counts, strict=True))
        counted[in_year].by_audience.setdefault(audience, Counter()).update(figures)
    # Children's split by their age at the review, apart: only their
    # invitations need the child's date of birth joined and an age worked out.
    age = sql_dates.age_at(Child.date_of_birth, Meeting.held_on)
    for in_year, years, sent, submitted in db_session.execute(
        select(held_in, age, func.count(Invitation.sent_at), func.count(Invitation.submitted_at))
        .join(Meeting, Invitation.meeting_id == Meeting.id)
        .join(Child, Meeting.child_id == Child.id)
        .where(personal_reviews, Invitation.audience == "child")
        .group_by(held_in, age)
    ):
        band = explorer.age_band(int(years)) if years is not None else ""
        if band:
            counted[in_year].by_band[band].update(sent=sent, submitted=submitted)
    # The consultations sent back: by who and how, and who helped the children
    # (each way of answering counted once, then split into the people it names).
    for in_year, audience, source, helped_by, n in db_session.execute(
        select(held_in, Invitation.audience, Response.source, Response.helped_by, func.count())
        .join(Invitation, Response.invitation_id == Invitation.id)
        .join(Meeting, Invitation.meeting_id == Meeting.id)
        .where(Meeting.kind == "looked_after_review", aggregates.both_years(Meeting.held_on, year))
        .group_by(held_in, Invitation.audience, Response.source, Response.helped_by)
    ):
        counted[in_year].by_method[(audience, source)] += n
        if audience == "child":
            for helper in helped_by or ["not_said"]:
                counted[in_year].helpers[helper] += n
    return counted


def consultation(db_session: Session, year: int) -> Section:
    start, end = year_bounds(year)
    counted = aggregates.one_year(db_session, "consultation", year, lambda y: _consultations(db_session, y))
    by_audience, by_band = counted.by_audience, counted.by_band
    total = sum((c for c in by_audience.values()), Counter())
    returns = Table(
        "consultation-returns",
        _("Consultations before reviews"),
        [_("Who"), _("Sent"), _("Opened"), _("Started"), _("Sent back"), _("Return rate %")],
        [
            [
                audience_label(a),
                c["sent"],
                c["opened"],
                c["started"],
                c["submitted"],
                or_dash(percent(c["submitted"], c["sent"])),
            ]
            for a, c in by_audience.items()
        ]
        + [
            [
                _("All"),
                total["sent"],
                total["opened"],
                total["started"],
                total["submitted"],
                or_dash(percent(total["submitted"], total["sent"])),
            ]
        ],
        chart_labels=[audience_label(a) for a in by_audience],
        chart_values=[percent(c["submitted"], c["sent"]) or 0 for c in by_audience.values()],
        chart_unit=_("Percentage sent back"),
        chart_percent=True,
        compare_columns=(5,),
    )
    bands = Table(
        "consultation-by-age",
        _("Children's consultations by age"),
        [_("Age"), _("Sent"), _("Sent back"), _("Return rate %")],
        [
            [b, c["sent"], c["submitted"], or_dash(percent(c["submitted"], c["sent"]))]
            for b, c in by_band.items()
        ],
        compare_columns=(3,),
    )
    helpers = counted.helpers
    questionnaire = get_questionnaire("my-review-8-12")
    # Option labels are questionnaire wording (translated through the catalogue);
    # the rest are ours, marked here so they are extracted too.
    helped_question = questionnaire.question("helped_by") if questionnaire else None
    labels = {o.value: _(o.label) for o in helped_question.options} if helped_question else {}
    labels.update(
        {
            "other": _("Someone else"),
            "not_said": _("Did not say"),
            "prefer_not_to_say": _("Did not want to say"),
        }
    )
    helped = Table(
        "who-helped",
        _("Who helped children fill in their consultation"),
        [_("Who helped"), _("Children")],
        [[labels.get(k, k), n] for k, n in helpers.most_common()],
    )
    eligible, sent_profiles = db_session.execute(
        select(func.count(), func.count(Child.profile_sent_at)).where(
            Child.came_into_care_on >= start,
            Child.came_into_care_on <= end,
            sql_dates.age_at(Child.date_of_birth, Child.came_into_care_on) >= 4,
        )
    ).one()
    profiles = Table(
        "iro-profiles",
        _("IRO profiles sent to children coming into care"),
        [_("Children"), _("Number")],
        [[_("Came into care aged 4 or over"), eligible], [_("Sent their IRO's profile"), sent_profiles]],
        compare_columns=(1,),
    )
    section = Section(
        0,
        "consultation",
        _("Consultation before reviews"),
        tables=[returns, _returns_by_method(counted.by_method), bands, helped, profiles],
    )
    section.sentences.append(
        _(
            "%(sent)d consultations were sent before reviews in %(year)s and %(back)d were sent back",
            sent=total["sent"],
            year=year_label(year),
            back=total["submitted"],
        )
        + (
            _(", a return rate of %(rate)s%%", rate=percent(total["submitted"], total["sent"]))
            if total["sent"]
            else ""
        )
        + "."
    )
    if eligible:
        section.sentences.append(
            _(
                "Of %(n)d children who came into care aged 4 or over, %(sent)d were sent their IRO's "
                "profile.",
                n=eligible,
                sent=sent_profiles,
            )
        )
    return section


def _returns_by_method(counts: Counter[tuple[str, str]]) -> Table:
    """Consultations sent back before reviews, by who and how (online, or on paper typed in)."""
    return Table(
        "consultation-method",
        _("Consultations sent back, by how"),
        [_("Who"), _("Online"), _("On paper")],
        [
            [audience_label(a), counts[(a, "online")], counts[(a, "paper")]]
            for a in ("child", "carer", "parent")
        ],
        compare_columns=(1, 2),
    )


QUOTE_POOL = 150  # answers read in full per leading theme to propose quotes from


def _quote_rows(db_session: Session, year: int, response_ids: list[int]) -> list[explorer.Row]:
    start, end = year_bounds(year)
    return explorer.load_rows(
        db_session, explorer.Filters(start=start, end=end, audience="child"), response_ids
    )


def children_told_us(db_session: Session, year: int, every_theme: bool = False) -> Section:
    """Themes counted in children (a child writing on school on three pages is
    one child); a theme with fewer than 5 children is not shown. Quotes are
    proposed for the leading themes and any theme with quotes chosen, or for
    every theme shown when ``every_theme`` (the quote chooser)."""
    labels = coding.theme_labels()
    tallies = aggregates.tally_themes(db_session, aggregates.child_codes(year, with_year_before=True))
    now, previous = tallies.get(year, ThemeTally()), tallies.get(year - 1, ThemeTally())
    codes = aggregates.child_codes(year)
    figures = {t: now.figures(t) for t in labels}
    ordered = sorted(labels, key=lambda t: -figures[t].people)
    suppressed = _("fewer than 5")
    table = Table(
        "children-themes",
        _("What children told us, by theme"),
        [
            _("Theme"),
            _("Children"),
            _("Answers"),
            _("Positive %"),
            _("Negative %"),
            _("Children in %(year)s", year=year_label(year - 1)),
        ],
        [
            [
                _(labels[t]),
                figures[t].shown_people or suppressed,
                figures[t].answers if figures[t].shown_people else suppressed,
                or_dash(figures[t].share("positive")),
                or_dash(figures[t].share("negative")),
                previous.figures(t).shown_people or suppressed,
            ]
            for t in ordered
        ],
        chart_labels=[_(labels[t]) for t in ordered if figures[t].shown_people],
        chart_values=[figures[t].people for t in ordered if figures[t].shown_people],
        chart_unit=_("children"),
    )
    section = Section(0, "children", _("What children and young people told us"), tables=[table])
    section.sentences.append(
        ngettext(
            "%(num)d answer that children wrote in their own words was coded into themes",
            "%(num)d answers that children wrote in their own words were coded into themes",
            now.answers,
        )
        + ngettext(
            " (from %(num)d child).",
            " (from %(num)d children).",
            aggregates.children_answering(db_session, *aggregates.year_moments(year)),
        )
    )
    leading = [t for t in ordered if figures[t].shown_people][:LEADING_THEMES]
    if leading:
        section.sentences.append(
            _(
                "The themes that came up most were %(themes)s (children writing on each).",
                themes=", ".join(f"{_(labels[t]).lower()} ({figures[t].people})" for t in leading),
            )
        )
    chosen = _chosen_quotes(db_session, year)
    section.quotes = []
    quoted = [t for t in ordered if figures[t].shown_people and (every_theme or t in leading or t in chosen)]
    for theme in quoted:
        pool = aggregates.responses_with_theme(db_session, codes, theme, QUOTE_POOL)
        candidates = explorer.quotes(_quote_rows(db_session, year, pool), theme, 6) if pool else []
        section.quotes.append(
            QuoteGroup(theme, _(labels[theme]), _pick(candidates, chosen.get(theme)), candidates)
        )
    return section


def _chosen_quotes(db_session: Session, year: int) -> dict[str, set[tuple[int, str]]]:
    chosen: dict[str, set[tuple[int, str]]] = {}
    for quote in db_session.scalars(select(ReportQuote).where(ReportQuote.year == year)):
        chosen.setdefault(quote.theme, set()).add((quote.response_id, quote.question_id))
    return chosen


def chosen_quotes_now_flagged(db_session: Session, year: int) -> int:
    """How many quotes chosen for the year were taken out because their answer
    has since raised a safeguarding flag (after a recode, say)."""
    chosen = {pair for pairs in _chosen_quotes(db_session, year).values() for pair in pairs}
    flagged = explorer.flagged_answers(db_session, [r for r, _q in chosen])
    return len(chosen & flagged)


def _pick(candidates: list[explorer.Quote], chosen: set[tuple[int, str]] | None) -> list[str]:
    """The participation officer's choice for the theme, else the portal's first three proposals."""
    if chosen:
        return [q.text for q in candidates if (q.response_id, q.question_id) in chosen]
    return [q.text for q in candidates[:3]]


def _feedback(db_session: Session, year: int) -> dict[int, list[FeedbackRecord]]:
    """Parents' feedback forms after the year's and the year before's
    conferences, in one pass: counted by their answers to the statements (a
    few hundred kinds), not read one by one."""
    held_in = aggregates.reporting_year(Meeting.held_on, year)
    views = [Response.answers[s].as_string() for s in STATEMENTS]
    followed_up = FollowUp.closed_at.is_not(None)
    found: dict[int, list[FeedbackRecord]] = {year - 1: [], year: []}
    for in_year, kind, closed, *given, n in db_session.execute(
        select(held_in, Meeting.conference_type, followed_up, *views, func.count())
        .join(Invitation, Response.invitation_id == Invitation.id)
        .join(Meeting, Invitation.meeting_id == Meeting.id)
        .outerjoin(FollowUp, FollowUp.response_id == Response.id)
        .where(Meeting.kind == "cp_conference", aggregates.both_years(Meeting.held_on, year))
        .group_by(held_in, Meeting.conference_type, followed_up, *views)
    ):
        answers = {s: v for s, v in zip(STATEMENTS, given, strict=True) if v is not None}
        found[in_year].append(FeedbackRecord(kind or "", answers, bool(closed), n))
    return found


def parents_conferences(db_session: Session, year: int) -> Section:
    start, end = year_bounds(year)
    forms: list[FeedbackRecord] = aggregates.one_year(
        db_session, "feedback", year, lambda y: _feedback(db_session, y)
    )
    summary = summarise(forms)
    questionnaire = get_questionnaire("cp-feedback")
    labels = {q.id: q.label for p in questionnaire.pages for q in p.questions} if questionnaire else {}
    held = (
        db_session.scalar(
            select(func.count()).where(
                Meeting.kind == "cp_conference", Meeting.held_on >= start, Meeting.held_on <= end
            )
        )
        or 0
    )
    conferences, initial = _conferences_held(db_session, start, end)
    totals = Table(
        "conference-feedback",
        _("Parents' feedback after Child Protection conferences"),
        [_("Measure"), _("Number")],
        [
            [_("Conferences held"), held],
            [_("Feedback forms"), summary.responses],
            [
                _("Forms per 10 conferences"),
                or_dash(round(10 * summary.responses / held, 1) if held else None),
            ],
        ]
        + [[conference_type_label(k), n] for k, n in summary.by_type.items()]
        + [
            [_("Positive experience overall"), summary.positive],
            [
                _("Positive experience overall, %"),
                summary.positive_percent if summary.positive_percent is not None else "–",
            ],
            [_("Unhappy in every area"), summary.unhappy],
            [_("Unhappy in every area and followed up with the chair"), summary.unhappy_followed_up],
        ],
        compare_columns=(1,),
    )
    statements = Table(
        "conference-statements",
        _("Agreement with each statement"),
        [_("Statement"), _("Agreed"), _("Answered"), _("Agreed %")],
        [
            [
                _(labels.get(f.statement, f.statement)),
                f.agree,
                f.answered,
                f.agree_percent if f.agree_percent is not None else "–",
            ]
            for f in summary.statements
        ],
        chart_labels=[_(labels.get(f.statement, f.statement)) for f in summary.statements if f.answered],
        chart_values=[f.agree_percent or 0 for f in summary.statements if f.answered],
        chart_unit=_("% who agreed"),
        chart_percent=True,
        compare_columns=(3,),
    )
    section = Section(
        0,
        "parents",
        _("Child Protection conferences and parents' feedback"),
        tables=[conferences, totals, statements],
    )
    section.quotes = [parents_comments(db_session, year)]
    if initial.timed:
        section.sentences.append(
            ngettext(
                "Of %(num)d initial conference with the strategy discussion's date recorded, ",
                "Of %(num)d initial conferences with the strategy discussion's date recorded, ",
                initial.timed,
            )
            + _(
                "%(share)s%% were held within 15 working days of it.",
                share=percent(initial.in_time, initial.timed),
            )
        )
    by_type = summary.by_type
    section.sentences.append(
        ngettext(
            "%(num)d parent filled in a feedback form after a conference: %(i)d after initial "
            "conferences, %(r)d after review conferences and %(t)d after transfer-in conferences.",
            "%(num)d parents filled in a feedback form after a conference: %(i)d after initial "
            "conferences, %(r)d after review conferences and %(t)d after transfer-in conferences.",
            summary.responses,
            i=by_type["initial"],
            r=by_type["review"],
            t=by_type["transfer_in"],
        )
    )
    if summary.responses:
        section.sentences.append(
            _("%(p)s%% of parents said they had a positive experience overall.", p=summary.positive_percent)
        )
        section.sentences.append(
            ngettext(
                "%(num)d parent was unhappy in every area, and %(f)d of them was followed up with the chair.",
                "%(num)d parents were unhappy in every area, and %(f)d of them were followed up with "
                "the chair.",
                summary.unhappy,
                f=summary.unhappy_followed_up,
            )
            if summary.unhappy
            else _("No parent was unhappy in every area.")
        )
    return section


def _conferences_held(
    db_session: Session, start: date, end: date
) -> tuple[Table, conference.InitialTimeliness]:
    """Conferences held by type, and initial ones within 15 working days of the strategy discussion."""
    by_type = dict(
        db_session.execute(
            select(Meeting.conference_type, func.count())
            .where(Meeting.kind == "cp_conference", Meeting.held_on >= start, Meeting.held_on <= end)
            .group_by(Meeting.conference_type)
        ).all()
    )
    initial_rows = db_session.execute(
        select(Meeting.held_on, Meeting.strategy_discussion_on).where(
            Meeting.kind == "cp_conference",
            Meeting.conference_type == "initial",
            Meeting.held_on >= start,
            Meeting.held_on <= end,
        )
    )
    initial = conference.initial_timeliness(
        ((held, strategy) for held, strategy in initial_rows), bank_holidays()
    )
    table = Table(
        "conferences-held",
        _("Child Protection conferences held"),
        [_("Conferences"), _("Number")],
        [[conference_type_label(kind), by_type.get(kind, 0)] for kind in CONFERENCE_TYPES]
        + [
            [_("Initial conferences with the strategy discussion's date"), initial.timed],
            [
                _("Of them, held within 15 working days of it, %"),
                or_dash(percent(initial.in_time, initial.timed)),
            ],
        ],
        compare_columns=(1,),
    )
    return table, initial


PARENTS_COMMENTS = "parents_comments"  # the quote chooser's key for parents' comments after conferences


def parents_comments(db_session: Session, year: int) -> QuoteGroup:
    """Parents' own comments after conferences, proposed and chosen like
    children's quotes: each text once, in the comments' own mix, names hidden,
    none from fewer than 5 parents and never one that raised a flag."""
    start, end = year_bounds(year)
    pool = list(
        db_session.scalars(
            select(Response.id)
            .join(Invitation, Response.invitation_id == Invitation.id)
            .join(Meeting, Invitation.meeting_id == Meeting.id)
            .where(Meeting.kind == "cp_conference", Meeting.held_on >= start, Meeting.held_on <= end)
            .order_by(Response.id)
            .limit(QUOTE_POOL)
        )
    )
    rows = (
        explorer.load_rows(db_session, explorer.Filters(start=start, end=end, audience="parent"), pool)
        if pool
        else []
    )
    candidates = explorer.comments(rows, "comments", 6)
    chosen = _chosen_quotes(db_session, year).get(PARENTS_COMMENTS)
    return QuoteGroup(PARENTS_COMMENTS, _("Parents' comments"), _pick(candidates, chosen), candidates)


def you_said_we_did(db_session: Session, year: int) -> Section:
    start, end = year_bounds(year)
    labels = coding.theme_labels()
    actions = db_session.scalars(
        select(ServiceAction)
        .where(ServiceAction.period_start <= end, ServiceAction.period_end >= start)
        .order_by(ServiceAction.theme)
    ).all()
    table = Table(
        "you-said-we-did",
        _("You said, we did"),
        [_("Theme"), _("You said"), _("We did"), _("Who answers for it"), _("By"), _("Status")],
        [
            [
                _(labels.get(a.theme, a.theme)),
                a.you_said,
                a.we_did,
                a.owner or "–",
                format_date(a.due_on, "d MMMM yyyy") if a.due_on else "–",
                str(priority_status_label(a.status)),
            ]
            for a in actions
        ],
    )
    section = Section(0, "you-said-we-did", _("You said, we did"), tables=[table])
    done = sum(1 for a in actions if a.status == "done")
    section.sentences.append(
        ngettext(
            "%(num)d action was recorded in answer to what people told us",
            "%(num)d actions were recorded in answer to what people told us",
            len(actions),
        )
        + (ngettext("; %(num)d of them is done.", "; %(num)d of them are done.", done) if actions else ".")
    )
    return section


def safeguarding_flags(db_session: Session, year: int) -> Section:
    begin, finish = aggregates.year_moments(year)
    flags = db_session.execute(
        select(SafeguardingFlag.raised_at, SafeguardingFlag.acknowledged_at).where(
            SafeguardingFlag.raised_at >= begin, SafeguardingFlag.raised_at < finish
        )
    ).all()
    waits = [(ack - raised).total_seconds() / 60 for raised, ack in flags if ack is not None]
    open_flags = sum(1 for _r, ack in flags if ack is None)
    median = round(statistics.median(waits)) if waits else None
    worst = round(max(waits)) if waits else None
    table = Table(
        "safeguarding-flags",
        _("Safeguarding flags"),
        [_("Measure"), _("Number")],
        [
            [_("Responses flagged"), len(flags)],
            [_("Acknowledged by a person"), len(waits)],
            [_("Not yet acknowledged"), open_flags],
            [_("Median minutes to acknowledgement"), median if median is not None else "–"],
            [_("Longest minutes to acknowledgement"), worst if worst is not None else "–"],
        ],
        compare_columns=(1,),
    )
    section = Section(0, "safeguarding", _("Safeguarding flags"), tables=[table])
    section.sentences.append(
        ngettext(
            "%(num)d response was flagged as a possible safeguarding disclosure.",
            "%(num)d responses were flagged as a possible safeguarding disclosure.",
            len(flags),
        )
    )
    if waits:
        section.sentences.append(
            _(
                "A person acknowledged each flag in a median of %(m)d minutes; the longest took "
                "%(w)d minutes.",
                m=median,
                w=worst,
            )
        )
    section.sentences.append(
        _("None was left unacknowledged.")
        if not open_flags
        else ngettext(
            "%(num)d flag is not yet acknowledged.", "%(num)d flags are not yet acknowledged.", open_flags
        )
    )
    return section


def records_of_reviews(db_session: Session, year: int) -> Section:
    """Records of reviews finished in time, and their recommendations done by their date."""
    start, end = year_bounds(year)
    months = record_figures.by_month(db_session, start, end)
    days = int(current_app.config["RECORD_DUE_WORKING_DAYS"])

    def month_name(label: str) -> str:
        year_part, month_part = label.split("-")
        return format_date(date(int(year_part), int(month_part), 1), "MMMM yyyy")

    table = Table(
        "records-of-reviews",
        _("Records of reviews and their recommendations, by month of the review"),
        [
            _("Month"),
            _("Reviews held"),
            _("Records finished"),
            _("Finished in time, %"),
            _("Recommendations due"),
            _("Done by their date, %"),
            _("Letters to the child sent"),
        ],
        [
            [
                month_name(m.label),
                m.reviews,
                m.finished,
                or_dash(m.in_time_percent),
                m.due,
                or_dash(m.done_percent),
                m.letters,
            ]
            for m in months
        ],
        chart_labels=[month_name(m.label) for m in months if m.reviews],
        chart_values=[m.in_time_percent or 0 for m in months if m.reviews],
        chart_unit=_("% of records finished in time"),
        chart_percent=True,
    )
    section = Section(0, "records", _("Records of reviews"), tables=[table])
    reviews = sum(m.reviews for m in months)
    in_time = sum(m.in_time for m in months)
    due = sum(m.due for m in months)
    done = sum(m.done_in_time for m in months)
    # Plural by the number finished or done, so "1 of the 3 ... was" and "2 of the 3 ... were".
    section.sentences.append(
        ngettext(
            "%(num)d of the %(reviews)d reviews held had its record finished within %(days)d working days.",
            "%(num)d of the %(reviews)d reviews held had their records finished within "
            "%(days)d working days.",
            in_time,
            reviews=reviews,
            days=days,
        )
    )
    if due:
        section.sentences.append(
            ngettext(
                "%(num)d of the %(due)d recommendations that fell due was done by its date.",
                "%(num)d of the %(due)d recommendations that fell due were done by their date.",
                done,
                due=due,
            )
        )
    letters = sum(m.letters for m in months)
    if reviews:
        section.sentences.append(
            ngettext(
                "%(num)d child was sent a letter from their review.",
                "%(num)d children were sent a letter from their review.",
                letters,
            )
            if letters
            else _("No child was sent a letter from their review through the portal.")
        )
    return section


def dispute_resolution(db_session: Session, year: int) -> Section:
    """IROs' practice alerts raised in the year: how far they were escalated,
    where they were resolved and how long it took, and what they were about."""
    start, end = year_bounds(year)
    stages, subjects, still_open = record_figures.dispute_resolution(db_session, start, end)
    by_stage = Table(
        "dispute-resolution-stages",
        _("Practice alerts raised in the year, by the furthest stage reached"),
        [_("Stage"), _("Alerts that reached it"), _("Resolved at this stage"), _("Median days to resolve")],
        [
            [str(alert_stage_label(f.stage)), f.reached, f.resolved_here, or_dash(f.median_days)]
            for f in stages
        ],
        compare_columns=(1,),
    )
    by_subject = Table(
        "dispute-resolution-subjects",
        _("Practice alerts raised in the year, by what they were about"),
        [_("About"), _("Alerts")],
        [
            [str(alert_subject_label(subject)), n]
            for subject, n in sorted(subjects.items(), key=lambda i: -i[1])
        ],
        compare_columns=(1,),
    )
    section = Section(0, "dispute-resolution", _("Dispute resolution"), tables=[by_stage, by_subject])
    raised = stages[0].reached if stages else 0
    section.sentences.append(
        ngettext(
            "IROs raised %(num)d practice alert in the year.",
            "IROs raised %(num)d practice alerts in the year.",
            raised,
        )
    )
    if raised:
        section.sentences.append(
            ngettext(
                "%(num)d of them is not yet resolved.",
                "%(num)d of them are not yet resolved.",
                still_open,
            )
            if still_open
            else _("All of them are resolved.")
        )
    return section


SECTIONS = (
    service_sections.service_profile_section,
    service_sections.reviews_section,
    participation,
    consultation,
    children_told_us,
    parents_conferences,
    you_said_we_did,
    safeguarding_flags,
    records_of_reviews,
    dispute_resolution,
    service_sections.priorities_section,
)


def build(db_session: Session, year: int) -> Report:
    made = []
    with aggregates.one_report(db_session):
        for make in SECTIONS:
            section = make(db_session, year)
            if any(table.compare_columns for table in section.tables):
                _beside_year_before(section, make(db_session, year - 1), year_label(year - 1))
            made.append(section)
    for number, section in enumerate(made, start=1):
        section.number = number  # numbered in the order they are read
    report = Report(year, made)
    today = date.today()
    if year_of(today) == year:
        report.so_far_to = today
        _mark_so_far(report, today)
    return report


def _beside_year_before(section: Section, before: Section, label: str) -> None:
    """Each compared column again for the year before, matched on the row's first cell."""
    for table in section.tables:
        if not table.compare_columns:
            continue
        previous = next((t for t in before.tables if t.key == table.key), None)
        earlier = {str(row[0]): row for row in previous.rows} if previous else {}
        table.headers = table.headers + [
            _("%(column)s in %(year)s", column=table.headers[c], year=label) for c in table.compare_columns
        ]
        table.rows = [
            row + [earlier[str(row[0])][c] if str(row[0]) in earlier else "–" for c in table.compare_columns]
            for row in table.rows
        ]


def _mark_so_far(report: Report, today: date) -> None:
    """A year still running is compared with whole years: say so on every column
    that holds it, so no one reads eight months against twelve unwarned."""
    label = year_label(report.year)
    so_far = _("%(year)s so far, to %(day)s", year=label, day=format_date(today, "d MMMM yyyy"))
    for section in report.sections:
        for table in section.tables:
            table.headers = [h.replace(label, so_far) if isinstance(h, str) else h for h in table.headers]
