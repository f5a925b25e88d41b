"""Code free-text answers: themes, sentiment and the safeguarding flag, each
with what decided it.

Two halves work together. The rules (``lexicon.toml``) explain themselves and
catch the wording they were written for; the learned models over sentence
vectors (``learned.py``) read meaning and catch what the rules miss. The
safeguarding flag is raised when either says so: the model can add a flag,
never take one away.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from analysis import language, lexicon, normalise, safeguarding, sentiment, themes, vader
from analysis.learned import LearnedModel, Prediction, Signals

RULES_VERSION = "2.0"
READS_LIKE = 3  # nearest public examples shown beside a flag the model raised


@cache
def rules_version() -> str:
    """Changes whenever the rules or the lexicon change, so stored codes can be redone."""
    digest = hashlib.sha256()
    for name in ("lexicon.toml", "taxonomy.toml"):
        digest.update((lexicon.HERE / name).read_bytes())
    return f"{RULES_VERSION}+{digest.hexdigest()[:8]}"


_CUE_WORD = re.compile(r"[a-z][a-z']+")


@cache
def _vocabulary() -> frozenset[str]:
    """Words the lexicon itself knows (text-speak, cue words, feeling words)."""
    lex = lexicon.load()
    words = set(lex.spelling) | {w for v in lex.spelling.values() for w in v.split()}
    for cues in (*lex.theme_cues.values(), *lex.safeguarding.values(), *lex.negatable.values()):
        for cue in cues:
            words.update(_CUE_WORD.findall(cue.source))
    words.update(lex.sentiment_words)
    return frozenset(words) | language.known_words()


@dataclass(frozen=True)
class Coding:
    themes: tuple[str, ...]
    sentiment: str
    polarity: float
    safeguarding: bool
    analysed: bool
    evidence: dict[str, Any] = field(default_factory=dict)
    coder: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "themes": list(self.themes),
            "sentiment": self.sentiment,
            "polarity": self.polarity,
            "safeguarding": self.safeguarding,
            "analysed": self.analysed,
            "evidence": self.evidence,
            "coder": self.coder,
        }


@dataclass(frozen=True)
class RuleReading:
    """What the rules alone make of a text."""

    text: str
    analysed: bool
    not_analysed: str | None
    themes: dict[str, list[str]]
    sentiment: sentiment.Sentiment
    disclosures: dict[str, list[str]]
    signals: Signals
    model_text: str
    # An answer that says nothing ("no", "idk"): neutral, about no theme, and not
    # given to the model, which would read a mood into it.
    says_nothing: bool = False


# Letters, digits and plain punctuation only: an emoji or a smiley says something.
_PLAIN = re.compile(r"[\w\s.,!?'\u2019\"/-]*")


def says_nothing(text: str, normalised: str, lex: lexicon.Lexicon) -> bool:
    return bool(_PLAIN.fullmatch(text)) and bool(lex.non_answer.fullmatch(normalised))


def read_by_rules(text: str) -> RuleReading:
    lex = lexicon.load()
    text = text or ""
    words = normalise.tokens(text, lex.spelling)
    normalised = " ".join(words)
    disclosures = safeguarding.find_disclosures(text, normalised, lex) if words else {}
    if not words or not language.looks_english(text, words, _vocabulary()):
        reason = "empty" if not text.strip() else "not English, or not enough English to analyse"
        signals = Signals((), frozenset(), 0.0, _ZERO)
        return RuleReading(text, False, reason, {}, _NEUTRAL, disclosures, signals, text)
    if says_nothing(text, normalised, lex):
        signals = Signals(tuple(words), frozenset(), 0.0, _ZERO)
        return RuleReading(text, True, None, {}, _NEUTRAL, disclosures, signals, text, says_nothing=True)
    found = themes.find_themes(normalised, lex)
    feeling = sentiment.score(words, normalised, lex)
    # VADER's scores are filled in only when a learned model will read them.
    signals = Signals(tuple(words), frozenset(found), feeling.polarity, _ZERO)
    model_text = safeguarding.text_for_the_model(text, normalised, lex)
    return RuleReading(text, True, None, found, feeling, disclosures, signals, model_text)


_ZERO = (0.0, 1.0, 0.0, 0.0)
_NEUTRAL = sentiment.Sentiment("neutral", 0.0, ())
SAFETY = "safety"  # the coding frame's theme for feeling safe or unsafe, being hurt, going missing


class Coder:
    """Rules plus, when given one, a learned model (and the sentence encoder it reads)."""

    def __init__(self, model: LearnedModel | None = None, nearest: Any = None, encode: Any = None) -> None:
        self.model = model
        self.nearest = nearest
        self._encode = encode

    @property
    def version(self) -> str:
        return f"{rules_version()}/{self.model.version}" if self.model else rules_version()

    def code(self, text: str, audience: str = "child") -> Coding:
        return self.code_many([text], [audience])[0]

    def code_many(self, texts: Sequence[str], audiences: Sequence[str] | None = None) -> list[Coding]:
        """Code several texts at once (the sentence encoder runs them as one batch).

        Never raises on odd input: empty or non-English text comes back with no
        themes and ``analysed`` false (but a safeguarding cue in it still raises
        the flag)."""
        readings = [read_by_rules(t) for t in texts]
        predictions: dict[int, Prediction] = {}
        vectors = None
        if self.model is not None and self._encode is not None:
            chosen = [i for i, r in enumerate(readings) if r.analysed and not r.says_nothing]
            if chosen:
                vectors = self._encode([readings[i].model_text for i in chosen])
                signals = [
                    dataclasses.replace(readings[i].signals, vader=vader.scores(readings[i].text))
                    for i in chosen
                ]
                found = self.model.predict(vectors, signals)
                predictions = dict(zip(chosen, found, strict=True))
                row_of = {i: row for row, i in enumerate(chosen)}
        codings = []
        for i, reading in enumerate(readings):
            prediction = predictions.get(i)
            reads_like = []
            if (
                prediction is not None
                and prediction.flagged
                and self.nearest is not None
                and vectors is not None
            ):
                reads_like = self.nearest(vectors[row_of[i]], READS_LIKE)
            codings.append(self._combine(reading, prediction, reads_like))
        return codings

    def _combine(self, reading: RuleReading, prediction: Prediction | None, reads_like: list[dict]) -> Coding:
        evidence: dict[str, Any] = {"safeguarding": reading.disclosures}
        if not reading.analysed:
            evidence["not_analysed"] = reading.not_analysed
            return Coding((), "neutral", 0.0, bool(reading.disclosures), False, evidence, self.version)
        theme_evidence = dict(reading.themes)
        chosen = list(reading.themes)
        label = reading.sentiment.label
        if prediction is not None:
            chosen = list(prediction.themes)
            theme_evidence = {t: reading.themes.get(t) or prediction.theme_words.get(t, []) for t in chosen}
            label = prediction.sentiment
            evidence["safeguarding_model"] = {
                "probability": round(prediction.flag_probability, 3),
                "threshold": round(prediction.flag_threshold, 3),
                "raised": prediction.flagged,
                "reads_like": reads_like,
            }
        if reading.disclosures and SAFETY not in chosen:
            # What may disclose harm is about safety, whatever else it is about (themes.md).
            chosen.append(SAFETY)
            theme_evidence[SAFETY] = list(
                dict.fromkeys(w for words in reading.disclosures.values() for w in words)
            )
        evidence["themes"] = theme_evidence
        evidence["sentiment"] = list(reading.sentiment.evidence)
        flagged = bool(reading.disclosures) or bool(prediction and prediction.flagged)
        return Coding(tuple(chosen), label, reading.sentiment.polarity, flagged, True, evidence, self.version)
