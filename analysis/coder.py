"""Code one free-text answer: themes, sentiment and the safeguarding flag,
each with the words that decided it."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from analysis import language, lexicon, normalise, safeguarding, sentiment, themes

RULES_VERSION = "1.0"


@cache
def coder_version() -> str:
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
    for cues in (*lex.theme_cues.values(), *lex.safeguarding.values()):
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


def code(text: str, audience: str = "child") -> Coding:
    """Code a text. Never raises on odd input: empty or non-English text comes
    back with no themes and ``analysed`` false (but a safeguarding pattern in it
    still raises the flag)."""
    lex = lexicon.load()
    words = normalise.tokens(text or "", lex.spelling)
    normalised = " ".join(words)
    disclosures = safeguarding.find_disclosures(normalised, lex) if words else {}
    if not words or not language.looks_english(text, words, _vocabulary()):
        reason = "empty" if not (text or "").strip() else "not English, or not enough English to analyse"
        return Coding(
            (),
            "neutral",
            0.0,
            bool(disclosures),
            False,
            {"not_analysed": reason, "safeguarding": disclosures},
            coder_version(),
        )
    found = themes.find_themes(normalised, lex)
    feeling = sentiment.score(words, normalised, lex)
    return Coding(
        themes=tuple(found),
        sentiment=feeling.label,
        polarity=feeling.polarity,
        safeguarding=bool(disclosures),
        analysed=True,
        evidence={"themes": found, "sentiment": list(feeling.evidence), "safeguarding": disclosures},
        coder=coder_version(),
    )
