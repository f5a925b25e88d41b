"""Configuration from environment variables, with safe defaults for development."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from portal import languages

DEV_SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - refused in production below
ENVIRONMENTS = ("development", "production")


class ConfigError(RuntimeError):
    """The app was asked to start with settings that are not safe."""


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def load_config(instance_path: Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the settings dict from the environment, then apply overrides (tests)."""
    env = os.environ.get("MYREVIEW_ENV", "development")
    if env not in ENVIRONMENTS:
        # "Production" or "prod" must never quietly mean development, with its public key.
        known = ", ".join(ENVIRONMENTS)
        raise ConfigError(f"MYREVIEW_ENV must be one of {known} (in lower case), not {env!r}.")
    production = env == "production"
    staff_absolute_hours = int(os.environ.get("MYREVIEW_STAFF_ABSOLUTE_HOURS", "10"))
    config: dict[str, Any] = {
        "ENV_NAME": env,
        "SECRET_KEY": os.environ.get("MYREVIEW_SECRET_KEY", DEV_SECRET_KEY),
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{instance_path / 'myreview.sqlite'}"),
        # PostgreSQL connections a process keeps (size), may add at a peak (overflow),
        # replaces after (recycle, seconds), and checks before use (pre-ping).
        "DB_POOL": {
            "size": int(os.environ.get("MYREVIEW_DB_POOL_SIZE", "5")),
            "overflow": int(os.environ.get("MYREVIEW_DB_POOL_OVERFLOW", "5")),
            "recycle": int(os.environ.get("MYREVIEW_DB_POOL_RECYCLE", "1800")),
            "pre_ping": _flag("MYREVIEW_DB_POOL_PRE_PING", True),
        },
        "DEMO_MODE": _flag("MYREVIEW_DEMO"),
        "COUNCIL_NAME": os.environ.get("MYREVIEW_COUNCIL_NAME", "Demo Borough Council"),
        # Where people report an accessibility problem (the accessibility statement).
        "ACCESSIBILITY_EMAIL": os.environ.get(
            "MYREVIEW_ACCESSIBILITY_EMAIL", "accessibility@council.invalid"
        ),
        "INVITATION_DAYS": int(os.environ.get("MYREVIEW_INVITATION_DAYS", "28")),
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("MYREVIEW_TIMEZONE", "Europe/London"),
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).resolve().parent.parent / "translations"),
        "REVIEWED_LANGUAGES": tuple(
            c.strip() for c in os.environ.get("MYREVIEW_REVIEWED_LANGUAGES", "").split(",") if c.strip()
        ),
        # How many reverse proxies stand in front (their X-Forwarded-* headers are trusted).
        "TRUSTED_PROXIES": int(os.environ.get("MYREVIEW_TRUSTED_PROXIES", "0")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _flag("MYREVIEW_SECURE_COOKIES", production),
        "SESSION_COOKIE_NAME": "myreview_session",
        # The cookie only carries a token (staff) or which link is open (a child);
        # the server's own time-outs end sessions. It lasts as long as the longest
        # of those, and is re-sent only when it changes (a child's idle clock is
        # restarted each minute they are active), not with every page.
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * staff_absolute_hours,
        "SESSION_REFRESH_EACH_REQUEST": False,
        # A child's answers close after this long untouched, so the next person
        # on a shared phone cannot read them; a warning comes first.
        "CONSULT_IDLE_MINUTES": int(os.environ.get("MYREVIEW_CONSULT_IDLE_MINUTES", "60")),
        "CONSULT_TIMEOUT_WARNING_SECONDS": 120,
        "MAX_CONTENT_LENGTH": 6 * 1024 * 1024,  # an IRO photo up to 5MB, or a CSV import
        "WTF_CSRF_TIME_LIMIT": None,  # a child may take days; the session guards the form
        # Flask-WTF's HTTPS check wants a Referer, which "Referrer-Policy: no-referrer"
        # (a personal link must never leak) stops browsers sending: every form would fail.
        # The token in the session, and SameSite cookies, are the protection.
        "WTF_CSRF_SSL_STRICT": False,
        "TESTING": False,
        # Load the sentence model in the background when the app starts serving;
        # commands that never code an answer turn it off.
        "CODER_WARM_UP": True,
        "PUBLIC_BASE_URL": os.environ.get("MYREVIEW_PUBLIC_URL", "http://127.0.0.1:5000"),
        # Staff sessions (server-side): idle and absolute time-outs.
        "STAFF_IDLE_MINUTES": int(os.environ.get("MYREVIEW_STAFF_IDLE_MINUTES", "30")),
        "STAFF_ABSOLUTE_HOURS": staff_absolute_hours,
        "STAFF_TIMEOUT_WARNING_SECONDS": 120,
        # The record of a review is due this many working days after the meeting
        # (the IRO Handbook's timescale for circulating it).
        "RECORD_DUE_WORKING_DAYS": int(os.environ.get("MYREVIEW_RECORD_DUE_WORKING_DAYS", "20")),
        # Failed sign-ins: at most this many per email (or per address) in the window.
        "SIGN_IN_WINDOW_MINUTES": 15,
        "SIGN_IN_MAX_FAILURES": 5,
        "SIGN_IN_MAX_FAILURES_PER_ADDRESS": 50,
        # Email: SMTP by default, or GOV.UK Notify. Text messages always go through Notify.
        "EMAIL_BACKEND": os.environ.get("MYREVIEW_EMAIL_BACKEND", "smtp"),
        "SMTP_HOST": os.environ.get("MYREVIEW_SMTP_HOST", "127.0.0.1"),
        "SMTP_PORT": int(os.environ.get("MYREVIEW_SMTP_PORT", "25")),
        "SMTP_USER": os.environ.get("MYREVIEW_SMTP_USER", ""),
        "SMTP_PASSWORD": os.environ.get("MYREVIEW_SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": _flag("MYREVIEW_SMTP_STARTTLS"),
        # Short: a relay that accepts and never answers holds up only the background sender.
        "SMTP_TIMEOUT_SECONDS": float(os.environ.get("MYREVIEW_SMTP_TIMEOUT_SECONDS", "5")),
        "MAIL_FROM": os.environ.get("MYREVIEW_MAIL_FROM", "My Review <no-reply@myreview.invalid>"),
        "NOTIFY_API_KEY": os.environ.get("MYREVIEW_NOTIFY_API_KEY", ""),
        "NOTIFY_BASE_URL": os.environ.get(
            "MYREVIEW_NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk"
        ),
        "NOTIFY_EMAIL_TEMPLATE_ID": os.environ.get("MYREVIEW_NOTIFY_EMAIL_TEMPLATE_ID", ""),
        "NOTIFY_SMS_TEMPLATE_ID": os.environ.get("MYREVIEW_NOTIFY_SMS_TEMPLATE_ID", ""),
        # Safeguarding: the duty inbox alerted with the IRO, and when an
        # unacknowledged flag escalates to managers (working minutes).
        "DUTY_EMAIL": os.environ.get("MYREVIEW_DUTY_EMAIL", ""),
        "SAFEGUARDING_ESCALATE_MINUTES": int(os.environ.get("MYREVIEW_ESCALATE_MINUTES", "60")),
        # Retention (myreview retention; docs/data-protection.md).
        "RETAIN_CHILD_RECORD_UNTIL_AGE": int(os.environ.get("MYREVIEW_RETAIN_CHILD_RECORD_UNTIL_AGE", "75")),
        "RETAIN_FEEDBACK_YEARS": int(os.environ.get("MYREVIEW_RETAIN_FEEDBACK_YEARS", "6")),
        "RETAIN_MESSAGE_DAYS": int(os.environ.get("MYREVIEW_RETAIN_MESSAGE_DAYS", "90")),
        "RETAIN_SIGN_IN_ATTEMPT_DAYS": int(os.environ.get("MYREVIEW_RETAIN_SIGN_IN_ATTEMPT_DAYS", "30")),
    }
    config.update(overrides or {})
    if "LANGUAGES" not in config:
        config["LANGUAGES"] = enabled_languages(config)
    check_safe(config)
    return config


def enabled_languages(config: dict[str, Any]) -> tuple[str, ...]:
    """MYREVIEW_LANGUAGES if set; else every catalogue in the demo, English and
    Welsh in development, English alone in production."""
    setting = os.environ.get("MYREVIEW_LANGUAGES")
    if setting is None:
        if config["DEMO_MODE"]:
            setting = ",".join(languages.registry())
        else:
            setting = "en" if config["ENV_NAME"] == "production" else "en,cy"
    try:
        return languages.parse_enabled(setting)
    except ValueError as error:
        raise ConfigError(f"MYREVIEW_LANGUAGES: {error}") from error


def check_safe(config: dict[str, Any]) -> None:
    """In production, refuse a default, missing or short secret key, and demo mode."""
    if config["ENV_NAME"] != "production":
        return
    key = config.get("SECRET_KEY") or ""
    if key == DEV_SECRET_KEY or len(key) < 32:
        raise ConfigError(
            "MYREVIEW_SECRET_KEY must be set to a random value of at least 32 characters "
            "in production (for example: python -c 'import secrets; print(secrets.token_hex(32))')."
        )
    if config.get("DEMO_MODE"):
        raise ConfigError("MYREVIEW_DEMO must not be on in production.")
    drafts = languages.unreviewed(config["LANGUAGES"], config["REVIEWED_LANGUAGES"])
    if drafts:
        raise ConfigError(
            f"MYREVIEW_LANGUAGES switches on draft translations ({', '.join(drafts)}) that a native "
            "speaker has not checked. Have them reviewed, then list them in MYREVIEW_REVIEWED_LANGUAGES."
        )
