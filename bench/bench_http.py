"""Requests a second for the child's question page and the IRO's meeting page,
beside a bare Flask app (one SELECT and a small Jinja template) on the same
PostgreSQL and the same gunicorn settings, in alternating rounds.

Starts a throwaway PostgreSQL (as the tests do) and three gunicorn servers with
two sync workers each; loads one at a time with wrk. Prints figures and the
ratios to the bare app; never passes or fails.

Run: .venv/bin/python bench/bench_http.py [--seconds 10] [--rounds 3]
(wrk comes from Debian: apt-get install -y wrk)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyotp  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from portal.consult import service  # noqa: E402
from portal.invitations import create_invitation  # noqa: E402
from portal.migrate import upgrade  # noqa: E402
from tests.support import factories, postgres  # noqa: E402
from tests.support.http_client import Browser  # noqa: E402

BIN = Path(sys.executable).parent
BARE_APP = '''
import os
from flask import Flask, render_template_string
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine(os.environ["BARE_DATABASE_URL"], pool_pre_ping=True)
PAGE = """<!doctype html><html lang="en"><head><title>{{ title }}</title></head>
<body><h1>{{ title }}</h1><ul>{% for row in rows %}
<li>{{ row.name }} ({{ row.email }})</li>{% endfor %}</ul></body></html>"""


@app.get("/")
def index():
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT name, email FROM staff_user ORDER BY id LIMIT 5")).all()
    return render_template_string(PAGE, title="Bare Flask", rows=rows)
'''


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def seed(url: str) -> tuple[str, str]:
    """A child part-way through, and a meeting with the child's and a carer's answers.
    Returns (the child's link token, the IRO's email and TOTP secret joined by a space)."""
    engine = create_engine(url)
    with Session(engine, expire_on_commit=False) as db_session:
        chair = factories.iro(db_session)
        secret = pyotp.random_base32()
        chair.totp_secret, chair.totp_confirmed = secret, True
        db_session.commit()
        child_invitation, token = factories.consultation(db_session, age=12, chair=chair)
        service.save_page(
            db_session, child_invitation, "home", {"home_rating": "4", "home_more": "I like it"}
        )
        # A meeting page with two full responses on it.
        sent, _ = factories.consultation(db_session, age=12, chair=chair)
        state = service.progress(db_session, sent)
        for page in state.questionnaire.pages:
            answers = {}
            for question in page.questions:
                if question.type == "long_text":
                    answers[question.id] = "I want to see my brother more and I like my school"
            if answers:
                service.save_page(db_session, sent, page.id, answers)
        service.submit(db_session, service.progress(db_session, sent), "en")
        carer, _ = create_invitation(db_session, sent.meeting, "carer", 28)
        db_session.commit()
        service.save_page(db_session, carer, "wishes", {"wishes": "Contact is going well"})
        service.submit(db_session, service.progress(db_session, carer), "en")
        meeting_id = sent.meeting_id
        email = chair.email
    engine.dispose()
    return token, f"{email} {secret} {meeting_id}"


def wait_for(port: int, path: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if Browser(port).request("GET", path)[0] < 500:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"server on {port} did not answer {path}")


def gunicorn(app: str, port: int, env: dict[str, str], cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-w",
            "2",
            "-k",
            "sync",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            app,
        ],
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wrk(port: int, path: str, cookie: str, seconds: int) -> float:
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s", f"http://127.0.0.1:{port}{path}"]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        raise SystemExit(f"{path}: {non_2xx.group(1)} error responses\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    server = postgres.start()
    work = Path(tempfile.mkdtemp(prefix="myreview-bench-"))
    processes: list[subprocess.Popen[bytes]] = []
    try:
        url = server.url()
        upgrade(url)
        token, staff = seed(url)
        email, secret, meeting_id = staff.split()
        env = {
            **os.environ,
            "MYREVIEW_ENV": "development",
            "MYREVIEW_SECRET_KEY": "b" * 64,
            "DATABASE_URL": url,
            "MYREVIEW_INSTANCE_PATH": str(work / "instance"),
            "BARE_DATABASE_URL": url,
        }
        (work / "bare.py").write_text(BARE_APP)
        ports = {"portal": free_port(), "bare": free_port()}
        processes.append(gunicorn("portal:create_app()", ports["portal"], env, ROOT))
        processes.append(gunicorn("bare:app", ports["bare"], env, work))
        wait_for(ports["portal"], "/healthz")
        wait_for(ports["bare"], "/")
        time.sleep(20)  # each worker loads the sentence model in the background first

        child = Browser(ports["portal"])
        child.request("GET", f"/c/{token}")
        assert child.request("GET", "/consultation/page/home")[0] == 200
        iro = Browser(ports["portal"])
        iro.submit("/sign-in", {"email": email, "password": factories.PASSWORD})
        iro.submit("/sign-in/code", {"code": pyotp.TOTP(secret).now()})
        meeting_path = f"/staff/meetings/{meeting_id}"
        status, _, page = iro.request("GET", meeting_path)
        assert status == 200 and "What" in page, status

        def cookie(client: Browser) -> str:
            return client.cookie_header()

        pages = {
            "bare Flask app": (ports["bare"], "/", ""),
            "child's question page": (ports["portal"], "/consultation/page/home", cookie(child)),
            "IRO's meeting page": (ports["portal"], meeting_path, cookie(iro)),
        }
        for port, path, jar in pages.values():
            wrk(port, path, jar, 2)  # warm
        results: dict[str, list[float]] = {name: [] for name in pages}
        for round_number in range(args.rounds):
            for name, (port, path, jar) in pages.items():
                results[name].append(wrk(port, path, jar, args.seconds))
            print(f"round {round_number + 1}: " + ", ".join(f"{n} {r[-1]:.0f}/s" for n, r in results.items()))
        bare = sum(results["bare Flask app"]) / args.rounds
        print(f"\n{'page':28}{'req/s':>10}{'× bare':>10}")
        for name, figures in results.items():
            mean = sum(figures) / len(figures)
            print(f"{name:28}{mean:>10.0f}{mean / bare:>10.2f}")
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
