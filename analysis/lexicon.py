"""The taxonomy and the domain lexicon, loaded once from their data files."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Theme:
    id: str
    label: str


@dataclass(frozen=True)
class Cue:
    """One compiled cue; ``source`` is how it is written in the lexicon."""

    source: str
    pattern: re.Pattern[str]


WORD_START = r"(?<![a-z0-9'])"
WORD_END = r"(?![a-z0-9'])"


def cue_body(cue: str) -> str:
    """The lexicon's small cue syntax (``word*``, ``(a|b)``, ``~``) as a regex body."""
    gap = "~"
    parts = []
    for word in cue.split():
        parts.append(r"(?:\S+ ){0,3}" if word == gap else word.replace("*", r"[a-z0-9']*") + " ")
    return "".join(parts).rstrip(" ")


def cue_to_regex(cue: str) -> str:
    """A cue as a regex matching whole words only."""
    return WORD_START + "(?:" + cue_body(cue) + ")" + WORD_END


def _compile(cues: list[str]) -> tuple[Cue, ...]:
    return tuple(Cue(c, re.compile(cue_to_regex(c))) for c in cues)


def _combined(cues: tuple[Cue, ...]) -> re.Pattern[str] | None:
    """All of a group's cues as one alternation, so a text is scanned once per group."""
    if not cues:
        return None
    # Word boundaries once around the alternation: the scan then tries the
    # alternatives only where a word starts, which keeps coding fast.
    bodies = "|".join(cue_body(cue.source) for cue in cues)
    return re.compile(f"{WORD_START}(?:{bodies}){WORD_END}")


@dataclass(frozen=True)
class Lexicon:
    themes: tuple[Theme, ...]
    spelling: Mapping[str, str]
    theme_cues: Mapping[str, tuple[Cue, ...]]
    safeguarding: Mapping[str, tuple[Cue, ...]]
    negatable: Mapping[str, tuple[Cue, ...]]
    idioms: tuple[Cue, ...]
    theme_patterns: Mapping[str, re.Pattern[str]]
    safeguarding_patterns: Mapping[str, re.Pattern[str]]
    negatable_patterns: Mapping[str, re.Pattern[str]]
    idiom_pattern: re.Pattern[str] | None
    sentiment_words: Mapping[str, float]
    sentiment_phrases: tuple[tuple[Cue, float], ...]
    sentiment_ignore: frozenset[str]
    non_answer: re.Pattern[str]


@cache
def coding_frame() -> tuple[Theme, ...]:
    """The themes alone, without compiling the lexicon's cues (a tenth of a
    second or more): for what names themes but codes nothing, such as the report."""
    taxonomy = tomllib.loads((HERE / "taxonomy.toml").read_text(encoding="utf-8"))
    return tuple(Theme(t["id"], t["label"]) for t in taxonomy["themes"])


@cache
def load() -> Lexicon:
    raw = tomllib.loads((HERE / "lexicon.toml").read_text(encoding="utf-8"))
    themes = coding_frame()
    ids = {t.id for t in themes}
    unknown = set(raw["themes"]) - ids
    if unknown:
        raise ValueError(f"lexicon.toml has cues for unknown themes: {sorted(unknown)}")
    sentiment = raw["sentiment"]
    theme_cues = {t: _compile(raw["themes"].get(t, [])) for t in ids}
    safeguarding = {k: _compile(v.get("cues", [])) for k, v in raw["safeguarding"].items()}
    negatable = {k: _compile(v.get("negatable", [])) for k, v in raw["safeguarding"].items()}
    idioms = _compile(raw["safeguarding_idioms"]["phrases"])
    return Lexicon(
        themes=themes,
        spelling=MappingProxyType(dict(raw["spelling"])),
        theme_cues=MappingProxyType(theme_cues),
        safeguarding=MappingProxyType(safeguarding),
        negatable=MappingProxyType(negatable),
        idioms=idioms,
        theme_patterns=MappingProxyType({t: p for t, c in theme_cues.items() if (p := _combined(c))}),
        safeguarding_patterns=MappingProxyType(
            {k: p for k, c in safeguarding.items() if (p := _combined(c))}
        ),
        negatable_patterns=MappingProxyType({k: p for k, c in negatable.items() if (p := _combined(c))}),
        idiom_pattern=_combined(idioms),
        sentiment_words=MappingProxyType({k: v for k, v in sentiment.items() if " " not in k}),
        sentiment_phrases=tuple(
            (Cue(k, re.compile(cue_to_regex(k))), v) for k, v in sentiment.items() if " " in k
        ),
        sentiment_ignore=frozenset(raw["sentiment_ignore"]["words"]),
        non_answer=_non_answer(raw["non_answers"]["phrases"]),
    )


_BEFORE_NON_ANSWER = "(?:(?:um|umm|erm|er|well|honestly|to be honest) )?"
_AFTER_NON_ANSWER = "(?: (?:really|thanks|thank you|at the moment|right now|for now|to be honest|at all))?"


def _non_answer(phrases: list[str]) -> re.Pattern[str]:
    """One pattern for a whole answer that says nothing (``fullmatch`` it)."""
    bodies = "|".join(cue_body(p) for p in phrases)
    return re.compile(f"{_BEFORE_NON_ANSWER}(?:{bodies}){_AFTER_NON_ANSWER}")
