"""Parents' feedback after Child Protection conferences: the figures councils
report (annual-report.md section 4). Plain records in, plain values out.

- Agreement with a statement is the share of parents who answered it (not
  counting "not applicable") who agreed or strongly agreed.
- A parent is "positive overall" when they agree or strongly agree with most
  (more than half) of the statements they answered.
- A parent is "unhappy in every area" when they disagree or strongly disagree
  with every statement they answered (at least one).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from analysis.review_timeliness import add_working_days

AGREE = frozenset({"agree", "strongly_agree"})
DISAGREE = frozenset({"disagree", "strongly_disagree"})
SCALE = ("strongly_agree", "agree", "disagree", "strongly_disagree", "not_applicable")
STATEMENTS = (
    "explained_before",
    "supported_views",
    "concerns_explained",
    "clear_what_changes",
    "plan_helped",
    "report_in_time",
    "interpreter_offered",
    "felt_listened_to",
)
CONFERENCE_TYPES = ("initial", "review", "transfer_in")


def _views(answers: Mapping[str, object]) -> list[str]:
    """The agree/disagree answers a parent gave, leaving out skipped and not applicable."""
    return [str(answers[s]) for s in STATEMENTS if answers.get(s) in AGREE | DISAGREE]


def positive_overall(answers: Mapping[str, object]) -> bool:
    views = _views(answers)
    return bool(views) and sum(v in AGREE for v in views) * 2 > len(views)


def unhappy_in_every_area(answers: Mapping[str, object]) -> bool:
    views = _views(answers)
    return bool(views) and all(v in DISAGREE for v in views)


@dataclass(frozen=True)
class FeedbackRecord:
    conference_type: str
    answers: Mapping[str, object]
    followed_up: bool = False
    # How many parents gave exactly these answers: a database can count a year's
    # forms by their answers, rather than hand over every one.
    count: int = 1


@dataclass(frozen=True)
class StatementFigures:
    statement: str
    counts: Mapping[str, int]
    answered: int  # agree or disagree, of any strength

    @property
    def agree(self) -> int:
        return sum(self.counts.get(k, 0) for k in AGREE)

    @property
    def agree_percent(self) -> float | None:
        return round(100 * self.agree / self.answered, 1) if self.answered else None


@dataclass(frozen=True)
class ConferenceSummary:
    responses: int
    by_type: Mapping[str, int]
    statements: tuple[StatementFigures, ...]
    statements_by_type: Mapping[str, tuple[StatementFigures, ...]]
    positive: int
    unhappy: int
    unhappy_followed_up: int
    comments: tuple[str, ...] = field(default_factory=tuple)

    @property
    def positive_percent(self) -> float | None:
        return round(100 * self.positive / self.responses, 1) if self.responses else None


def _statement_figures(records: list[FeedbackRecord]) -> tuple[StatementFigures, ...]:
    figures = []
    for statement in STATEMENTS:
        counts: Counter[str] = Counter()
        for r in records:
            if r.answers.get(statement) in SCALE:
                counts[str(r.answers[statement])] += r.count
        answered = sum(counts[k] for k in AGREE | DISAGREE)
        figures.append(StatementFigures(statement, dict(counts), answered))
    return tuple(figures)


def summarise(records: Iterable[FeedbackRecord]) -> ConferenceSummary:
    records = list(records)
    unhappy = [r for r in records if unhappy_in_every_area(r.answers)]
    return ConferenceSummary(
        responses=sum(r.count for r in records),
        by_type={t: sum(r.count for r in records if r.conference_type == t) for t in CONFERENCE_TYPES},
        statements=_statement_figures(records),
        statements_by_type={
            t: _statement_figures([r for r in records if r.conference_type == t]) for t in CONFERENCE_TYPES
        },
        positive=sum(r.count for r in records if positive_overall(r.answers)),
        unhappy=sum(r.count for r in unhappy),
        unhappy_followed_up=sum(r.count for r in unhappy if r.followed_up),
        comments=tuple(
            str(r.answers["comments"]) for r in records if str(r.answers.get("comments") or "").strip()
        ),
    )


INITIAL_CONFERENCE_WORKING_DAYS = 15  # Working Together: from the strategy discussion


@dataclass(frozen=True)
class InitialTimeliness:
    held: int  # initial conferences held
    timed: int  # of them, with the strategy discussion's date known
    in_time: int  # of those, held within 15 working days of it


def initial_timeliness(
    conferences: Iterable[tuple[date, date | None]], holidays: frozenset[date] = frozenset()
) -> InitialTimeliness:
    """Initial conferences as (held on, strategy discussion on): how many were
    held within 15 working days of their strategy discussion."""
    held = timed = in_time = 0
    for held_on, strategy_on in conferences:
        held += 1
        if strategy_on is None or strategy_on > held_on:
            continue  # no date, or a date after the conference: cannot be timed
        timed += 1
        in_time += held_on <= add_working_days(strategy_on, INITIAL_CONFERENCE_WORKING_DAYS, holidays)
    return InitialTimeliness(held, timed, in_time)
