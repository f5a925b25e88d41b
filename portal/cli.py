"""The ``myreview`` command: demo, database upgrades, serving."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from flask import Flask
from sqlalchemy.orm import Session

from portal import create_app
from portal.db import engine_for, make_engine
from portal.migrate import upgrade


@click.group()
def main() -> None:
    """My Review portal."""


@contextmanager
def _app_and_session() -> Iterator[tuple[Flask, Session]]:
    """The app and a database session for a command, both closed afterwards."""
    app = create_app({"CODER_WARM_UP": False})  # a command codes only if it must
    engine = make_engine(app.config["DATABASE_URL"])
    try:
        with app.test_request_context(), Session(engine) as db_session:
            yield app, db_session
    finally:
        engine.dispose()
        engine_for(app).dispose()


@main.command("db-upgrade")
def db_upgrade() -> None:
    """Bring the database (DATABASE_URL, or the SQLite default) up to date."""
    app = create_app()
    upgrade(app.config["DATABASE_URL"])
    click.echo("Database is up to date.")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
@click.option("--no-serve", is_flag=True, help="Create the demo database and print the links, then stop.")
def demo(host: str, port: int, no_serve: bool) -> None:
    """Create (or refresh) the demo SQLite database and serve the portal."""
    from portal import demo as demo_data

    probe = create_app({"DEMO_MODE": True, "CODER_WARM_UP": False})
    instance = Path(probe.instance_path)
    database = instance / "demo.sqlite"
    for leftover in (database, *(database.with_name(database.name + end) for end in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)  # a killed demo's write-ahead log belongs to the old file
    url = f"sqlite:///{database}"
    upgrade(url)
    base_url = f"http://{host}:{port}"
    engine = make_engine(url)
    with Session(engine) as db_session:
        seeded = demo_data.seed(db_session, base_url)
    engine.dispose()
    engine_for(probe).dispose()
    seeded.save(instance)

    click.echo(f"\nMy Review demo at {base_url}/\n")
    click.echo("Consultation links (open one in a private window or on a phone):")
    for link in seeded.links:
        click.echo(f"  {link.label}\n    {link.url}")
    click.echo(f"\nStaff sign-in: {base_url}/sign-in  (password for everyone: {demo_data.DEMO_PASSWORD})")
    for person in seeded.staff:
        click.echo(f"  {person.name} ({person.role}): {person.email}")
    click.echo("The start page also has one-click sign-in for each demo user.\n")
    if no_serve:
        return
    from portal import demo_mail

    mail_log = instance / "demo-mail.log"
    mail_log.write_text("", encoding="utf-8")
    mail_server = demo_mail.start(mail_log)
    click.echo(f"Emails the demo sends are written to {mail_log}\n")
    app = create_app(
        {
            "DEMO_MODE": True,
            "DATABASE_URL": url,
            "PUBLIC_BASE_URL": base_url,
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": mail_server.port,
        }
    )
    # The demo runs the worker too, as a thread: retries and escalations happen as they would live.
    threading.Thread(target=_work, args=(app, WORKER_SECONDS, False), name="worker", daemon=True).start()
    try:
        app.run(host=host, port=port, debug=False, use_reloader=False)
    finally:
        mail_server.stop()


WORKER_SECONDS = 15


def _work(app: Flask, every: float, once: bool) -> None:
    """Rounds of: escalate flags nobody has acknowledged in time, then send what is due."""
    from portal import safeguarding
    from portal.messaging import outbox

    engine = make_engine(app.config["DATABASE_URL"])
    try:
        while True:
            with app.test_request_context(), Session(engine) as db_session:
                escalated = safeguarding.escalate_due(db_session, app.config)
                db_session.commit()
                sent, failed = outbox.deliver_due(db_session, app.config)
            if sent or failed or escalated or once:
                stamp = time.strftime("%Y-%m-%d %H:%M:%S")
                click.echo(f"{stamp} escalated {len(escalated)}; sent {sent}, failed {failed}")
            if once:
                return
            time.sleep(every)
    finally:
        engine.dispose()


@main.command()
@click.option("--every", default=WORKER_SECONDS, show_default=True, help="Seconds between rounds.")
@click.option("--once", is_flag=True, help="One round, then stop (for cron).")
def worker(every: float, once: bool) -> None:
    """Send queued emails and texts, retry failures and escalate unacknowledged
    flags, every few seconds. Run one beside the web processes."""
    app = create_app({"CODER_WARM_UP": False})
    try:
        _work(app, every, once)
    finally:
        engine_for(app).dispose()


@main.command("send-pending")
def send_pending() -> None:
    """Send queued emails and texts whose time has come (run every few minutes)."""
    from portal.messaging import outbox

    with _app_and_session() as (app, db_session):
        sent, failed = outbox.deliver_due(db_session, app.config)
    click.echo(f"sent {sent}, failed {failed}")


if __name__ == "__main__":
    main()


@main.command()
@click.option(
    "--all", "everything", is_flag=True, help="Recode every response, not only those coded by an older coder."
)
def recode(everything: bool) -> None:
    """Code stored responses again after the coder or the taxonomy changed.
    People's corrections are kept (they are stored apart and always win), and
    a flag is never removed: only a person closes one."""
    from sqlalchemy import func, select

    from portal import coder_models, coding, safeguarding
    from portal.messaging import outbox
    from portal.models import AnswerCoding, Response

    recoded = flagged = 0
    with _app_and_session() as (app, db_session):
        current = coder_models.coder(db_session).version
        total = db_session.scalar(select(func.count(Response.id))) or 0
        query = select(Response).order_by(Response.id)
        if not everything:
            stale = select(AnswerCoding.response_id).where(AnswerCoding.coder != current)
            uncoded = select(Response.id).where(~Response.id.in_(select(AnswerCoding.response_id)))
            query = query.where(Response.id.in_(stale.union(uncoded)))
        for response in db_session.scalars(query):
            codings = coding.code_response(db_session, response)
            flag, alerts = safeguarding.raise_if_needed(db_session, response, codings, app.config)
            db_session.commit()
            for alert in alerts:
                outbox.deliver(db_session, alert, app.config)
            flagged += bool(alerts)
            recoded += 1
            if recoded % 500 == 0:
                click.echo(f"  {recoded} responses recoded (of at most {total})", err=True)
    click.echo(f"recoded {recoded} responses with coder {current}; {flagged} newly flagged")


@main.command()
@click.option("--rollback", is_flag=True, help="Put back the model in use before the last retrain.")
def retrain(rollback: bool) -> None:
    """Train the coder again on the shipped corpora plus this council's
    corrections, print cross-validated figures before and after, and use the
    new model from now on (run `myreview recode` to apply it to stored answers).
    Corrections can add to the safeguarding flag, never lower it."""
    from portal import coder_models

    with _app_and_session() as (_app, db_session):
        if rollback:
            previous = coder_models.roll_back(db_session)
            db_session.commit()
            click.echo(f"now using {previous.version if previous else 'the shipped model'}")
            return
        click.echo("training on the shipped corpora and your corrections (cross-validating: about a minute)")
        result = coder_models.retrain(db_session)
        db_session.commit()
        click.echo(
            f"{result.record.corrections} corrections used; model {result.record.version} is now in use"
        )
        click.echo(f"{'cross-validated':24}{'before':>10}{'after':>10}")
        for name, label in (
            ("theme_f1", "theme micro-F1"),
            ("sentiment_accuracy", "sentiment accuracy"),
            ("flag_recall", "flag recall"),
            ("flag_precision", "flag precision"),
        ):
            before, after = result.record.figures["before"][name], result.record.figures["after"][name]
            click.echo(f"{label:24}{before:>10.3f}{after:>10.3f}")
        click.echo("roll back with: myreview retrain --rollback")


@main.command()
def check() -> None:
    """Check that the portal can run here: configuration, database and migrations,
    mail relay, bank holidays and the pinned sentence model. Exits 1 on a problem."""
    from portal import coder_models, readiness

    with _app_and_session() as (app, db_session):
        findings = readiness.run(db_session, app.config, coder_models.check)
    for finding in findings:
        click.echo(f"{finding.name}: {'ok' if finding.ok else 'PROBLEM'}: {finding.message}")
    if not all(f.ok for f in findings):
        raise SystemExit(1)


@main.command()
@click.option("--dry-run", is_flag=True, help="Say what would go, and delete nothing.")
def retention(dry_run: bool) -> None:
    """Delete what has been kept long enough (run daily): unsent answers of closed
    links, old messages and sign-in attempts, records past the retention age."""
    from portal import data_protection

    with _app_and_session() as (app, db_session):
        counts = data_protection.apply_retention(
            db_session, data_protection.Retention.from_config(app.config), dry_run
        )
        if not dry_run:
            db_session.commit()
    for what, number in counts.items():
        click.echo(f"{'would delete' if dry_run else 'deleted'} {number}: {what}")


def _child_by_reference(db_session: Session, reference: str) -> Any:
    from sqlalchemy import select

    from portal.models import Child

    child = db_session.scalar(select(Child).where(Child.external_ref == reference))
    if child is None:
        raise click.ClickException(f"no child with the case reference {reference}")
    return child


@main.command("export-child")
@click.argument("reference")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export_child(reference: str, out_path: Path) -> None:
    """Everything held about one child (a subject access request), as a zip of
    JSON and a readable page. Audited."""
    from portal import data_protection

    with _app_and_session() as (_app, db_session):
        data = data_protection.export_child(db_session, _child_by_reference(db_session, reference))
        db_session.commit()
    out_path.write_bytes(data)
    click.echo(f"written {out_path} ({len(data)} bytes)")


@main.command("erase-child")
@click.argument("reference")
@click.option("--yes", is_flag=True, help="Confirm: this cannot be undone.")
def erase_child(reference: str, yes: bool) -> None:
    """Erase one child's record and everything attached to it, where the law
    allows (check with your data protection officer first). Audited."""
    from portal import data_protection

    if not yes:
        raise click.ClickException("erasing cannot be undone: add --yes to confirm")
    with _app_and_session() as (_app, db_session):
        responses = data_protection.erase_child(db_session, _child_by_reference(db_session, reference))
        db_session.commit()
    click.echo(f"erased the record and {responses} responses")


@main.command("create-admin")
@click.argument("email")
@click.option("--name", default="", help="Their name as colleagues know it (default: from the email).")
def create_admin(email: str, name: str) -> None:
    """Make an administrator account and print a single-use link to set its
    password (the first account of a new installation, or a lost one)."""
    from sqlalchemy import func, select

    from portal import audit
    from portal.auth import account_links
    from portal.models import StaffUser

    email = email.strip().lower()
    if "@" not in email:
        raise click.BadParameter("an email address, like it.lead@council.gov.uk", param_hint="EMAIL")
    with _app_and_session() as (app, db_session):
        user = db_session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == email))
        if user is None:
            user = StaffUser(name=name or email.split("@")[0], email=email, role="admin", active=True)
            db_session.add(user)
            db_session.flush()
        elif user.role != "admin" or not user.active:
            raise click.ClickException(f"{email} already has an account that is not an active administrator")
        token = account_links.issue(db_session, user, "set_password")
        audit.record("create_admin", "staff_user", user.id, detail="command line", db_session=db_session)
        db_session.commit()
        base = app.config["PUBLIC_BASE_URL"].rstrip("/")
    click.echo(f"Administrator {email}: set a password within 7 days at\n  {base}/account/password/{token}")


@main.command("escalate-flags")
def escalate_flags() -> None:
    """Alert every manager about flags no person has acknowledged in time, and send
    what is due (one round of `myreview worker`; run every few minutes from cron)."""
    app = create_app({"CODER_WARM_UP": False})
    try:
        _work(app, 0, once=True)
    finally:
        engine_for(app).dispose()


@main.command()
@click.option(
    "--year",
    type=int,
    default=None,
    help="The reporting year's first year: 2025 means April 2025 to March 2026. "
    "Default: the last complete year.",
)
@click.option("--out", "folder", type=click.Path(file_okay=False, path_type=Path), required=True)
def report(year: int | None, folder: Path) -> None:
    """Write the annual report sections: a Word document, a web page and CSV tables."""
    from portal.report import outputs, sections
    from portal.report.model import last_complete_year
    from portal.report.routes import render_web

    year = year or last_complete_year()
    with _app_and_session() as (app, db_session):
        drafted = sections.build(db_session, year)
        with app.test_request_context("/reports/annual"):
            html = render_web(drafted, standalone=True)
        written = outputs.write_all(drafted, app.config["COUNCIL_NAME"], html, folder)
    for path in written:
        click.echo(path)
