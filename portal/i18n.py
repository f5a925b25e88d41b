"""Language choice: a ?lang= switch remembered in the session, else the
browser's preference, else English."""

from __future__ import annotations

from flask import Flask, current_app, request, session
from flask_babel import Babel

RTL_LANGUAGES = frozenset({"ar", "fa", "ps", "prs", "ckb", "ur", "he"})
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}

babel = Babel()


def select_locale() -> str:
    supported = current_app.config["LANGUAGES"]
    wanted = request.args.get("lang")
    if wanted in supported:
        session["lang"] = wanted
    chosen = session.get("lang")
    if chosen in supported:
        return chosen
    return request.accept_languages.best_match(supported) or "en"


def text_direction(locale: str) -> str:
    return "rtl" if locale.split("_")[0] in RTL_LANGUAGES else "ltr"


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)

    @app.context_processor
    def language_context() -> dict[str, object]:
        from flask_babel import get_locale

        locale = str(get_locale() or "en")
        return {
            "page_lang": locale,
            "page_dir": text_direction(locale),
            "language_names": {code: LANGUAGE_NAMES.get(code, code) for code in app.config["LANGUAGES"]},
        }
