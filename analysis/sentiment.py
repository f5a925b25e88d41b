"""Sentiment from TextBlob's bundled lexicon plus our domain lexicon, with
negation that survives contractions ("I don't feel safe" is negative, which
TextBlob's own scorer gets wrong) and a reading of "X but Y" as mixed."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from textblob.en import sentiment as textblob_lexicon

from analysis.lexicon import Lexicon

NEGATORS = frozenset(
    {"not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "without", "hardly"}
)
# A negation that qualifies no feeling word still signals a complaint
# ("nobody ever listens", "I don't want my dad there"), except these.
DANGLING = frozenset({"not", "never", "nobody"})
NEUTRAL_AFTER_NEGATION = frozenset({"know", "sure", "mind", "matter", "bothered"})
CONTRAST = frozenset({"but", "although", "though", "however", "yet"})
NEGATION_WINDOW = 3
POSITIVE, NEGATIVE = 0.1, -0.1


@dataclass(frozen=True)
class Sentiment:
    label: str
    polarity: float
    evidence: tuple[dict[str, object], ...]


@cache
def _general(word: str) -> tuple[float, float]:
    """TextBlob's (polarity, intensity) for a word, or (0, 1) when it has none."""
    senses = textblob_lexicon.get(word)
    if not senses:
        return 0.0, 1.0
    polarity, _subjectivity, intensity = senses[None]
    return float(polarity), float(intensity)


def _word_scores(words: list[str], lexicon: Lexicon, phrase_at: dict[int, tuple[int, str, float]]):
    """Yield (index, text, score) for each feeling word or phrase, with negation applied."""
    used_negators: set[int] = set()
    scored: list[tuple[int, str, float, bool]] = []
    boost = 1.0
    i = 0
    while i < len(words):
        word = words[i]
        if i in phrase_at:
            end, text, value = phrase_at[i]
        else:
            end, text = i + 1, word
            known = lexicon.sentiment_words.get(word)
            if known is not None:
                value = known
            else:
                if word in lexicon.sentiment_ignore:
                    value = 0.0
                else:
                    value, intensity = _general(word)
                    if intensity > 1.0:  # "very", "really": strengthen what follows
                        boost, i = intensity, i + 1
                        continue
        if value:
            negator = next(
                (j for j in range(i - 1, max(i - NEGATION_WINDOW, 0) - 1, -1) if words[j] in NEGATORS), None
            )
            negated = negator is not None
            if negator is not None:
                used_negators.add(negator)
                value = -0.75 * value
            scored.append((i, text, max(-1.0, min(1.0, value * boost)), negated))
        boost = 1.0
        i = end
    dangling = [
        j
        for j, w in enumerate(words)
        if w in DANGLING
        and j not in used_negators
        and not (j + 1 < len(words) and words[j + 1] in NEUTRAL_AFTER_NEGATION)
    ]
    if dangling:
        scored.append((dangling[0], words[dangling[0]], -0.3, False))
    return sorted(scored)


def score(words: list[str], text: str, lexicon: Lexicon) -> Sentiment:
    """Label and polarity for normalised words (``text`` is them joined by spaces)."""
    phrase_at: dict[int, tuple[int, str, float]] = {}
    for cue, value in lexicon.sentiment_phrases:
        for match in cue.pattern.finditer(text):
            start = text[: match.start()].count(" ")
            phrase_at[start] = (start + match.group(0).count(" ") + 1, match.group(0), value)
    scored = _word_scores(words, lexicon, phrase_at)
    evidence = tuple({"text": t, "score": round(s, 3), "negated": n} for _, t, s, n in scored)
    if not scored:
        return Sentiment("neutral", 0.0, evidence)
    polarity = round(sum(s for *_, s, _n in scored) / len(scored), 3)
    return Sentiment(_label(words, scored, polarity), polarity, evidence)


def _label(words: list[str], scored: list[tuple[int, str, float, bool]], polarity: float) -> str:
    turns = [i for i, w in enumerate(words) if w in CONTRAST]
    if turns:
        turn = turns[-1]
        before = [s for i, _t, s, _n in scored if i < turn]
        after = [s for i, _t, s, _n in scored if i > turn]
        if after:
            after_mean = sum(after) / len(after)
            before_mean = sum(before) / len(before) if before else 0.0
            if after_mean < 0 <= before_mean:
                return "mixed"  # "school is ok but I'm behind in maths"
            if after_mean > 0 > before_mean:
                return "positive"  # the turn is the point: "...but then she finds out"
    values = [s for *_, s, _n in scored]
    if polarity >= POSITIVE:
        return "positive"
    if polarity <= NEGATIVE:
        return "negative"
    if max(values) >= 0.4 and min(values) <= -0.4:
        return "mixed"
    return "neutral"
