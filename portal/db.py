"""One engine per app, one session per request, closed on teardown."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

EXTENSION_KEY = "myreview.db"


def normalise_url(url: str) -> str:
    """Let operators write postgres:// or postgresql:// and still get psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str, pool: dict[str, Any] | None = None) -> Engine:
    """``pool``: the connection pool's size, overflow, recycle seconds and pre-ping
    (PostgreSQL), from configuration; see docs/deploying.md for several processes."""
    url = normalise_url(url)
    options: dict[str, Any] = {"future": True}
    if url.startswith("postgresql"):
        pool = pool or {}
        options["pool_pre_ping"] = bool(pool.get("pre_ping", True))
        options["pool_size"] = int(pool.get("size", 5))
        options["max_overflow"] = int(pool.get("overflow", 5))
        options["pool_recycle"] = int(pool.get("recycle", 1800))
    engine = create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Write-ahead logging: readers no longer wait for a writer (several app
    # processes share the file), and a commit syncs one file, not two; still
    # synchronous=FULL, so a committed answer survives a power cut.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"], app.config.get("DB_POOL"))
    app.extensions[EXTENSION_KEY] = sessionmaker(bind=engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def engine_for(app: Flask) -> Engine:
    return app.extensions[EXTENSION_KEY].kw["bind"]


def session() -> Session:
    """The current request's session, opened on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions[EXTENSION_KEY]()
    return g.db_session


def _close_session(_exception: BaseException | None) -> None:
    db_session = g.pop("db_session", None)
    if db_session is not None:
        db_session.close()
