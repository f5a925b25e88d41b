"""Our own tokenizer and normaliser: TextBlob's default tokenizer needs NLTK
data that cannot be downloaded here, and children's spelling needs help."""

from __future__ import annotations

import re
from collections.abc import Mapping

from textblob.tokenizers import BaseTokenizer

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
CONTRACTIONS = {
    "n't": " not",
    "'m": " am",
    "'re": " are",
    "'ve": " have",
    "'ll": " will",
    "'d": " would",
}
_IRREGULAR = {"can't": "can not", "won't": "will not", "shan't": "shall not", "ain't": "am not"}
_PRONOUN_IS = re.compile(r"\b(he|she|it|that|there|what|who|where|here)'s\b")
_POSSESSIVE = re.compile(r"'s\b|s'(?=\s|$)")


def expand(text: str) -> str:
    """Lower case, straight apostrophes, contractions spelt out, possessives dropped."""
    text = text.lower().translate(_APOSTROPHES)
    for short, full in _IRREGULAR.items():
        text = text.replace(short, full)
    text = _PRONOUN_IS.sub(r"\1 is", text)
    for short, full in CONTRACTIONS.items():
        text = text.replace(short, full)
    return _POSSESSIVE.sub("", text)


def tokens(text: str, spelling: Mapping[str, str]) -> list[str]:
    """Words of the text, normalised, with text-speak and misspellings replaced."""
    found: list[str] = []
    for word in _WORD.findall(expand(text)):
        found.extend(spelling.get(word, word).split())
    return found


class CareTokenizer(BaseTokenizer):
    """The same tokens as a TextBlob tokenizer, for anyone using TextBlob directly."""

    def __init__(self, spelling: Mapping[str, str]) -> None:
        self.spelling = spelling

    def tokenize(self, text: str) -> list[str]:
        return tokens(text, self.spelling)
