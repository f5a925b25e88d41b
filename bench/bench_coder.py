"""How many texts a second the coder codes on one core, in process.

Run: .venv/bin/python bench/bench_coder.py [--seconds N]
Prints figures; it never passes or fails on time.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from analysis import code

DEV_SET = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev-responses.jsonl"
FALLBACK = [
    "I love living with Sue and Dave and I want to stay here till I'm grown up",
    "mi social worker never comes wen she sez she will",
    "I don't feel safe at home when my carer's son is there",
    "school is ok but I'm behind in maths and I need a tutor",
    "The chair listened to me, listened to the professionals fully and let me answer the reports.",
]


def texts() -> list[str]:
    if DEV_SET.exists():
        return [json.loads(line)["text"] for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line]
    return FALLBACK


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    sample = texts()
    code(sample[0])  # load the lexicon and word lists once, as a running portal would have
    coded, started = 0, time.perf_counter()
    while time.perf_counter() - started < args.seconds:
        for text in sample:
            code(text)
        coded += len(sample)
    elapsed = time.perf_counter() - started
    words = sum(len(t.split()) for t in sample) / len(sample)
    print(f"coded {coded} texts (mean {words:.1f} words) in {elapsed:.2f} s on one core")
    print(f"throughput: {coded / elapsed:,.0f} texts a second; {1e6 * elapsed / coded:.0f} µs a text")


if __name__ == "__main__":
    main()
