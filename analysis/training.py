"""Training the learned models from labelled texts, and the coder a running
service uses by default.

Training is deterministic: the same texts and labels give the same model,
byte for byte. The sentence vectors of the shipped corpora (public texts only)
are kept in a cache file so that each process does not re-read them through
the encoder; set ``MYREVIEW_MODEL_CACHE`` to choose the folder, or ``off`` to
keep nothing on disk. A council's own texts (its corrections) are encoded in
memory and never written there.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from analysis import corpus, encoder, lexicon, scoring, vader, weights
from analysis.coder import Coder, read_by_rules
from analysis.corpus import Example
from analysis.learned import LearnedModel, Signals, fit

Encode = Callable[[Sequence[str]], np.ndarray]


def cache_dir() -> Path | None:
    chosen = os.environ.get("MYREVIEW_MODEL_CACHE", "")
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "myreview"


def _texts_key(texts: Sequence[str]) -> str:
    digest = hashlib.sha256(weights.fingerprint().encode())
    for text in texts:
        digest.update(hashlib.sha256(text.encode("utf-8")).digest())
    return digest.hexdigest()[:16]


def shipped_vectors(encode: Encode | None = None) -> np.ndarray:
    """Sentence vectors of the shipped corpora, from the cache file when it holds them."""
    encode = encode or encoder.encode
    texts = [e.text for e in corpus.shipped()]
    folder = cache_dir()
    path = folder / f"vectors-{_texts_key(texts)}.npy" if folder else None
    if path is not None and path.is_file():
        try:
            cached = np.load(path, allow_pickle=False)
            if cached.shape[0] == len(texts):
                return cached
        except (OSError, ValueError):
            pass  # a damaged cache is simply rebuilt
    vectors = encode(texts)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.tmp.npy")
            np.save(temporary, vectors, allow_pickle=False)
            temporary.replace(path)
        except OSError:
            pass  # a read-only home is fine: the vectors are only slower next time
    return vectors


def with_extra(extra: Sequence[Example], encode: Encode | None = None) -> tuple[list[Example], np.ndarray]:
    """The shipped examples followed by ``extra``, with their vectors in the same order."""
    shipped = shipped_vectors(encode)
    if not extra:
        return list(corpus.shipped()), shipped
    fresh = (encode or encoder.encode)([e.text for e in extra])
    return [*corpus.shipped(), *extra], np.vstack([shipped, fresh])


def signals_for(examples: Sequence[Example]) -> list[Signals]:
    return [dataclasses.replace(read_by_rules(e.text).signals, vader=vader.scores(e.text)) for e in examples]


def theme_ids() -> tuple[str, ...]:
    return tuple(t.id for t in lexicon.load().themes)


def train(
    extra: Sequence[Example] = (), encode: Encode | None = None, label: str = "shipped"
) -> LearnedModel:
    """Fit the learned models on the shipped corpora plus ``extra`` (a council's corrections).

    With extra examples the flag's threshold never rises above the shipped model's."""
    ceiling = default_model().flag_threshold if extra else None
    examples, vectors = with_extra(extra, encode)
    info: dict[str, Any] = {
        "trained_on": label,
        "corpus": corpus.fingerprint(corpus.shipped()),
        "extra_examples": len(extra),
        "encoder": weights.MINILM.name,
        "encoder_weights": weights.fingerprint(),
    }
    return fit(examples, vectors, signals_for(examples), theme_ids(), info, ceiling)


def fit_subset(
    examples: Sequence[Example],
    vectors: np.ndarray,
    indices: Sequence[int],
    signals: Sequence[Signals] | None = None,
) -> LearnedModel:
    """A model trained on some of the examples only (for cross-validation).
    ``signals``, when given, are every example's, worked out once for all folds."""
    chosen = [examples[i] for i in indices]
    chosen_signals = [signals[i] for i in indices] if signals is not None else signals_for(chosen)
    return fit(chosen, vectors[list(indices)], chosen_signals, theme_ids(), {"trained_on": "fold"})


def cross_validated(
    examples: Sequence[Example], vectors: np.ndarray, learns_from: Callable[[int], bool] = lambda _i: True
) -> scoring.Scores:
    """5-fold figures: each text coded by a model trained on the other folds
    (only on the examples ``learns_from`` allows, for a before-and-after)."""
    signals = signals_for(examples)  # the rules' reading of each text, the same in every fold

    def make(indices: list[int]) -> Coder:
        chosen = [i for i in indices if learns_from(i)]
        return Coder(fit_subset(examples, vectors, chosen, signals), None, encoder_function())

    return scoring.cross_validate(list(examples), make)


def encoder_function() -> Encode:
    encoder.load()
    return encoder.encode


class NearestExamples:
    """The shipped public disclosures nearest in meaning to a text. Only public
    quotes are ever shown: a child's words are never an example for another."""

    def __init__(self, examples: Sequence[Example], vectors: np.ndarray) -> None:
        self.examples = list(examples)
        self.vectors = vectors

    def __call__(self, vector: np.ndarray, count: int) -> list[dict[str, Any]]:
        if not self.examples:
            return []
        similarity = self.vectors @ vector
        order = np.argsort(-similarity, kind="stable")[:count]
        return [
            {
                "id": self.examples[i].id,
                "text": self.examples[i].text,
                "category": self.examples[i].category or "unspecified",
                "similarity": round(float(similarity[i]), 3),
            }
            for i in order
        ]


@cache
def nearest_examples() -> NearestExamples:
    # Only the real public quotes, each labelled with its kind of harm.
    rows = [i for i, e in enumerate(corpus.shipped()) if e.safeguarding and e.category]
    disclosures = [corpus.shipped()[i] for i in rows]
    return NearestExamples(disclosures, shipped_vectors()[rows])


_lock = threading.Lock()


@cache
def _default_model() -> LearnedModel:
    return train()


def default_model() -> LearnedModel:
    """The model trained from the shipped corpora (once per process)."""
    with _lock:
        return _default_model()


def coder_for(model: LearnedModel | None) -> Coder:
    """A full coder around a model (the shipped one when ``None``).

    Raises ``weights.ModelUnavailable`` when the sentence encoder cannot be loaded."""
    encoder.load()
    return Coder(model or default_model(), nearest_examples(), encoder.encode)


@cache
def default_coder() -> Coder:
    return coder_for(None)
