"""Quotes that represent: each text once, and negative ones in proportion to
the theme's own mix, so a report does not read rosier than what children said."""

from __future__ import annotations

from datetime import datetime

from portal.insights.explorer import Row, quotes


def row(n: int, text: str, sentiment: str, child: int | None = None) -> Row:
    person = f"child-{n if child is None else child}"
    return Row(
        n,
        "q",
        "child",
        "8-12",
        "",
        datetime(2025, 5, 1),
        text,
        ("education",),
        sentiment,
        {},
        [],
        False,
        person,
    )


def test_the_same_words_are_proposed_once():
    rows = [row(n, "I want more help with maths", "neutral") for n in range(6)]
    rows += [row(10 + n, f"School is fine, I like {subject}", "positive") for n, subject in enumerate("ABCD")]
    texts = [q.text for q in quotes(rows, "education", 5)]
    assert texts.count("I want more help with maths") == 1 and len(texts) == len(set(texts))


def test_negative_quotes_come_in_the_themes_own_proportion():
    negative = [row(n, f"I hate school because of lesson {n}", "negative") for n in range(4)]
    positive = [row(100 + n, f"I love school and subject {n}", "positive") for n in range(6)]
    chosen = quotes(positive + negative, "education", 5)  # 40% negative in the theme
    assert sum(q.sentiment == "negative" for q in chosen) == 2 and len(chosen) == 5


def test_too_few_of_one_kind_are_made_up_from_the_other():
    negative = [row(n, f"I hate school because of lesson {n}", "negative") for n in range(8)]
    positive = [row(100, "I love art", "positive")]
    assert len(quotes(positive + negative, "education", 5)) == 5


def test_many_answers_from_fewer_than_5_children_are_never_quoted():
    rows = [row(n, f"School is hard in lesson {n}", "negative", child=n % 4) for n in range(12)]
    assert quotes(rows, "education", 5) == []
    assert quotes(rows + [row(99, "School is fine", "neutral")], "education", 5)
