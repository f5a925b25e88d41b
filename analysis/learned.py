"""The learned half of the coder: small linear models over sentence vectors,
words and the rules' own findings, trained deterministically from labelled
texts (the shipped public corpora, plus a council's corrections).

- Safeguarding: logistic regression over the sentence vector alone. Its
  threshold is chosen by cross-validation so that at least 95% of the
  training disclosures are caught out of fold; the flag is the rules' **or**
  this model's, so the model can only add flags.
- Themes: one logistic regression per theme over the sentence vector and
  TF-IDF words and word pairs, blended with the themes of the training texts
  nearest in meaning (a few labelled neighbours often know a wording that the
  linear model has averaged away: 5-fold theme F1 0.745 alone, 0.756 blended).
  The words with the largest weight in a text are
  its evidence. A theme is chosen when the model is fairly sure, or when the
  lexicon found it and the model does not think it unlikely. (Giving the
  lexicon's hits to the model as features instead cross-validates worse: the
  lexicon was written from the training texts, so the model learns to trust
  it more than it deserves on new words.)
- Sentiment: multinomial logistic regression over the sentence vector, VADER's
  scores and the rules' polarity.

A model is saved as plain arrays (``numpy.savez``, never a pickle) with its
metadata as JSON, so a stored model can be read back without running code.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from analysis.corpus import SENTIMENTS, Example

FORMAT = 2
READABLE_FORMATS = (1, 2)  # format 1 has no neighbours: its themes come from the regression alone
FLAG_RECALL = 0.95
FOLDS = 5
SEED = 0
MIN_DOCUMENTS = 2  # a word must be in this many training texts to be a feature
THEME_THRESHOLD = 0.6
LEXICON_RESCUE = 0.2  # a lexicon hit is kept unless the model puts the theme below this
C_FLAG, C_THEMES, C_SENTIMENT = 1.0, 3.0, 3.0
NEIGHBOURS = 10
NEIGHBOUR_WEIGHT = 0.4  # share of a theme's probability that comes from the nearest texts
SIMILARITY_POWER = 3  # sharpens the vote towards the closest of the neighbours


@dataclass(frozen=True)
class Signals:
    """What the rules found in one text, fed to the learned models as features."""

    words: tuple[str, ...]
    lexicon_themes: frozenset[str]
    polarity: float
    vader: tuple[float, float, float, float]  # negative, neutral, positive, compound


@dataclass(frozen=True)
class Prediction:
    themes: tuple[str, ...]
    theme_words: dict[str, list[str]]
    sentiment: str
    sentiment_probability: float
    flag_probability: float
    flag_threshold: float
    flagged: bool


def word_features(words: Sequence[str]) -> list[str]:
    """Words and word pairs."""
    return list(words) + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


@dataclass
class LearnedModel:
    themes: tuple[str, ...]
    vocabulary: tuple[str, ...]
    idf: np.ndarray
    theme_coef: np.ndarray
    theme_intercept: np.ndarray
    sentiment_labels: tuple[str, ...]
    sentiment_coef: np.ndarray
    sentiment_intercept: np.ndarray
    flag_coef: np.ndarray
    flag_intercept: float
    flag_threshold: float
    # Sentence vectors of the texts learned from, and their themes (one row each).
    neighbour_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    neighbour_themes: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=bool))
    info: dict[str, Any] = field(default_factory=dict)
    _index: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index = {w: i for i, w in enumerate(self.vocabulary)}

    @property
    def version(self) -> str:
        return str(self.info.get("version", "unversioned"))

    # -- features -----------------------------------------------------------
    def _tfidf(self, signals: Sequence[Signals]) -> np.ndarray:
        out = np.zeros((len(signals), len(self.vocabulary)), dtype=np.float32)
        for row, s in enumerate(signals):
            counts = Counter(f for f in word_features(s.words) if f in self._index)
            for feature, count in counts.items():
                column = self._index[feature]
                out[row, column] = (1.0 + math.log(count)) * self.idf[column]
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
        return out

    def _theme_features(self, vectors: np.ndarray, signals: Sequence[Signals]) -> np.ndarray:
        return np.hstack([vectors, self._tfidf(signals)])

    @staticmethod
    def _sentiment_features(vectors: np.ndarray, signals: Sequence[Signals]) -> np.ndarray:
        extra = np.array([[*s.vader, s.polarity] for s in signals], dtype=np.float32).reshape(len(signals), 5)
        return np.hstack([vectors, extra])

    # -- prediction ---------------------------------------------------------
    def theme_probabilities(self, vectors: np.ndarray, theme_x: np.ndarray) -> np.ndarray:
        regression = _sigmoid(theme_x @ self.theme_coef.T + self.theme_intercept)
        if not len(self.neighbour_vectors):
            return regression
        return (1 - NEIGHBOUR_WEIGHT) * regression + NEIGHBOUR_WEIGHT * self._neighbour_vote(vectors)

    def _neighbour_vote(self, vectors: np.ndarray) -> np.ndarray:
        """Each theme's share among the nearest training texts, weighted by closeness."""
        similarity = vectors @ self.neighbour_vectors.T
        count = min(NEIGHBOURS, similarity.shape[1])
        nearest = np.argpartition(-similarity, count - 1, axis=1)[:, :count]
        weight = np.maximum(np.take_along_axis(similarity, nearest, axis=1), 0.0) ** SIMILARITY_POWER
        votes = np.einsum("rk,rkt->rt", weight, self.neighbour_themes[nearest].astype(np.float32))
        return votes / np.maximum(weight.sum(axis=1, keepdims=True), 1e-9)

    def flag_probabilities(self, vectors: np.ndarray) -> np.ndarray:
        return _sigmoid(vectors @ self.flag_coef + self.flag_intercept)

    def predict(self, vectors: np.ndarray, signals: Sequence[Signals]) -> list[Prediction]:
        if not len(signals):
            return []
        theme_x = self._theme_features(vectors, signals)
        theme_p = self.theme_probabilities(vectors, theme_x)
        sentiment_x = self._sentiment_features(vectors, signals)
        sentiment_p = _softmax(sentiment_x @ self.sentiment_coef.T + self.sentiment_intercept)
        flag_p = self.flag_probabilities(vectors)
        word_start = vectors.shape[1]
        predictions = []
        for row, s in enumerate(signals):
            chosen = [
                t
                for j, t in enumerate(self.themes)
                if theme_p[row, j] >= THEME_THRESHOLD
                or (t in s.lexicon_themes and theme_p[row, j] >= LEXICON_RESCUE)
            ]
            words = {
                t: self._weightiest_words(theme_x[row, word_start:], self.theme_coef[j, word_start:])
                for j, t in enumerate(self.themes)
                if t in chosen
            }
            best = int(np.argmax(sentiment_p[row]))
            predictions.append(
                Prediction(
                    themes=tuple(chosen),
                    theme_words={t: w for t, w in words.items() if w},
                    sentiment=self.sentiment_labels[best],
                    sentiment_probability=float(sentiment_p[row, best]),
                    flag_probability=float(flag_p[row]),
                    flag_threshold=self.flag_threshold,
                    flagged=bool(flag_p[row] >= self.flag_threshold),
                )
            )
        return predictions

    def _weightiest_words(self, values: np.ndarray, weights: np.ndarray, top: int = 3) -> list[str]:
        contribution = values * weights
        order = np.argsort(-contribution)[:top]
        return [self.vocabulary[i] for i in order if contribution[i] > 0]

    # -- storage --------------------------------------------------------------
    def to_bytes(self) -> bytes:
        meta = {
            "format": FORMAT,
            "themes": list(self.themes),
            "vocabulary": list(self.vocabulary),
            "sentiment_labels": list(self.sentiment_labels),
            "flag_intercept": self.flag_intercept,
            "flag_threshold": self.flag_threshold,
            "info": self.info,
        }
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            meta=np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"), dtype=np.uint8),
            idf=self.idf,
            theme_coef=self.theme_coef,
            theme_intercept=self.theme_intercept,
            sentiment_coef=self.sentiment_coef,
            sentiment_intercept=self.sentiment_intercept,
            flag_coef=self.flag_coef,
            neighbour_vectors=self.neighbour_vectors,
            neighbour_themes=self.neighbour_themes,
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> LearnedModel:
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
            if meta.get("format") not in READABLE_FORMATS:
                raise ValueError(f"stored coder model has format {meta.get('format')}, expected {FORMAT}")
            empty = np.zeros((0, 0))
            return cls(
                themes=tuple(meta["themes"]),
                vocabulary=tuple(meta["vocabulary"]),
                idf=arrays["idf"],
                theme_coef=arrays["theme_coef"],
                theme_intercept=arrays["theme_intercept"],
                sentiment_labels=tuple(meta["sentiment_labels"]),
                sentiment_coef=arrays["sentiment_coef"],
                sentiment_intercept=arrays["sentiment_intercept"],
                flag_coef=arrays["flag_coef"],
                flag_intercept=float(meta["flag_intercept"]),
                flag_threshold=float(meta["flag_threshold"]),
                neighbour_vectors=arrays.get("neighbour_vectors", empty),
                neighbour_themes=arrays.get("neighbour_themes", empty),
                info=meta["info"],
            )


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -50, 50)))


def _softmax(x: np.ndarray) -> np.ndarray:
    shifted = np.exp(x - x.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def _vocabulary(signals: Sequence[Signals]) -> tuple[tuple[str, ...], np.ndarray]:
    documents = Counter(f for s in signals for f in set(word_features(s.words)))
    vocabulary = tuple(sorted(w for w, n in documents.items() if n >= MIN_DOCUMENTS))
    total = len(signals)
    idf = np.array([math.log((1 + total) / (1 + documents[w])) + 1.0 for w in vocabulary], dtype=np.float32)
    return vocabulary, idf


def _logistic(c: float, balanced: bool = True) -> LogisticRegression:
    return LogisticRegression(
        C=c, max_iter=5000, class_weight="balanced" if balanced else None, solver="lbfgs", random_state=SEED
    )


def out_of_fold_flag_probabilities(vectors: np.ndarray, flagged: np.ndarray) -> np.ndarray:
    """Each training text's flag probability from a model that never saw it."""
    folds = min(FOLDS, int(flagged.sum()), int((~flagged).sum()))
    if folds < 2:
        return np.zeros(len(flagged))
    out = np.zeros(len(flagged))
    for train, held in StratifiedKFold(folds, shuffle=True, random_state=SEED).split(vectors, flagged):
        model = _logistic(C_FLAG).fit(vectors[train], flagged[train])
        out[held] = model.predict_proba(vectors[held])[:, 1]
    return out


def recall_threshold(probabilities: np.ndarray, flagged: np.ndarray, recall: float = FLAG_RECALL) -> float:
    """The highest threshold that still catches ``recall`` of the flagged texts."""
    positives = np.sort(probabilities[flagged])[::-1]
    if not len(positives):
        return 0.5
    needed = max(1, math.ceil(recall * len(positives)))
    return float(min(0.5, positives[needed - 1]))


def fit(
    examples: Sequence[Example],
    vectors: np.ndarray,
    signals: Sequence[Signals],
    themes: Sequence[str],
    info: dict[str, Any] | None = None,
    highest_flag_threshold: float | None = None,
) -> LearnedModel:
    """Train every model from labelled texts, deterministically.

    ``highest_flag_threshold`` keeps a retrained flag at least as cautious as
    the one it replaces: extra examples can add flags, never lower the flag."""
    labelled = np.array([e.safeguarding is not None for e in examples], dtype=bool)
    flagged = np.array([bool(e.safeguarding) for e in examples], dtype=bool)
    flag_model = _logistic(C_FLAG).fit(vectors[labelled], flagged[labelled])
    # The threshold is set on what people really wrote: disclosures written for
    # the project (labelled for the flag only) teach the model, but being short and
    # plain they are easy to catch, and counting them would let it miss more real ones.
    quoted = np.array([not e.flag_only for e in examples], dtype=bool)[labelled]
    out_of_fold = out_of_fold_flag_probabilities(vectors[labelled], flagged[labelled])
    threshold = recall_threshold(out_of_fold[quoted], flagged[labelled][quoted])
    if highest_flag_threshold is not None:
        threshold = min(threshold, highest_flag_threshold)

    # Themes and sentiment learn only from texts labelled for them.
    kept = [i for i, e in enumerate(examples) if not e.flag_only]
    examples, vectors, signals = [examples[i] for i in kept], vectors[kept], [signals[i] for i in kept]
    vocabulary, idf = _vocabulary(signals)
    model = LearnedModel(
        themes=tuple(themes),
        vocabulary=vocabulary,
        idf=idf,
        theme_coef=np.zeros((0, 0)),
        theme_intercept=np.zeros(0),
        sentiment_labels=(),
        sentiment_coef=np.zeros((0, 0)),
        sentiment_intercept=np.zeros(0),
        flag_coef=flag_model.coef_[0].astype(np.float32),
        flag_intercept=float(flag_model.intercept_[0]),
        flag_threshold=threshold,
    )
    theme_x = model._theme_features(vectors, signals)
    coefs, intercepts = [], []
    for theme in themes:
        wanted = np.array([theme in e.themes for e in examples])
        if wanted.all() or not wanted.any():
            # Nothing to learn from: never predicted by the model (the lexicon still can).
            coefs.append(np.zeros(theme_x.shape[1]))
            intercepts.append(-10.0 if not wanted.any() else 10.0)
            continue
        fitted = _logistic(C_THEMES).fit(theme_x, wanted)
        coefs.append(fitted.coef_[0])
        intercepts.append(float(fitted.intercept_[0]))
    model.theme_coef = np.array(coefs, dtype=np.float32)
    model.theme_intercept = np.array(intercepts, dtype=np.float32)
    model.neighbour_vectors = np.asarray(vectors, dtype=np.float32)
    model.neighbour_themes = np.array([[t in e.themes for t in themes] for e in examples], dtype=bool)

    labels = np.array([e.sentiment if e.sentiment in SENTIMENTS else "neutral" for e in examples])
    sentiment = _logistic(C_SENTIMENT, balanced=False).fit(
        model._sentiment_features(vectors, signals), labels
    )
    model.sentiment_labels = tuple(str(c) for c in sentiment.classes_)
    coef, intercept = sentiment.coef_, sentiment.intercept_
    if len(model.sentiment_labels) == 2:  # scikit-learn gives one row for two classes
        coef, intercept = np.vstack([-coef, coef]) / 2, np.array([-intercept[0], intercept[0]]) / 2
    model.sentiment_coef = np.asarray(coef, dtype=np.float32)
    model.sentiment_intercept = np.asarray(intercept, dtype=np.float32)

    digest = hashlib.sha256(model.to_bytes()).hexdigest()[:8]
    model.info = {**(info or {}), "examples": len(labelled), "disclosures": int(flagged.sum())}
    model.info["version"] = f"m{digest}"
    return model
