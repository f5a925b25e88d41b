"""The ``myreview`` command: demo, database upgrades, serving."""

from __future__ import annotations

from pathlib import Path

import click

from portal import create_app
from portal.db import make_engine
from portal.migrate import upgrade


@click.group()
def main() -> None:
    """My Review portal."""


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
    from sqlalchemy.orm import Session

    from portal import demo as demo_data

    probe = create_app({"DEMO_MODE": True})
    instance = Path(probe.instance_path)
    database = instance / "demo.sqlite"
    database.unlink(missing_ok=True)
    url = f"sqlite:///{database}"
    upgrade(url)
    base_url = f"http://{host}:{port}"
    with Session(make_engine(url)) as db_session:
        seeded = demo_data.seed(db_session, base_url)
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
    try:
        app.run(host=host, port=port, debug=False, use_reloader=False)
    finally:
        mail_server.stop()


@main.command("send-pending")
def send_pending() -> None:
    """Send queued emails and texts whose time has come (run every few minutes)."""
    from sqlalchemy.orm import Session

    from portal.messaging import outbox

    app = create_app()
    with app.test_request_context(), Session(make_engine(app.config["DATABASE_URL"])) as db_session:
        sent, failed = outbox.deliver_due(db_session, app.config)
    click.echo(f"sent {sent}, failed {failed}")


if __name__ == "__main__":
    main()
