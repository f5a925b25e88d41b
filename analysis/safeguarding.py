"""The safeguarding flag: anything that may disclose harm or risk.

It errs towards caution. Idioms ("I killed it at my exams", "this is killing
me") are removed first; fear words negated just before ("I'm not scared of
anyone") do not count. Nothing else is ever suppressed, least of all by a
positive sentiment.
"""

from __future__ import annotations

import re

from analysis.lexicon import Lexicon

NEGATED_CATEGORIES = frozenset({"fear"})
_NEGATION_BEFORE = re.compile(r"(?:^|\s)(?:not|never|no|nobody|nothing)(?:\s\S+){0,2}\s*$")


def _without_idioms(text: str, lexicon: Lexicon) -> str:
    if lexicon.idiom_pattern is None:
        return text
    return lexicon.idiom_pattern.sub(lambda m: "_" * len(m.group(0)), text)


def find_disclosures(text: str, lexicon: Lexicon) -> dict[str, list[str]]:
    """Category -> matched words, for every category that matched."""
    searchable = _without_idioms(text, lexicon)
    found: dict[str, list[str]] = {}
    for category, pattern in lexicon.safeguarding_patterns.items():
        matches: list[str] = []
        for match in pattern.finditer(searchable):
            if category in NEGATED_CATEGORIES and _NEGATION_BEFORE.search(searchable[: match.start()]):
                continue
            if match.group(0) not in matches:
                matches.append(match.group(0))
        if matches:
            found[category] = matches
    return found
