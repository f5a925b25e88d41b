"""The languages the portal has catalogues for, read from
translations/languages.toml, and which of them a council has switched on."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
RTL_LANGUAGES = frozenset({"ar", "fa", "ps", "ckb", "ur", "he"})


@dataclass(frozen=True)
class Language:
    code: str  # the catalogue folder and Babel locale, e.g. "fa_AF"
    tag: str  # for lang="": "fa-AF"
    name: str  # in the language itself, for the switcher
    english_name: str  # for staff: "Written in Dari"
    status: str  # "source", "draft" or "reviewed"
    staff_pages: bool = False  # translated beyond the public pages and questionnaires

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def direction(self) -> str:
        return "rtl" if self.code.split("_")[0] in RTL_LANGUAGES else "ltr"


@cache
def registry() -> dict[str, Language]:
    with (TRANSLATIONS / "languages.toml").open("rb") as handle:
        table = tomllib.load(handle)
    return {code: Language(code=code, **fields) for code, fields in table.items()}


def language(code: str | None) -> Language | None:
    return registry().get(code or "")


def english_name(code: str | None) -> str:
    known = language(code)
    return known.english_name if known else (code or "")


def tag_for(code: str | None) -> str:
    """The lang="" value for a catalogue code: "fa_AF" -> "fa-AF"."""
    known = language(code)
    return known.tag if known else (code or "")


def parse_enabled(setting: str) -> tuple[str, ...]:
    """ "en, cy,ar" -> ("en", "cy", "ar"); English always first; unknown codes refused."""
    codes = [c.strip() for c in setting.split(",") if c.strip()]
    unknown = [c for c in codes if c not in registry()]
    if unknown:
        raise ValueError(f"no catalogue for {', '.join(unknown)}; known languages: {', '.join(registry())}")
    return tuple(dict.fromkeys(["en", *codes]))


def unreviewed(enabled: tuple[str, ...], reviewed: tuple[str, ...]) -> list[str]:
    """Languages switched on whose catalogue is still a draft nobody has checked."""
    return [c for c in enabled if registry()[c].is_draft and c not in reviewed]
