"""The safeguarding rules: anything that may disclose harm or risk.

They err towards caution. Two things are read as not a disclosure, and
nothing else ever is (least of all a positive sentiment):

- idioms ("I killed it at my exams", "this is killing me"), removed first;
- fear words negated just before ("I'm not scared of anyone").

Harm told as past and over ("I used to self-harm but I stopped now") is kept
apart: a cue in a clause that speaks of the past, in a text that says plainly
that it has ended, does not flag by itself. Any cue elsewhere still flags, so a
present-tense disclosure is never hidden by a past one: a turn within a
sentence ("it used to be fine but now he hits me") starts a new clause, and a
sentence that says the harm goes on ("still", "again", "every night") is never
read as past.
The learned model reads every text as well, and can raise the flag on its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from analysis import normalise
from analysis.lexicon import Lexicon

_NEGATION_BEFORE = re.compile(r"(?:^|\s)(?:not|never|no|nobody|nothing)(?:\s\S+){0,2}\s*$")
_SENTENCE = re.compile(r"(?<=[.!?;\n])\s+|\n+")
_PAST = re.compile(
    r"\b(?:used to|when i was (?:little|younger|small|a (?:child|kid|baby))|years ago|back then|in the past"
    r"|before i (?:came|went) (?:into|in) care|at my (?:old|last) (?:home|house|placement))\b"
)
_OVER = re.compile(
    r"\b(?:stopped|no longer|not any more|anymore|any more|safe now|now safe|over now|all over"
    r"|moved away from|(?:am|feel|felt) safe (?:here|now)|much better now|got better)\b"
)
# "I feel safe" says it is over only when nothing negates it ("I don't feel safe").
_SAFE = re.compile(r"\b(?:am|feel|feeling) safe\b")
# Where a sentence turns, a new clause starts: what follows is not told in the past.
# It reads the text as written, so case does not matter ("But now he hits me").
_TURN = re.compile(r"\s+(?=(?:but|now|though|although|except|until)\b)|;", re.IGNORECASE)
_GOES_ON = re.compile(
    r"\b(?:still|again|keeps?|every (?:day|night|time|week|weekend)|sometimes|at the moment|right now"
    r"|these days|lately|recently)\b"
)


def _without_idioms(text: str, lexicon: Lexicon) -> str:
    if lexicon.idiom_pattern is None:
        return text
    return lexicon.idiom_pattern.sub(lambda m: "_" * len(m.group(0)), text)


def text_for_the_model(text: str, normalised: str, lexicon: Lexicon) -> str:
    """What the learned model reads: the text as written, unless it holds an
    idiom, which is taken out first for the model too ("I killed it in my
    exams" is not about killing)."""
    if lexicon.idiom_pattern is None or not lexicon.idiom_pattern.search(normalised):
        return text
    return " ".join(lexicon.idiom_pattern.sub(" ", normalised).split())


def _matches(normalised: str, lexicon: Lexicon) -> dict[str, list[str]]:
    searchable = _without_idioms(normalised, lexicon)
    found: dict[str, list[str]] = {}
    groups = [(p, False) for p in lexicon.safeguarding_patterns.items()]
    groups += [(p, True) for p in lexicon.negatable_patterns.items()]
    for (category, pattern), negatable in groups:
        for match in pattern.finditer(searchable):
            if negatable and _NEGATION_BEFORE.search(searchable[: match.start()]):
                continue
            kept = found.setdefault(category, [])
            if match.group(0) not in kept:
                kept.append(match.group(0))
    return found


def _unnegated(pattern: re.Pattern[str], words: str) -> bool:
    return any(not _NEGATION_BEFORE.search(words[: m.start()]) for m in pattern.finditer(words))


def _said_over(normalised: str) -> bool:
    return bool(_OVER.search(normalised)) or _unnegated(_SAFE, normalised)


def _clauses(sentence: str, spelling: Mapping[str, str]) -> list[tuple[str, bool]]:
    """A sentence's clauses as normalised words, each with whether it tells of
    the past. A sentence that says the harm goes on has no past clause."""
    clauses = [c for part in _TURN.split(sentence) if (c := " ".join(normalise.tokens(part, spelling)))]
    if _unnegated(_GOES_ON, " ".join(clauses)):
        return [(" ".join(clauses), False)]
    return [(c, bool(_PAST.search(c))) for c in clauses]


def find_disclosures(text: str, normalised: str, lexicon: Lexicon) -> dict[str, list[str]]:
    """Category -> matched words, for every category that matched.

    ``normalised`` is the whole text's normalised words; ``text`` is as written,
    used to tell clauses apart for harm that is past and over."""
    found = _matches(normalised, lexicon)
    if not found or not _said_over(normalised):
        return found
    present: dict[str, list[str]] = {}
    any_past = False
    for sentence in _SENTENCE.split(text):
        for words, past in _clauses(sentence, lexicon.spelling):
            matched = _matches(words, lexicon)
            if not matched:
                continue
            if past:
                any_past = True
                continue
            for category, cues in matched.items():
                kept = present.setdefault(category, [])
                kept.extend(c for c in cues if c not in kept)
    if present:
        return present
    # Harm only in clauses about the past: over, by the rules. Harm matched only
    # across clause boundaries (no clause holds it): keep the whole-text reading.
    return {} if any_past else found
