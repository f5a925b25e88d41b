"""A Babel extractor that pulls the wording out of questionnaire files.

Registered as the ``myreview_questionnaire`` extractor (pyproject entry point)
and used by ``babel.cfg``, so ``pybabel extract`` puts every question, hint
and option of every questionnaire into the translation template.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

TRANSLATABLE_KEYS = ("title", "intro", "label", "hint", "other_label")

Extracted = tuple[int, str, str, list[str]]


def _strings(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TRANSLATABLE_KEYS and isinstance(value, str):
                yield value, f"{path}.{key}".lstrip(".")
            elif isinstance(value, dict | list):
                yield from _strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _strings(item, f"{path}[{index}]")


def _line_of(text: str, lines: list[str]) -> int:
    # tomllib keeps no positions; the first line holding the string is close
    # enough for a translator to find it.
    needle = text.split("\n", 1)[0][:40]
    return next((number for number, line in enumerate(lines, 1) if needle in line), 1)


def extract_questionnaire(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[Extracted]:
    raw = fileobj.read().decode("utf-8")
    data = tomllib.loads(raw)
    lines = raw.splitlines()
    source = data.get("id") or Path(getattr(fileobj, "name", "questionnaire")).stem
    kind = "questionnaire" if "pages" in data else "data"
    for text, path in _strings(data, ""):
        yield _line_of(text, lines), "gettext", text, [f"{kind} {source}: {path}"]
