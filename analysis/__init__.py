"""Coding of free text and the aggregate figures.

Pure Python: knows nothing of Flask, SQLAlchemy or HTTP (architecture.md).
Runs offline: it uses only what ships inside its packages (TextBlob's and
VADER's lexicons, the pinned sentence encoder's weights), never NLTK corpora
and never a download.
"""

from __future__ import annotations

from analysis.coder import Coder, Coding, rules_version
from analysis.corpus import Example
from analysis.learned import LearnedModel
from analysis.lexicon import coding_frame
from analysis.lexicon import load as load_lexicon
from analysis.training import coder_for, default_coder, train
from analysis.weights import ModelUnavailable


def code(text: str, audience: str = "child") -> Coding:
    """Code one text with the shipped coder (rules and the learned models)."""
    return default_coder().code(text, audience)


def code_rules_only(text: str, audience: str = "child") -> Coding:
    """The rules alone: used when the sentence encoder is not installed."""
    return Coder().code(text, audience)


def coder_version() -> str:
    return default_coder().version


__all__ = [
    "Coder",
    "Coding",
    "Example",
    "LearnedModel",
    "ModelUnavailable",
    "code",
    "code_rules_only",
    "coding_frame",
    "coder_for",
    "coder_version",
    "default_coder",
    "load_lexicon",
    "rules_version",
    "train",
]
