"""Hide identifying details in a quote while keeping the person's own wording:
names we know (the child, the people in their life, staff), other capitalised
names, schools, numbers and email addresses become placeholders."""

from __future__ import annotations

import re
from collections.abc import Iterable

NAME = "[name]"
# Capitalised words that are not names: keep them.
KEEP = frozenset(
    """I I'm I've I'd I'll IRO IROs CAMHS PEP GCSE GCSEs OK Mum Dad Nan Nana Grandad Mr Mrs Ms
    Miss Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December Christmas Easter Eid Ramadan Diwali
    English Welsh Maths Science PE DT Year Xbox PlayStation Snapchat TikTok Instagram YouTube
    Teams Zoom God Allah""".split()  # noqa: SIM905 (a word list is easier to edit as text)
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_NUMBER = re.compile(r"\b\d[\d ]{5,}\d\b")
_SCHOOL = re.compile(r"\b(?:[A-Z][\w'-]*\s+){1,4}(?:School|Academy|College|Primary|High|Nursery)\b")
_WORD = re.compile(r"[A-Za-z][\w'-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n)$")


# Words that join names in a record ("Paul and Rita Hughes"), never names themselves.
JOINING = frozenset({"and", "or", "of", "the", "de", "van", "von", "mr", "mrs", "ms", "miss", "dr"})


def _not_a_name(word: str) -> bool:
    """Model names and acronyms (PS5, NHS, GP) identify nobody."""
    return any(c.isdigit() for c in word) or (word.isupper() and len(word) <= 5)


def mask(text: str, known_names: Iterable[str]) -> str:
    names = {
        n.lower()
        for name in known_names
        for n in re.split(r"[\s,&]+", name)
        if len(n) > 1 and n.lower() not in JOINING
    }
    text = _EMAIL.sub("[email]", text)
    text = _NUMBER.sub("[number]", text)
    text = _SCHOOL.sub("[school]", text)

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        if word.lower() in names:
            return NAME
        capitalised = word[0].isupper() and word not in KEEP and not _not_a_name(word)
        starts_sentence = bool(_SENTENCE_START.search(text[: match.start()]))
        return NAME if capitalised and not starts_sentence else word

    return _WORD.sub(replace, text)
