"""Labelled texts: the public corpora shipped with the coder, and any file in
the same JSON Lines format.

The shipped corpora are the 56 development texts and the **train part** of the
real corpus (public quotes from children in care, care leavers, parents and
carers), with texts written for the project that teach the safeguarding flag
only (see `SHIPPED`). The real corpus's test part (ids whose number ends in 0 or
5) is never shipped or learned from: it is kept for honest measurement only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

CORPORA = Path(__file__).parent / "corpora"
# The everyday answers and the written disclosures are written for the project and
# labelled for the flag only. The everyday answers are ordinary things children,
# carers and parents say, so the flag learns what is not harm. The written
# disclosures tell every kind of harm in short, plain, misspelt words, beside more
# ordinary answers in the same voice (so plainness alone never reads as harm): the
# public quotes are mostly long and written by adults looking back.
SHIPPED = (
    "dev-responses.jsonl",
    "real-responses-train.jsonl",
    "everyday-answers.jsonl",
    "written-disclosures.jsonl",
)
SENTIMENTS = ("positive", "negative", "mixed", "neutral")


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    audience: str = "child"
    themes: tuple[str, ...] = ()
    sentiment: str = "neutral"
    # None: no safeguarding label (a correction of themes or sentiment only);
    # such texts teach the theme and sentiment models, never the flag.
    safeguarding: bool | None = False
    category: str | None = None
    hard_negative: bool = False
    # Labelled for the safeguarding flag only: teaches and scores nothing about themes or sentiment.
    flag_only: bool = False
    source: str = ""

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> Example:
        return cls(
            id=str(item.get("id", "")),
            text=str(item["text"]),
            audience=str(item.get("audience") or "child"),
            themes=tuple(item.get("themes") or ()),
            sentiment=str(item.get("sentiment") or "neutral"),
            safeguarding=bool(item.get("safeguarding")),
            category=item.get("category") or None,
            hard_negative=bool(item.get("hard_negative")),
            flag_only=bool(item.get("flag_only")),
            source=str(item.get("origin") or item.get("source") or ""),
        )


def is_test_part(example_id: str) -> bool:
    """The fixed test part of the real corpus: ids whose number ends in 0 or 5."""
    digits = "".join(c for c in example_id if c.isdigit())
    return bool(digits) and digits[-1] in "05"


def read_jsonl(path: Path) -> Iterator[Example]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield Example.from_json(json.loads(line))


def split(examples: Iterable[Example], part: str) -> list[Example]:
    """``part`` is "test", "train" or "all"."""
    if part == "all":
        return list(examples)
    want_test = part == "test"
    return [e for e in examples if is_test_part(e.id) == want_test]


@cache
def shipped() -> tuple[Example, ...]:
    """Every shipped labelled text, in a fixed order (training is deterministic)."""
    examples: list[Example] = []
    for name in SHIPPED:
        examples.extend(read_jsonl(CORPORA / name))
    leaked = [e.id for e in examples if e.id.startswith("r") and is_test_part(e.id)]
    if leaked:
        raise ValueError(
            f"The shipped corpora hold test-part items, which must never be learned from: {leaked}"
        )
    return tuple(examples)


def fingerprint(examples: Iterable[Example]) -> str:
    digest = hashlib.sha256()
    for e in examples:
        record = [e.id, e.text, list(e.themes), e.sentiment, e.safeguarding, e.category]
        digest.update(json.dumps(record, ensure_ascii=False).encode())
    return digest.hexdigest()[:12]
