"""The conference feedback figures, checked against a fixture counted by hand."""

from __future__ import annotations

from analysis.conference import FeedbackRecord, positive_overall, summarise, unhappy_in_every_area

SA, A, D, SD, NA = "strongly_agree", "agree", "disagree", "strongly_disagree", "not_applicable"


def record(kind, *views, comment="", followed_up=False, **extra):
    keys = ("explained_before", "supported_views", "concerns_explained", "clear_what_changes")
    answers = {k: v for k, v in zip(keys, views, strict=False) if v}
    answers.update(extra)
    if comment:
        answers["comments"] = comment
    return FeedbackRecord(kind, answers, followed_up)


# 32 responses: 12 initial, 14 review, 6 transfer-in. Counted by hand below.
FIXTURE = (
    # initial: 10 positive (all agree), 1 mixed (2 agree, 2 disagree: not positive), 1 unhappy (followed up)
    [record("initial", SA, A, A, A) for _ in range(10)]
    + [record("initial", A, A, D, D)]
    + [record("initial", D, SD, D, NA, comment="Nobody explained anything", followed_up=True)]
    # review: 11 positive (3 of 4 agree), 2 unhappy (one followed up), 1 with only N/A (no views)
    + [record("review", A, A, A, D, plan_helped=A) for _ in range(11)]
    + [
        record("review", SD, SD, SD, SD, plan_helped=D, followed_up=True),
        record("review", D, None, None, None, comment="Too many people"),
    ]
    + [record("review", None, None, None, NA)]
    # transfer-in: 5 positive, 1 with one agree and one disagree (not positive, not unhappy)
    + [record("transfer_in", SA, SA, SA, SA) for _ in range(5)]
    + [record("transfer_in", A, D, comment="The chair was kind")]
)


def test_counts_by_type_positive_and_unhappy_match_the_hand_count():
    summary = summarise(FIXTURE)
    assert summary.responses == 32
    assert summary.by_type == {"initial": 12, "review": 14, "transfer_in": 6}
    assert summary.positive == 10 + 11 + 5
    assert summary.positive_percent == round(100 * 26 / 32, 1) == 81.2
    assert summary.unhappy == 3
    assert summary.unhappy_followed_up == 2
    assert summary.comments == ("Nobody explained anything", "Too many people", "The chair was kind")


def test_agreement_per_statement_leaves_out_skipped_and_not_applicable():
    figures = {f.statement: f for f in summarise(FIXTURE).statements}
    explained = figures["explained_before"]
    # agree: 10 + 1 + 11 + 5 + 1 = 28; disagree: 1 (initial unhappy) + 2 (review unhappy) = 3
    assert explained.answered == 31 and explained.agree == 28 and explained.agree_percent == 90.3
    clear = figures["clear_what_changes"]
    # agree: 10 + 5 = 15; disagree: 1 (initial mixed) + 11 (review) + 1 (review unhappy) = 13; N/A 2 left out
    assert clear.answered == 28 and clear.agree == 15 and clear.counts[NA] == 2
    plan = figures["plan_helped"]
    assert plan.answered == 12 and plan.agree == 11  # review conferences only


def test_figures_by_conference_type():
    by_type = summarise(FIXTURE).statements_by_type
    assert {f.statement: f.agree for f in by_type["transfer_in"]}["supported_views"] == 5
    assert {f.statement: f.answered for f in by_type["initial"]}["explained_before"] == 12


def test_definitions():
    assert positive_overall({"explained_before": A, "supported_views": A, "concerns_explained": D})
    assert not positive_overall({"explained_before": A, "supported_views": D})  # half is not most
    assert unhappy_in_every_area({"explained_before": D, "felt_listened_to": SD, "clear_what_changes": NA})
    assert not unhappy_in_every_area({"clear_what_changes": NA})  # nothing answered
    assert not unhappy_in_every_area({})


def test_forms_counted_together_by_their_answers_give_the_same_figures():
    """A database hands over each set of answers once with how many parents gave it."""
    grouped: dict[tuple, int] = {}
    for r in FIXTURE:
        key = (r.conference_type, tuple(sorted(r.answers.items())), r.followed_up)
        grouped[key] = grouped.get(key, 0) + 1
    counted = [
        FeedbackRecord(kind, dict(answers), followed, n) for (kind, answers, followed), n in grouped.items()
    ]
    assert len(counted) < len(FIXTURE)
    one_by_one, together = summarise(FIXTURE), summarise(counted)
    assert together.responses == 32 and together.by_type == one_by_one.by_type
    assert (together.positive, together.unhappy, together.unhappy_followed_up) == (26, 3, 2)
    assert together.statements == one_by_one.statements
    assert together.statements_by_type == one_by_one.statements_by_type


def test_an_initial_conference_is_in_time_within_15_working_days_of_the_strategy_discussion():
    from datetime import date

    from analysis.conference import initial_timeliness

    christmas = frozenset({date(2025, 12, 25), date(2025, 12, 26), date(2026, 1, 1)})
    figures = initial_timeliness(
        [
            (date(2025, 12, 24), date(2025, 12, 3)),  # exactly 15 working days: in time
            (date(2026, 1, 6), date(2025, 12, 12)),  # 15 working days only with the bank holidays
            (date(2025, 12, 1), None),  # no date: held, not timed
            (date(2025, 12, 1), date(2025, 12, 5)),  # a date after the conference: not timed
        ],
        christmas,
    )
    assert (figures.held, figures.timed, figures.in_time) == (4, 2, 2)
    assert initial_timeliness([(date(2026, 1, 6), date(2025, 12, 12))]).in_time == 0  # no holidays: late
