"""The small-number rule counted in people, and shares that give no small group away."""

from __future__ import annotations

from analysis.small_numbers import shown, theme_figures


def test_a_theme_is_counted_in_people_not_answers():
    # One child writing on school on three pages is one child.
    answers = [("a", ["school"], "negative")] * 3 + [(p, ["school"], "positive") for p in "bcd"]
    (school,) = theme_figures(answers, ["school"])
    assert (school.answers, school.people) == (6, 4)
    assert school.shown_people is None  # 4 children: not shown, however many answers
    assert school.share("positive") is None


def test_a_share_is_shown_only_when_its_own_group_is_large_enough():
    answers = [(p, ["home"], "positive") for p in "abcdef"] + [("g", ["home"], "negative")]
    (home,) = theme_figures(answers, ["home"])
    assert home.shown_people == 7
    assert home.share("positive") == round(100 * 6 / 7, 1)
    assert home.share("negative") is None  # one child: 14.3% of 7 would name them
    nobody = theme_figures([(p, ["home"], "positive") for p in "abcde"], ["home"])[0]
    assert nobody.share("negative") == 0.0  # no one at all gives no one away


def test_shown_keeps_a_figure_only_for_a_group_of_5_or_more():
    assert shown(4) is None and shown(5) == 5 and shown(5, 12) == 12 and shown(3, 12) is None
