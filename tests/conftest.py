"""Fixtures: a real database per test (a copy of a migrated SQLite file, or a
fresh PostgreSQL database cloned from a migrated template), the app, and a
client that checks every page it fetches."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from portal import create_app, languages
from portal.db import make_engine
from portal.migrate import upgrade
from tests.support import mailbox as smtp
from tests.support import postgres
from tests.support.pages import CheckedClient

_databases = count(1)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "template.sqlite"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_server() -> Iterator[postgres.PostgresServer]:
    try:
        server = postgres.start()
    except postgres.PostgresUnavailable as error:
        pytest.fail(f"PostgreSQL tests must run, not skip: {error}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: postgres.PostgresServer) -> str:
    admin = create_engine(pg_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("CREATE DATABASE migrated_template"))
    admin.dispose()
    upgrade(pg_server.url("migrated_template"))
    return "migrated_template"


def _fresh_postgres(server: postgres.PostgresServer, template: str) -> str:
    name = f"test_{next(_databases)}"
    admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    admin.dispose()
    return server.url(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path, migrated_sqlite: Path) -> str:
    """A migrated, empty database of each kind."""
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite"
        shutil.copy(migrated_sqlite, path)
        return f"sqlite:///{path}"
    server = request.getfixturevalue("pg_server")
    return _fresh_postgres(server, request.getfixturevalue("pg_template"))


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[smtp.Mailbox]:
    box, controller = smtp.start()
    yield box
    controller.stop()


@pytest.fixture
def mailbox(smtp_server: smtp.Mailbox) -> smtp.Mailbox:
    """The loopback SMTP server's inbox, emptied for each test."""
    smtp_server.messages.clear()
    return smtp_server


@pytest.fixture
def app(database_url: str, tmp_path: Path, mailbox: smtp.Mailbox) -> Iterator[Flask]:
    application = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret",
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": mailbox.port,
            "PUBLIC_BASE_URL": "http://localhost",
            # Every catalogue on, as a council that has had them all reviewed.
            "LANGUAGES": tuple(languages.registry()),
        }
    )
    application.test_client_class = CheckedClient
    yield application
    from portal.db import engine_for

    engine_for(application).dispose()


@pytest.fixture
def client(app: Flask) -> CheckedClient:
    return app.test_client()  # type: ignore[return-value]


@pytest.fixture
def db_session(app: Flask) -> Iterator[Session]:
    """A session on the app's database, for arranging data and checking results."""
    engine = make_engine(app.config["DATABASE_URL"])
    with Session(engine, expire_on_commit=False) as session:
        yield session
    engine.dispose()
