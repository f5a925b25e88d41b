"""Translation hygiene, and the portal in Welsh."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from portal import languages
from tests.support import factories

ROOT = Path(__file__).resolve().parents[2]


def catalogue(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


# What children, carers and parents see: these sources' strings must be in every catalogue.
PUBLIC_SOURCES = (
    "forms/questionnaires/",
    "forms/messages.py",
    "portal/consult/",
    "portal/public/",
    "portal/widgets.py",
    "portal/templating.py",
    "templates/consult/",
    "templates/errors/",
    "templates/public/",
    "templates/components/",
    "templates/layout.html",
)


def extract(out: Path, with_locations: bool = False) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-k",
            "lazy_ngettext:1,2",
            *([] if with_locations else ["--no-location"]),
            "--omit-header",
            "-o",
            str(out),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return out


def test_translation_template_is_up_to_date(tmp_path):
    fresh = extract(tmp_path / "messages.pot")
    committed = {m.id for m in catalogue(ROOT / "translations" / "messages.pot") if m.id}
    extracted = {m.id for m in catalogue(fresh) if m.id}
    assert extracted == committed, "run scripts/update-translations and commit the result"


def untranslated(po: Path, wanted: set[str] | None = None) -> list[str]:
    return [
        m.id
        for m in catalogue(po)
        if m.id
        and (wanted is None or m.id in wanted)
        and not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]


def test_welsh_is_complete_every_string_and_every_questionnaire():
    assert untranslated(ROOT / "translations" / "cy" / "LC_MESSAGES" / "messages.po") == []


def test_every_draft_language_has_every_public_page_and_questionnaire(tmp_path):
    located = catalogue(extract(tmp_path / "located.pot", with_locations=True))
    public = {m.id for m in located if m.id and any(f.startswith(PUBLIC_SOURCES) for f, _ in m.locations)}
    assert len(public) > 300, "the public pages and questionnaires should be found"
    for code in languages.registry():
        if code in ("en", "cy"):
            continue
        po = ROOT / "translations" / code / "LC_MESSAGES" / "messages.po"
        assert untranslated(po, public) == [], code


def test_draft_catalogues_say_they_are_drafts():
    for code, language in languages.registry().items():
        if language.is_draft:
            header = (ROOT / "translations" / code / "LC_MESSAGES" / "messages.po").read_text()[:600]
            assert "DRAFT" in header, code


def test_sentences_that_count_use_plural_forms():
    """ "1 flags are..." reads wrongly, and Welsh or Arabic need more forms: a
    sentence that starts with a count goes through ngettext."""
    counted = [
        m.id
        for m in catalogue(ROOT / "translations" / "messages.pot")
        if isinstance(m.id, str) and re.match(r"^%\((n|num|count)\)d [a-z]", m.id)
    ]
    assert counted == []


def test_no_html_inside_translatable_strings():
    with_markup = [
        m.id for m in catalogue(ROOT / "translations" / "messages.pot") if m.id and "<" in str(m.id)
    ]
    assert with_markup == []


def test_a_child_can_switch_to_welsh_and_keep_their_answers(client, db_session):
    _, token = factories.consultation(db_session, age=10)
    client.get(f"/c/{token}")
    client.submit_form("/consultation/page/home", {"action": "continue", "home_rating": "4"})
    soup = client.soup("/consultation/page/home?lang=cy")
    assert soup.html["lang"] == "cy"
    assert soup.h1.get_text(strip=True) == "Ble rwyt ti’n byw"
    assert "Cadw a pharhau" in soup.get_text()
    assert soup.select_one("input[name=home_rating][value='4']").has_attr("checked")
    english = client.soup("/consultation/page/home?lang=en")
    assert english.html["lang"] == "en" and english.h1.get_text(strip=True) == "Where you live"


def test_every_catalogue_compiles(tmp_path):
    for po in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po"):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "babel.messages.frontend",
                "compile",
                "--use-fuzzy",
                "-i",
                str(po),
                "-o",
                str(tmp_path / "messages.mo"),
            ],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0 and "error" not in result.stderr.lower(), result.stderr
