"""Command line: ``python -m analysis code`` and ``python -m analysis score FILE``.

code:  JSON Lines on stdin, one {"id", "text", "audience"} per line; one
       coded JSON line per good input on stdout, in order. A bad line is
       reported on stderr with its line number, the rest are still coded,
       and the exit status is 2.
score: a labelled JSON Lines file (id, audience, text, themes, sentiment,
       safeguarding); prints the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from analysis.coder import code
from analysis.scoring import report, score

AUDIENCES = ("child", "parent", "carer")


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


def code_stream(lines: TextIO, out: TextIO, err: TextIO) -> int:
    status = 0
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
        coding = code(item["text"], item.get("audience", "child"))
        out.write(json.dumps({"id": item["id"], **coding.as_json()}, ensure_ascii=False) + "\n")
    return status


def _labelled(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("code", help="code JSON Lines from stdin")
    scorer = commands.add_parser("score", help="score the coder against a labelled file")
    scorer.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    if args.command == "code":
        return code_stream(sys.stdin, sys.stdout, sys.stderr)
    print(report(score(_labelled(args.path))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
