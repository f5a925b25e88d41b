"""Is this text English we can analyse? The coder says "not analysed" rather
than guess at another language."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import textblob

BUNDLED = Path(textblob.__file__).parent / "en"
MIN_KNOWN_SHARE = 0.5


@cache
def known_words() -> frozenset[str]:
    """English words from the word lists that ship inside TextBlob (its
    spelling frequencies and its part-of-speech lexicon)."""
    words: set[str] = set()
    for name in ("en-spelling.txt", "en-lexicon.txt"):
        for line in (BUNDLED / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith(";"):
                words.add(line.split()[0].lower())
    return frozenset(words)


def latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    return sum(1 for c in letters if c.isascii()) / len(letters)


def looks_english(text: str, words: list[str], known: frozenset[str]) -> bool:
    """``known`` is the English vocabulary: ``known_words()`` plus the lexicon's own."""
    if latin_share(text) < 0.5:
        return False
    content = [w for w in words if len(w) >= 3 and not w.isdigit()]
    if not content:
        return True
    return sum(1 for w in content if w in known) / len(content) >= MIN_KNOWN_SHARE
