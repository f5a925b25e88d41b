"""Security headers on every response: a strict CSP with a per-request nonce,
no referrer (a personal link must never leak), no caching of personal pages."""

from __future__ import annotations

import secrets

from flask import Flask, Response, current_app, g, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect

csrf = CSRFProtect()


def init_app(app: Flask) -> None:
    # The nonce first: CSRFProtect's own check may end the request with an
    # error page, and that page needs a nonce too.
    app.before_request(_make_nonce)
    csrf.init_app(app)
    app.after_request(_headers)
    app.register_error_handler(CSRFError, _form_expired)
    proxies = int(app.config.get("TRUSTED_PROXIES", 0))
    if proxies:
        # Behind a reverse proxy: the client's address (for sign-in throttling) and
        # the scheme (for secure links) come from that many proxies' headers, no more.
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)  # type: ignore[method-assign]


def _form_expired(_error: CSRFError) -> tuple[str, int]:
    # Usually a session that ended while a page was open. Answers saved on
    # earlier pages are safe; say so, and offer the way back in.
    return render_template("errors/form_expired.html"), 400


def _make_nonce() -> None:
    g.csp_nonce = secrets.token_urlsafe(16)


def _headers(response: Response) -> Response:
    nonce = g.get("csp_nonce", "")
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{nonce}'; "
        "style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        # Served over HTTPS (production): browsers never try plain HTTP again.
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if not request.path.startswith("/static/"):
        response.headers["Cache-Control"] = "no-store"
    return response
