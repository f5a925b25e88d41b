"""What `myreview check` checks before a council relies on the portal: each
check says what it found, and whether that is a problem."""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from portal import calendar_data, migrate
from portal.config import DEV_SECRET_KEY


@dataclass(frozen=True)
class Finding:
    name: str
    ok: bool
    message: str


def configuration(config: dict[str, Any]) -> Finding:
    """The app has already refused unsafe production settings; say which settings these are."""
    if config["ENV_NAME"] == "production":
        return Finding("configuration", True, "production: secret key set, secure cookies")
    development_key = config.get("SECRET_KEY") == DEV_SECRET_KEY
    note = " with the public development key" if development_key else ""
    return Finding("configuration", True, f"development settings{note}; not for a live service")


def database(db_session: Session, config: dict[str, Any]) -> Finding:
    try:
        db_session.execute(text("SELECT 1"))
        current, head = migrate.pending(config["DATABASE_URL"])
    except Exception as problem:  # noqa: BLE001 - reported, never raised: this is a diagnosis
        return Finding("database", False, f"not reachable: {type(problem).__name__}")
    if current != head:
        return Finding(
            "database", False, f"at migration {current}, code needs {head}: run myreview db-upgrade"
        )
    return Finding("database", True, f"reachable, migrations at head ({head})")


def mail(config: dict[str, Any]) -> Finding:
    if config.get("EMAIL_BACKEND") == "notify":
        ready = bool(config.get("NOTIFY_API_KEY") and config.get("NOTIFY_EMAIL_TEMPLATE_ID"))
        return Finding(
            "mail", ready, "GOV.UK Notify set up" if ready else "GOV.UK Notify key or template missing"
        )
    host, port = config["SMTP_HOST"], int(config["SMTP_PORT"])
    try:
        with smtplib.SMTP(host, port, timeout=float(config.get("SMTP_TIMEOUT_SECONDS", 5))) as relay:
            relay.noop()
    except (OSError, smtplib.SMTPException) as problem:
        return Finding("mail", False, f"relay {host}:{port} not answering ({type(problem).__name__})")
    return Finding("mail", True, f"relay {host}:{port} answers")


def bank_holidays() -> Finding:
    problem = calendar_data.coverage_problem()
    covers_to = calendar_data.load().covers_to
    return Finding("bank holidays", problem is None, problem or f"known until {covers_to}")


def run(db_session: Session, config: dict[str, Any], model: Callable[[], tuple[bool, str]]) -> list[Finding]:
    ready, message = model()
    return [
        configuration(config),
        database(db_session, config),
        mail(config),
        bank_holidays(),
        Finding("sentence model", ready, message),
    ]
