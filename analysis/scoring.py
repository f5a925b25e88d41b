"""Score the coder against labelled texts.

For each way of raising the safeguarding flag (the rules alone, the learned
model alone, and both, which is what the portal uses) it reports recall and
precision, recall per kind of harm (the ``category`` field) and false alarms on
the hard negatives (texts about safety, fear or the past that disclose
nothing). Themes are scored by micro-F1 with per-theme counts, and sentiment by
accuracy. ``cross_validate`` gives the same figures out of fold on training
data, for anything learned from it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.model_selection import StratifiedKFold

from analysis.coder import Coder, Coding
from analysis.corpus import Example
from analysis.learned import SEED

FLAG_WAYS = ("rules", "model", "both")


@dataclass
class FlagScores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    hard_negative_alarms: int = 0
    everyday_alarms: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    caught_by_category: Counter[str] = field(default_factory=Counter)
    missed: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)


@dataclass
class Scores:
    texts: int = 0
    labelled: int = 0  # texts with theme and sentiment labels (not flag-only)
    hard_negatives: int = 0
    everyday: int = 0  # ordinary answers labelled for the flag only (not written as hard negatives)
    theme_tp: Counter[str] = field(default_factory=Counter)
    theme_fp: Counter[str] = field(default_factory=Counter)
    theme_fn: Counter[str] = field(default_factory=Counter)
    sentiment_right: int = 0
    flags: dict[str, FlagScores] = field(default_factory=lambda: {w: FlagScores() for w in FLAG_WAYS})

    @property
    def theme_precision(self) -> float:
        tp = sum(self.theme_tp.values())
        return _ratio(tp, tp + sum(self.theme_fp.values()))

    @property
    def theme_recall(self) -> float:
        tp = sum(self.theme_tp.values())
        return _ratio(tp, tp + sum(self.theme_fn.values()))

    @property
    def theme_f1(self) -> float:
        p, r = self.theme_precision, self.theme_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def sentiment_accuracy(self) -> float:
        return _ratio(self.sentiment_right, self.labelled)

    # The portal's flag: the rules or the model.
    @property
    def flag_recall(self) -> float:
        return self.flags["both"].recall

    @property
    def flag_precision(self) -> float:
        return self.flags["both"].precision


def _ratio(top: int, bottom: int) -> float:
    return top / bottom if bottom else 1.0


def _raised(coding: Coding) -> dict[str, bool]:
    rules = bool(coding.evidence.get("safeguarding"))
    model = bool((coding.evidence.get("safeguarding_model") or {}).get("raised"))
    return {"rules": rules, "model": model, "both": coding.safeguarding}


def add(scores: Scores, example: Example, coding: Coding) -> None:
    scores.texts += 1
    scores.hard_negatives += example.hard_negative
    everyday = example.flag_only and example.safeguarding is False and not example.hard_negative
    scores.everyday += everyday
    if not example.flag_only:
        _add_themes_and_sentiment(scores, example, coding)
    if example.safeguarding is None:
        return  # a correction of themes or sentiment only: nothing to score for the flag
    for way, raised in _raised(coding).items():
        flag = scores.flags[way]
        if example.safeguarding:
            category = example.category or "unspecified"
            flag.by_category[category] += 1
            if raised:
                flag.tp += 1
                flag.caught_by_category[category] += 1
            else:
                flag.fn += 1
                flag.missed.append(example.id)
        elif raised:
            flag.fp += 1
            flag.hard_negative_alarms += example.hard_negative
            flag.everyday_alarms += everyday


def _add_themes_and_sentiment(scores: Scores, example: Example, coding: Coding) -> None:
    scores.labelled += 1
    gold, got = set(example.themes), set(coding.themes)
    for theme in gold & got:
        scores.theme_tp[theme] += 1
    for theme in got - gold:
        scores.theme_fp[theme] += 1
    for theme in gold - got:
        scores.theme_fn[theme] += 1
    scores.sentiment_right += coding.sentiment == example.sentiment


def score(examples: Sequence[Example], coder: Coder) -> Scores:
    scores = Scores()
    codings = coder.code_many([e.text for e in examples], [e.audience for e in examples])
    for example, coding in zip(examples, codings, strict=True):
        add(scores, example, coding)
    return scores


def cross_validate(examples: Sequence[Example], make_coder, folds: int = 5) -> Scores:
    """Out-of-fold figures: each text coded by a model trained without it.

    ``make_coder(train_indices)`` returns a coder trained on those examples."""
    flagged = np.array([bool(e.safeguarding) for e in examples])
    scores = Scores()
    splitter = StratifiedKFold(folds, shuffle=True, random_state=SEED)
    for train, held in splitter.split(np.zeros(len(examples)), flagged):
        coder = make_coder(list(train))
        held_examples = [examples[i] for i in held]
        codings = coder.code_many([e.text for e in held_examples], [e.audience for e in held_examples])
        for example, coding in zip(held_examples, codings, strict=True):
            add(scores, example, coding)
    return scores


def _flag_lines(scores: Scores, ways: Sequence[str]) -> list[str]:
    lines = [f"{'safeguarding flag':28}" + "".join(f"{w:>16}" for w in ways)]
    rows = {
        "recall": lambda f: f"{f.recall:.3f} ({f.tp}/{f.tp + f.fn})",
        "precision": lambda f: f"{f.precision:.3f} ({f.fp} fa)",
        "hard-negative false alarms": lambda f: f"{f.hard_negative_alarms}/{scores.hard_negatives}",
        "everyday-answer false alarms": lambda f: f"{f.everyday_alarms}/{scores.everyday}",
    }
    for name, cell in rows.items():
        lines.append(f"  {name:26}" + "".join(f"{cell(scores.flags[w]):>16}" for w in ways))
    both = scores.flags[ways[-1]]
    lines.append("  recall by kind of harm")
    for category in sorted(both.by_category):
        cells = "".join(
            f"{scores.flags[w].caught_by_category[category]:>10}/{scores.flags[w].by_category[category]:<5}"
            for w in ways
        )
        lines.append(f"    {category:24}{cells}")
    return lines


def report(scores: Scores, ways: Sequence[str] = FLAG_WAYS) -> str:
    themes = sorted(set(scores.theme_tp) | set(scores.theme_fp) | set(scores.theme_fn))
    if scores.labelled:
        codes = [
            f"theme micro-F1              {scores.theme_f1:.3f}  "
            f"(precision {scores.theme_precision:.3f}, recall {scores.theme_recall:.3f})",
            f"sentiment accuracy          {scores.sentiment_accuracy:.3f}",
        ]
    else:
        codes = ["themes and sentiment        not labelled in this file"]
    lines = [
        f"texts                       {scores.texts}",
        *codes,
        "",
        *_flag_lines(scores, ways),
        "",
        f"{'theme':20} {'tp':>4} {'fp':>4} {'fn':>4} {'F1':>6}",
    ]
    for t in themes:
        tp, fp, fn = scores.theme_tp[t], scores.theme_fp[t], scores.theme_fn[t]
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
        lines.append(f"{t:20} {tp:>4} {fp:>4} {fn:>4} {f1:>6.2f}")
    missed = scores.flags[ways[-1]].missed
    if missed:
        lines.append(f"\nMISSED DISCLOSURES: {', '.join(missed)}")
    return "\n".join(lines)
