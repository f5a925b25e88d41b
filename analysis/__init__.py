"""Coding of free text and the aggregate figures.

Pure Python: knows nothing of Flask, SQLAlchemy or HTTP (architecture.md).
Runs offline: it uses only what ships inside TextBlob (its sentiment lexicon,
tagger lexicon and word list), never NLTK corpora.
"""

from analysis.coder import Coding, code, coder_version
from analysis.lexicon import load as load_lexicon

__all__ = ["Coding", "code", "coder_version", "load_lexicon"]
