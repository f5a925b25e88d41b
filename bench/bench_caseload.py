"""How the caseload page's time grows with the number of children, on PostgreSQL.

For each size (20, 200 and 2,000 children by default) a fresh database on a
throwaway PostgreSQL server (started here, as the tests do) is seeded with one
IRO's caseload in the shape of a real one: every child in care, two reviews
held about six months apart, each child at their own point in the cycle, a
third of them with a review booked in the next 60 days, the child's and the
carer's consultations sent for it, a third sent back, and a few safeguarding
flags not yet read. A manager sees the whole service (the same children).
Then the page is fetched in-process, signed in as each, and the median time,
statements and HTML size are printed, with each size's time as a multiple of
the smallest, beside bench_http's bare Flask app (one SELECT and a small
template) fetched the same way from the same server in the same run, as this
shared machine's times drift. Prints figures; never passes or fails.

Run: .venv/bin/python bench/bench_caseload.py [--children 20 200 2000] [--repeats 15]
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_http import BARE_APP  # noqa: E402
from flask import Flask  # noqa: E402
from flask.testing import FlaskClient  # noqa: E402
from sqlalchemy import create_engine, event, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402
from werkzeug.test import TestResponse  # noqa: E402

from portal import create_app  # noqa: E402
from portal.db import engine_for, make_engine  # noqa: E402
from portal.migrate import upgrade  # noqa: E402
from portal.models import (  # noqa: E402
    Child,
    Invitation,
    Meeting,
    Person,
    Response,
    SafeguardingFlag,
    StaffUser,
    utcnow,
)
from tests.support import factories, postgres  # noqa: E402
from tests.support.pages import CheckedClient  # noqa: E402
from tests.support.staff import sign_in  # noqa: E402

SEED = 0


def seed(db_session: Session, children: int) -> tuple[StaffUser, StaffUser]:
    """One IRO's caseload of ``children``; returns (the IRO, a manager)."""
    rng = random.Random(SEED)
    iro = factories.iro(db_session)
    manager = factories.staff(db_session, "manager")
    today = date.today()
    for n in range(children):
        came_in = today - timedelta(days=rng.randrange(200, 1500))
        child = Child(
            external_ref=f"B-{n}",
            first_name="Robin",
            last_name=f"Benchchild{n}",
            date_of_birth=came_in - timedelta(days=rng.randrange(365, 365 * 15)),
            came_into_care_on=came_in,
            iro=iro,
            people=[Person(name="Sam Carer", relationship_to_child="foster carer", role="carer")],
        )
        db_session.add(child)
        # Reviewed every six months or so, each child at their own point in the
        # cycle: at any time about one in six is due within four weeks, a few overdue.
        last = today - timedelta(days=rng.randrange(190))
        for held in (last - timedelta(days=rng.randrange(170, 185)), last):
            db_session.add(Meeting(kind="looked_after_review", held_on=held, child=child, chair=iro))
        if n % 3:
            continue
        upcoming = Meeting(
            kind="looked_after_review",
            held_on=today + timedelta(days=rng.randrange(1, 60)),
            child=child,
            chair=iro,
        )
        db_session.add(upcoming)
        for audience in ("child", "carer"):
            invitation = Invitation(
                meeting=upcoming,
                audience=audience,
                questionnaire_id="my-review-8-12" if audience == "child" else "my-review-carer",
                questionnaire_version=1,
                token_hash=f"{audience}-{n}".rjust(64, "0"),
                expires_at=utcnow() + timedelta(days=28),
                sent_at=utcnow() - timedelta(days=7),
            )
            db_session.add(invitation)
            if rng.random() < 1 / 3:
                invitation.submitted_at = utcnow() - timedelta(days=1)
                response = Response(
                    invitation=invitation,
                    questionnaire_id=invitation.questionnaire_id,
                    questionnaire_version=1,
                    answers={},
                    language="en",
                    helped_by=[],
                )
                db_session.add(response)
                if audience == "child" and rng.random() < 0.05:
                    db_session.add(SafeguardingFlag(response=response, question_ids=["worries"]))
        if n % 300 == 0:
            db_session.flush()
    db_session.commit()
    return iro, manager


def _app(url: str) -> Flask:
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench",
            "CODER_WARM_UP": False,
            "PUBLIC_BASE_URL": "http://localhost",
        }
    )
    app.test_client_class = CheckedClient
    logging.getLogger("portal.requests").disabled = True  # a line a request would bury the figures
    return app


def measure(app: Flask, db_session: Session, user: StaffUser, repeats: int) -> tuple[float, int, int]:
    """(median milliseconds, SQL statements, HTML bytes) of the caseload page.

    Signed in through the tests' checking client, then timed with Flask's own
    open(), so the figures are the page's and not the checker's HTML parsing."""
    client = app.test_client()
    sign_in(client, db_session, user)

    def fetch() -> TestResponse:
        return FlaskClient.open(client, "/staff/caseload")

    statements: list[str] = []
    engine = engine_for(app)

    def count(*_args: object) -> None:
        statements.append("")

    fetch()  # warm: templates compiled, pool filled
    event.listen(engine, "before_cursor_execute", count)
    page = fetch()
    event.remove(engine, "before_cursor_execute", count)
    took = []
    for _ in range(repeats):
        began = time.perf_counter()
        fetch()
        took.append(time.perf_counter() - began)
    return statistics.median(took) * 1000, len(statements), len(page.get_data())


def bare_flask_ms(url: str, repeats: int) -> float:
    """The median time of bench_http's bare Flask app, in-process, on the same server."""
    os.environ["BARE_DATABASE_URL"] = url
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "bare.py"
        source.write_text(BARE_APP)
        spec = importlib.util.spec_from_file_location("bare", source)
        assert spec is not None and spec.loader is not None
        bare = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(bare)
    client = bare.app.test_client()
    client.get("/")  # warm
    took = []
    for _ in range(repeats):
        began = time.perf_counter()
        client.get("/")
        took.append(time.perf_counter() - began)
    bare.engine.dispose()
    return statistics.median(took) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--children", type=int, nargs="+", default=[20, 200, 2000])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    server = postgres.start()
    try:
        admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
        figures: dict[tuple[str, int], tuple[float, int, int]] = {}
        for size in args.children:
            name = f"caseload_{size}"
            with admin.connect() as connection:
                connection.execute(text(f"CREATE DATABASE {name}"))
            url = server.url(name)
            upgrade(url)
            engine = make_engine(url)
            with Session(engine, expire_on_commit=False) as db_session:
                iro, manager = seed(db_session, size)
                app = _app(url)
                for role, user in (("IRO", iro), ("manager", manager)):
                    figures[(role, size)] = measure(app, db_session, user, args.repeats)
                engine_for(app).dispose()
            engine.dispose()
        bare = bare_flask_ms(server.url(f"caseload_{min(args.children)}"), args.repeats)
        admin.dispose()
    finally:
        server.stop()
    smallest = min(args.children)
    print(f"bare Flask app (one SELECT, a small template), same run: {bare:.1f} ms")
    print(
        f"{'caseload page':16} {'children':>8} {'ms':>8} {'× smallest':>11} {'statements':>11} {'KiB':>6}"
        f" {'× bare':>8}"
    )
    for (role, size), (ms, statements, size_bytes) in figures.items():
        ratio = ms / figures[(role, smallest)][0]
        print(
            f"{role:16} {size:8,} {ms:8.1f} {ratio:11.1f} {statements:11} {size_bytes / 1024:6.0f}"
            f" {ms / bare:8.1f}"
        )


if __name__ == "__main__":
    main()
