"""`alembic upgrade head` on an empty database gives exactly the schema the
models declare, and a migration that copies facts fills them in for what was
already stored."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from portal.consult import service
from portal.db import engine_for, make_engine, normalise_url
from portal.migrate import alembic_config, upgrade
from portal.models import AnswerCoding, Base
from tests.support import factories


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


def test_answers_coded_before_the_report_facts_are_counted_after_the_upgrade(app, database_url):
    """0015 copies each coded answer's child, audience and sending time beside it:
    the annual report counts answers from those copies alone."""
    engine = make_engine(database_url)
    with Session(engine, expire_on_commit=False) as db_session:
        invitation, _ = factories.consultation(db_session, age=12)
        service.save_page(db_session, invitation, "worries", {"worries": "I miss my brother"})
        with app.test_request_context():
            response = service.submit(db_session, service.progress(db_session, invitation), "en")
        child_id = invitation.meeting.child_id
    engine.dispose()
    engine_for(app).dispose()

    command.downgrade(alembic_config(database_url), "0014")
    upgrade(database_url)

    engine = make_engine(database_url)
    with Session(engine) as db_session:
        coded = db_session.scalars(select(AnswerCoding)).one()
        assert (coded.child_id, coded.audience, coded.submitted_at) == (
            child_id,
            "child",
            response.submitted_at,
        )
    engine.dispose()
