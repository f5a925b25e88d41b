"""The small-number rule, the same everywhere figures about children leave
the portal (the explorer, the annual report, its CSV files): a group of fewer
than 5 distinct people is never shown, counted by people, not answers (one
child writing about school on three pages is one child), and no share is shown
that would give a small group away.

Plain records in: (person, themes, sentiment) for each answer, where person
is any key that is the same for every answer one person gave."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

SMALLEST_GROUP = 5


def shown(people: int, figure: int | None = None) -> int | None:
    """The figure (by default, the number of people) when the group is large enough."""
    if people < SMALLEST_GROUP:
        return None
    return people if figure is None else figure


@dataclass(frozen=True)
class ThemeFigures:
    theme: str
    answers: int
    people: int
    positive_answers: int
    positive_people: int
    negative_answers: int
    negative_people: int

    @property
    def shown_people(self) -> int | None:
        return shown(self.people)

    def share(self, sentiment: str) -> float | None:
        """The share of the theme's answers with this sentiment, as a percentage,
        only when both the theme and the sentiment's group are large enough
        (or nobody at all: 0% gives no one away)."""
        answers, people = (
            (self.positive_answers, self.positive_people)
            if sentiment == "positive"
            else (self.negative_answers, self.negative_people)
        )
        if self.people < SMALLEST_GROUP or 0 < people < SMALLEST_GROUP or not self.answers:
            return None
        return round(100 * answers / self.answers, 1)


def theme_figures(
    answers: Iterable[tuple[Hashable, Iterable[str], str]], themes: Iterable[str]
) -> list[ThemeFigures]:
    """Per theme: answers and distinct people, in all and by positive and negative."""
    counts: Counter[str] = Counter()
    positive: Counter[str] = Counter()
    negative: Counter[str] = Counter()
    people: dict[str, set[Hashable]] = {}
    positive_people: dict[str, set[Hashable]] = {}
    negative_people: dict[str, set[Hashable]] = {}
    for person, answer_themes, sentiment in answers:
        for theme in answer_themes:
            counts[theme] += 1
            people.setdefault(theme, set()).add(person)
            if sentiment == "positive":
                positive[theme] += 1
                positive_people.setdefault(theme, set()).add(person)
            elif sentiment == "negative":
                negative[theme] += 1
                negative_people.setdefault(theme, set()).add(person)
    return [
        ThemeFigures(
            theme,
            counts[theme],
            len(people.get(theme, ())),
            positive[theme],
            len(positive_people.get(theme, ())),
            negative[theme],
            len(negative_people.get(theme, ())),
        )
        for theme in themes
    ]
