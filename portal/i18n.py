"""Language choice: a ?lang= switch remembered in the session, else the
browser's preference, else English."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import Babel, get_locale, get_translations

from portal import languages

babel = Babel()


def remember_choice() -> None:
    """A ?lang= choice is remembered at once, even by a request that only
    saves and redirects (the language switcher on a page of questions)."""
    wanted = request.args.get("lang")
    if wanted in current_app.config["LANGUAGES"]:
        session["lang"] = wanted


def select_locale() -> str:
    if not has_request_context():
        return "en"  # background work (the mail sender, commands): staff messages are in English
    supported = current_app.config["LANGUAGES"]
    chosen = session.get("lang")
    if isinstance(chosen, str) and chosen in supported:
        return chosen
    return str(request.accept_languages.best_match(supported) or "en")


def _template_translations() -> Callable[[], Any]:
    """The translations for the language in force, for templates. Flask-Babel
    works this out afresh for every string (three lookups of request state);
    a staff page has a hundred strings. Kept per app and language, as
    Flask-Babel keeps them, so force_locale (messages in a child's language)
    still gets its own."""
    known: dict[str, Any] = {}

    def translations() -> Any:
        locale = get_locale()
        if locale is None:
            return get_translations()
        key = str(locale)
        found = known.get(key)
        if found is None:
            found = known[key] = get_translations()
        return found

    return translations


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.before_request(remember_choice)
    current = _template_translations()
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: current().ugettext(s),
        ngettext=lambda s, p, n: current().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: current().upgettext(c, s),
        npgettext=lambda c, s, p, n: current().unpgettext(c, s, p, n),
    )

    @app.context_processor
    def language_context() -> dict[str, object]:
        from flask_babel import get_locale

        locale = str(get_locale() or "en")
        current = languages.language(locale) or languages.registry()["en"]
        return {
            "page_lang": current.tag,
            "page_dir": current.direction,
            "page_language": current,
            "enabled_languages": [languages.registry()[code] for code in app.config["LANGUAGES"]],
        }

    app.jinja_env.globals["language_english_name"] = languages.english_name
    app.jinja_env.globals["language_tag"] = languages.tag_for
