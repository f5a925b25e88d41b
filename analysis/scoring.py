"""Score the coder against labelled texts: theme precision, recall and
micro-F1 with per-theme counts, safeguarding recall and precision, and
sentiment accuracy."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from analysis.coder import code


@dataclass
class Scores:
    texts: int = 0
    theme_tp: Counter[str] = field(default_factory=Counter)
    theme_fp: Counter[str] = field(default_factory=Counter)
    theme_fn: Counter[str] = field(default_factory=Counter)
    flag_tp: int = 0
    flag_fp: int = 0
    flag_fn: int = 0
    sentiment_right: int = 0
    missed_disclosures: list[str] = field(default_factory=list)

    @staticmethod
    def _ratio(top: int, bottom: int) -> float:
        return top / bottom if bottom else 1.0

    @property
    def theme_precision(self) -> float:
        tp = sum(self.theme_tp.values())
        return self._ratio(tp, tp + sum(self.theme_fp.values()))

    @property
    def theme_recall(self) -> float:
        tp = sum(self.theme_tp.values())
        return self._ratio(tp, tp + sum(self.theme_fn.values()))

    @property
    def theme_f1(self) -> float:
        p, r = self.theme_precision, self.theme_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def flag_recall(self) -> float:
        return self._ratio(self.flag_tp, self.flag_tp + self.flag_fn)

    @property
    def flag_precision(self) -> float:
        return self._ratio(self.flag_tp, self.flag_tp + self.flag_fp)

    @property
    def sentiment_accuracy(self) -> float:
        return self._ratio(self.sentiment_right, self.texts)


def score(labelled: Iterable[dict[str, Any]]) -> Scores:
    scores = Scores()
    for item in labelled:
        coding = code(item["text"], item.get("audience", "child"))
        scores.texts += 1
        gold, got = set(item.get("themes", [])), set(coding.themes)
        for theme in gold & got:
            scores.theme_tp[theme] += 1
        for theme in got - gold:
            scores.theme_fp[theme] += 1
        for theme in gold - got:
            scores.theme_fn[theme] += 1
        wanted = bool(item.get("safeguarding"))
        if wanted and coding.safeguarding:
            scores.flag_tp += 1
        elif wanted:
            scores.flag_fn += 1
            scores.missed_disclosures.append(str(item.get("id", "?")))
        elif coding.safeguarding:
            scores.flag_fp += 1
        scores.sentiment_right += coding.sentiment == item.get("sentiment")
    return scores


def report(scores: Scores) -> str:
    themes = sorted(set(scores.theme_tp) | set(scores.theme_fp) | set(scores.theme_fn))
    lines = [
        f"texts                 {scores.texts}",
        f"theme precision       {scores.theme_precision:.3f}",
        f"theme recall          {scores.theme_recall:.3f}",
        f"theme micro-F1        {scores.theme_f1:.3f}",
        f"safeguarding recall   {scores.flag_recall:.3f}  "
        f"({scores.flag_tp} of {scores.flag_tp + scores.flag_fn} caught)",
        f"safeguarding precision {scores.flag_precision:.3f}  ({scores.flag_fp} false alarms)",
        f"sentiment accuracy    {scores.sentiment_accuracy:.3f}",
        "",
        f"{'theme':20} {'tp':>4} {'fp':>4} {'fn':>4}",
    ]
    lines += [
        f"{t:20} {scores.theme_tp[t]:>4} {scores.theme_fp[t]:>4} {scores.theme_fn[t]:>4}" for t in themes
    ]
    if scores.missed_disclosures:
        lines.append(f"\nMISSED DISCLOSURES: {', '.join(scores.missed_disclosures)}")
    return "\n".join(lines)
