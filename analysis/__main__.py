"""Command line for the coder.

code:   JSON Lines on stdin, one {"id", "text", "audience"} per line; one coded
        JSON line per good input on stdout, in order. A bad line is reported on
        stderr with its line number, the rest are still coded, and the exit
        status is 2.
score:  a labelled JSON Lines file (id, audience, text, themes, sentiment,
        safeguarding, and optionally category and hard_negative); prints the
        figures for the rules alone, the learned model alone and both, and the
        same figures cross-validated on the shipped training corpora.
        --split test|train|all picks a part by id (ids ending in 0 or 5 are the
        test part).
train:  trains the shipped model (and fills the vector cache); --cv prints
        its cross-validated figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from analysis import corpus, scoring, training
from analysis.coder import Coder
from analysis.weights import ModelUnavailable

AUDIENCES = ("child", "parent", "carer")
BATCH = 64


def _problem(item: Any) -> str | None:
    if not isinstance(item, dict):
        return "each line must be a JSON object"
    if not isinstance(item.get("text"), str):
        return "'text' must be a string"
    if "id" not in item:
        return "'id' is missing"
    if item.get("audience", "child") not in AUDIENCES:
        return f"'audience' must be one of {', '.join(AUDIENCES)}"
    return None


def code_stream(lines: TextIO, out: TextIO, err: TextIO, coder: Coder | None = None) -> int:
    coder = coder or training.default_coder()
    status = 0
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        codings = coder.code_many([i["text"] for i in batch], [i.get("audience", "child") for i in batch])
        for item, coding in zip(batch, codings, strict=True):
            out.write(json.dumps({"id": item["id"], **coding.as_json()}, ensure_ascii=False) + "\n")
        batch.clear()

    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            problem: str | None = f"not valid JSON ({error.msg})"
        else:
            problem = _problem(item)
        if problem:
            # Name the line and the problem only: the text may be a child's words.
            print(f"line {number}: {problem}", file=err)
            status = 2
            continue
        batch.append(item)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return status


def cross_validated(out: TextIO) -> None:
    shipped = list(corpus.shipped())
    started = time.perf_counter()
    scores = training.cross_validated(shipped, training.shipped_vectors())
    print(
        f"\n== cross-validated (5-fold) on the shipped training corpora "
        f"({len(shipped)} texts, {time.perf_counter() - started:.0f} s) ==",
        file=out,
    )
    print(scoring.report(scores), file=out)


def score_command(path: Path, part: str, with_cv: bool, out: TextIO) -> int:
    examples = corpus.split(corpus.read_jsonl(path), part)
    print(f"== {path.name}, part: {part} ==", file=out)
    print(scoring.report(scoring.score(examples, training.default_coder())), file=out)
    rules = scoring.score(examples, Coder())
    print(
        f"\nrules alone: theme micro-F1 {rules.theme_f1:.3f}, "
        f"sentiment accuracy {rules.sentiment_accuracy:.3f}",
        file=out,
    )
    if with_cv:
        cross_validated(out)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("code", help="code JSON Lines from stdin")
    scorer = commands.add_parser("score", help="score the coder against a labelled file")
    scorer.add_argument("path", type=Path)
    scorer.add_argument("--split", choices=("all", "test", "train"), default="all")
    scorer.add_argument("--no-cv", action="store_true", help="skip the cross-validated figures")
    trainer = commands.add_parser("train", help="train the shipped model (and fill the vector cache)")
    trainer.add_argument("--cv", action="store_true", help="also print cross-validated figures")
    args = parser.parse_args(argv)
    try:
        if args.command == "code":
            return code_stream(sys.stdin, sys.stdout, sys.stderr)
        if args.command == "score":
            return score_command(args.path, args.split, not args.no_cv, sys.stdout)
        model = training.default_model()
        print(f"trained model {model.version} on {model.info['examples']} texts")
        if args.cv:
            cross_validated(sys.stdout)
        return 0
    except ModelUnavailable as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
