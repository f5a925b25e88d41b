"""How hard a sentence is to read, as a reading age: advice for an adult
writing to a child, never a gate.

The Flesch-Kincaid grade is enough for that (the issue asks for a simple
formula, and it is the one UK plain-English guides quote); a US grade is a
reading age five years higher. Syllables are counted by vowel groups, which
is close enough for advice and needs no dictionary.
"""

from __future__ import annotations

import re

YOUNGEST, OLDEST = 5, 18  # beyond these the formula says nothing useful
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    word = word.lower().split("'")[0]
    count = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1  # a silent final e: "make", "home"
    return max(1, count)


def reading_age(text: str) -> int | None:
    """The age at which most children read ``text`` easily, or None for no words."""
    words = _WORD.findall(text)
    if not words:
        return None
    sentences = max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)]))
    grade = 0.39 * len(words) / sentences + 11.8 * sum(map(syllables, words)) / len(words) - 15.59
    return min(OLDEST, max(YOUNGEST, round(grade + 5)))
