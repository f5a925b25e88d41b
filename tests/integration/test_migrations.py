"""`alembic upgrade head` on an empty database gives exactly the schema the models declare."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from portal.db import normalise_url
from portal.migrate import upgrade
from portal.models import Base


def differences(url: str) -> list:
    engine = create_engine(normalise_url(url))
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    return diff


def test_sqlite_schema_matches_the_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    upgrade(url)
    assert differences(url) == []


@pytest.mark.postgres
def test_postgresql_schema_matches_the_models(pg_server):
    admin = create_engine(pg_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("CREATE DATABASE empty_for_migrations"))
    admin.dispose()
    url = pg_server.url("empty_for_migrations")
    upgrade(url)
    assert differences(url) == []
