from __future__ import annotations

import pytest

from portal import create_app
from portal.config import ConfigError, load_config
from portal.db import normalise_url


def test_development_defaults_to_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = load_config(tmp_path)
    assert config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'myreview.sqlite'}"
    assert config["SESSION_COOKIE_HTTPONLY"] is True


def test_database_url_selects_postgresql_with_psycopg_3(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example/myreview")
    assert (
        normalise_url(load_config(tmp_path)["DATABASE_URL"]) == "postgresql+psycopg://u:p@db.example/myreview"
    )


@pytest.mark.parametrize("key", [None, "dev-only-not-secret", "short"])
def test_production_refuses_a_default_missing_or_short_secret_key(tmp_path, monkeypatch, key):
    monkeypatch.setenv("MYREVIEW_ENV", "production")
    if key is None:
        monkeypatch.delenv("MYREVIEW_SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("MYREVIEW_SECRET_KEY", key)
    with pytest.raises(ConfigError, match="MYREVIEW_SECRET_KEY"):
        create_app()


def test_production_starts_with_a_real_secret_and_secure_cookies(tmp_path, monkeypatch):
    monkeypatch.setenv("MYREVIEW_ENV", "production")
    monkeypatch.setenv("MYREVIEW_SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/p.sqlite")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert "demo.sign_in_as" not in app.view_functions


def test_production_refuses_demo_mode(monkeypatch):
    monkeypatch.setenv("MYREVIEW_ENV", "production")
    monkeypatch.setenv("MYREVIEW_SECRET_KEY", "x" * 40)
    monkeypatch.setenv("MYREVIEW_DEMO", "1")
    with pytest.raises(ConfigError, match="MYREVIEW_DEMO"):
        create_app()


def test_the_connection_pool_is_set_from_the_environment(tmp_path, monkeypatch):
    from portal.db import make_engine

    monkeypatch.setenv("MYREVIEW_DB_POOL_SIZE", "2")
    monkeypatch.setenv("MYREVIEW_DB_POOL_OVERFLOW", "1")
    config = load_config(tmp_path)
    engine = make_engine("postgresql://u:p@db.example/myreview", config["DB_POOL"])
    assert engine.pool.size() == 2 and engine.pool._max_overflow == 1 and engine.pool._pre_ping
    engine.dispose()
