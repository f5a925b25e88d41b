"""docs/deploying.md, followed: PostgreSQL, `myreview db-upgrade` and `check`,
gunicorn with production settings behind a (pretend) TLS proxy, the first
administrator from `myreview create-admin` signing in with a second factor,
and a backup restored with pg_dump / pg_restore."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import create_engine, text

from tests.support import mailbox as smtp
from tests.support import postgres
from tests.support.http_client import Browser

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# What the TLS proxy in front would add: the portal then sets Secure cookies.
PROXY = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9", "Host": "myreview.test"}


def free_port() -> int:
    return smtp.free_port()


def myreview(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "myreview"), *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def create_database(server: postgres.PostgresServer, name: str) -> str:
    admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"postgresql://postgres@127.0.0.1:{server.port}/{name}"


@pytest.fixture
def production(pg_server, tmp_path, mailbox) -> Iterator[dict[str, str]]:  # type: ignore[no-untyped-def]
    env = {
        **os.environ,
        "MYREVIEW_ENV": "production",
        "MYREVIEW_SECRET_KEY": "k" * 64,
        "DATABASE_URL": create_database(pg_server, f"council_{uuid.uuid4().hex[:8]}"),
        "MYREVIEW_PUBLIC_URL": "https://myreview.test",
        "MYREVIEW_TRUSTED_PROXIES": "1",
        "MYREVIEW_SMTP_HOST": "127.0.0.1",
        "MYREVIEW_SMTP_PORT": str(mailbox.port),
        "MYREVIEW_INSTANCE_PATH": str(tmp_path / "instance"),
        "MYREVIEW_BIND": f"127.0.0.1:{free_port()}",
        "MYREVIEW_WORKERS": "1",
    }
    yield env


def wait_until_up(port: int, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn stopped"
        try:
            if Browser(port, PROXY).request("GET", "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("gunicorn did not answer /healthz")


def test_a_council_deploys_runs_and_restores_by_the_guide(production, pg_server, tmp_path):
    env = production
    upgraded = myreview(env, "db-upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    checked = myreview(env, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "database: ok" in checked.stdout and "mail: ok" in checked.stdout

    made = myreview(env, "create-admin", "it.lead@council.example", "--name", "Sam Lead")
    assert made.returncode == 0, made.stderr
    link = re.search(r"https://myreview\.test(/account/password/\S+)", made.stdout)
    assert link, made.stdout
    path, token = link.group(1), link.group(1).rsplit("/", 1)[1]

    port = int(env["MYREVIEW_BIND"].rsplit(":", 1)[1])
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "portal:create_app()"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_until_up(port, server)
        browser = Browser(port, PROXY)
        status, location, _ = browser.submit(
            path, {"password": "correct horse battery", "confirm": "correct horse battery"}
        )
        assert (status, location) == (302, "/sign-in?password_set=1")
        status, location, _ = browser.submit(
            "/sign-in", {"email": "it.lead@council.example", "password": "correct horse battery"}
        )
        assert location == "/sign-in/set-up"
        _, _, page = browser.request("GET", "/sign-in/set-up")
        secret = BeautifulSoup(page, "html.parser").select_one(".app-secret").get_text()
        status, _, page = browser.submit("/sign-in/set-up", {"code": pyotp.TOTP(secret).now()})
        assert status == 200 and "Save your recovery codes" in page
        status, _, page = browser.request("GET", "/admin/users")
        assert status == 200 and "it.lead@council.example" in page
        _, _, headers_page = browser.request("GET", "/healthz")
        assert headers_page.strip().startswith("{")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    logged = (tmp_path / "gunicorn.log").read_text()
    assert "/account/password/…" in logged and token not in logged

    # Backup and a tested restore.
    dump = tmp_path / "myreview.dump"
    url = env["DATABASE_URL"]
    subprocess.run(
        [str(pg_server.bin_dir / "pg_dump"), "--format=custom", f"--file={dump}", url],
        check=True,
        capture_output=True,
    )
    restored = create_database(pg_server, f"restored_{uuid.uuid4().hex[:8]}")
    subprocess.run(
        [str(pg_server.bin_dir / "pg_restore"), "--no-owner", f"--dbname={restored}", str(dump)],
        check=True,
        capture_output=True,
    )
    engine = create_engine(restored.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as connection:
        emails = connection.execute(text("SELECT email FROM staff_user")).scalars().all()
    engine.dispose()
    assert emails == ["it.lead@council.example"]
    again = myreview({**env, "DATABASE_URL": restored}, "check")
    assert again.returncode == 0 and "migrations at head" in again.stdout


def test_check_names_what_is_wrong(production):
    env = {**production, "MYREVIEW_SMTP_PORT": str(free_port())}  # nothing listens there
    checked = myreview(env, "check")
    assert checked.returncode == 1
    assert "database: PROBLEM" in checked.stdout and "db-upgrade" in checked.stdout  # not yet migrated
    assert "mail: PROBLEM" in checked.stdout
