"""Themes from the coding frame, each with the words that raised it."""

from __future__ import annotations

from analysis.lexicon import Lexicon


def find_themes(text: str, lexicon: Lexicon) -> dict[str, list[str]]:
    """Theme id -> the matched words, in taxonomy order; themes with no cue are absent."""
    found: dict[str, list[str]] = {}
    for theme in lexicon.themes:
        pattern = lexicon.theme_patterns.get(theme.id)
        if pattern is None:
            continue
        matches = list(dict.fromkeys(m.group(0) for m in pattern.finditer(text)))
        if matches:
            found[theme.id] = matches
    return found
