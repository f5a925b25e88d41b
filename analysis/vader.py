"""VADER's sentiment scores, from the lexicon that ships inside the
``vaderSentiment`` package (offline). It reads negation, intensifiers, capitals
and emoji, which children use and our own rules do not."""

from __future__ import annotations

from functools import cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


@cache
def _analyser() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def scores(text: str) -> tuple[float, float, float, float]:
    """(negative, neutral, positive, compound) for a text."""
    found = _analyser().polarity_scores(text)
    return (found["neg"], found["neu"], found["pos"], found["compound"])
