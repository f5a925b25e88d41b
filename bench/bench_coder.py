"""How fast the coder codes, stage by stage, beside raw TextBlob sentiment.

Run: .venv/bin/python bench/bench_coder.py [--seconds N] [--recode N]
Prints figures; it never passes or fails on time. Pin it to one core with
`taskset -c 0` for the one-core figures.

- rules: lexicon themes, rule sentiment, safeguarding rules, VADER (per text)
- embedding: the sentence encoder, batched
- whole coder: rules + encoder + learned models, batched as `recode` runs them
- a recode estimate for N texts (default 100,000) from the whole-coder rate
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from textblob import TextBlob

from analysis import Coder, encoder, training

HERE = Path(__file__).resolve().parents[1]
CORPORA = [HERE / "analysis" / "corpora" / n for n in ("dev-responses.jsonl", "real-responses-train.jsonl")]


def texts(paths: list[Path] = CORPORA) -> list[str]:
    found = []
    for path in paths:
        found += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return found


def rate(label: str, run: Callable[[list[str]], object], sample: list[str], seconds: float) -> float:
    run(sample[:4])  # warm: load lexicons and weights as a running portal would have
    coded, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        run(sample)
        coded += len(sample)
    per_second = coded / (time.perf_counter() - started)
    print(f"{label:34} {per_second:>10,.0f} texts a second  ({1e3 / per_second:.2f} ms a text)")
    return per_second


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--recode", type=int, default=100_000)
    args = parser.parse_args()
    sample = texts()
    words = sum(len(t.split()) for t in sample) / len(sample)
    print(f"{len(sample)} public texts, mean {words:.0f} words\n")
    rules = Coder()
    full = training.default_coder()
    rate("raw TextBlob sentiment", lambda batch: [TextBlob(t).sentiment for t in batch], sample, args.seconds)
    short = texts(CORPORA[:1])
    by_rules = lambda batch: [rules.code(t) for t in batch]  # noqa: E731
    rate("rules, short answers (dev set)", by_rules, short, args.seconds)
    rate("rules (themes, sentiment, flag)", by_rules, sample, args.seconds)
    rate("embedding stage (batched)", encoder.encode, sample, args.seconds)
    whole = rate("whole coder (batched)", full.code_many, sample, args.seconds)
    minutes = args.recode / whole / 60
    print(f"\na recode of {args.recode:,} such texts: about {minutes:.0f} minutes at this rate")


if __name__ == "__main__":
    main()
