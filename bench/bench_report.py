"""How long the annual report takes at national scale on PostgreSQL.

Seeds a throwaway PostgreSQL server (started here from the machine's
initdb/pg_ctl) with one reporting year of at least 250,000 reviews and
250,000 coded consultation responses, then times building every section.
Prints figures; never passes or fails on time.

Run: .venv/bin/python bench/bench_report.py [--reviews 250000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, insert, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from portal import create_app  # noqa: E402
from portal.migrate import upgrade  # noqa: E402
from portal.models import AnswerCoding, Child, Invitation, Meeting, Response, StaffUser  # noqa: E402
from tests.support import postgres  # noqa: E402

THEMES = ["voice", "iro", "family_time", "home_carers", "education", "health_wellbeing", "friends_activities"]
BATCH = 10_000


def seed(url: str, reviews: int, year: int) -> None:
    engine = create_engine(url)
    rng = random.Random(7)
    start = date(year, 4, 1)
    with engine.begin() as connection:
        connection.execute(
            insert(StaffUser),
            [
                {
                    "email": f"iro{i}@bench.invalid",
                    "name": f"IRO {i}",
                    "role": "iro",
                    "active": True,
                    "team": "",
                    "totp_confirmed": False,
                    "recovery_codes": [],
                    "created_at": datetime(year, 1, 1),
                }
                for i in range(1, 201)
            ],
        )
    for first in range(0, reviews, BATCH):
        ids = range(first + 1, min(first + BATCH, reviews) + 1)
        days = {i: start + timedelta(days=rng.randrange(365)) for i in ids}
        with engine.begin() as connection:
            connection.execute(
                insert(Child),
                [
                    {
                        "id": i,
                        "external_ref": f"B{i}",
                        "first_name": "Sam",
                        "last_name": "Bench",
                        "date_of_birth": days[i] - timedelta(days=365 * rng.randint(4, 17)),
                        "language": "en",
                        "preferred_name": "",
                        "pronouns": "",
                        "words_to_use": "",
                        "iro_id": 1 + i % 200,
                        "team": "",
                        "email": "",
                        "mobile": "",
                        "created_at": datetime(year, 1, 1),
                    }
                    for i in ids
                ],
            )
            connection.execute(
                insert(Meeting),
                [
                    {
                        "id": i,
                        "kind": "looked_after_review",
                        "held_on": days[i],
                        "child_id": i,
                        "chair_id": 1 + i % 200,
                        "participation_code": rng.choice(["PN1", "PN6", "PN7", "PN0"]),
                        "created_at": datetime(year, 1, 1),
                    }
                    for i in ids
                ],
            )
            connection.execute(
                insert(Invitation),
                [
                    {
                        "id": i,
                        "meeting_id": i,
                        "audience": "child",
                        "questionnaire_id": "my-review-8-12",
                        "questionnaire_version": 1,
                        "token_hash": f"{i:064d}",
                        "expires_at": datetime(year + 2, 1, 1),
                        "created_at": datetime(year, 1, 1),
                        "via": "personal",
                        "sent_at": datetime(year, 4, 2),
                        "submitted_at": datetime.combine(days[i], datetime.min.time()),
                    }
                    for i in ids
                ],
            )
            connection.execute(
                insert(Response),
                [
                    {
                        "id": i,
                        "invitation_id": i,
                        "questionnaire_id": "my-review-8-12",
                        "questionnaire_version": 1,
                        "language": "en",
                        "helped_by": ["carer"],
                        "answers": {"worries": "I miss my brother", "wishes": "a dog"},
                        "source": "online",
                        "submitted_at": datetime.combine(days[i], datetime.min.time()),
                    }
                    for i in ids
                ],
            )
            connection.execute(
                insert(AnswerCoding),
                [
                    {
                        "response_id": i,
                        "question_id": q,
                        "themes": rng.sample(THEMES, 2),
                        "sentiment": "negative",
                        "polarity": -0.3,
                        "safeguarding": False,
                        "analysed": True,
                        "evidence": {},
                        "coder": "bench",
                        "coded_at": datetime(year, 1, 1),
                    }
                    for i in ids
                    for q in ("worries", "wishes")
                ],
            )
        print(f"  seeded {ids[-1]:,} reviews", flush=True)
    with engine.begin() as connection:
        for table in ("child", "meeting", "invitation", "response", "staff_user"):
            sequence = f"pg_get_serial_sequence('{table}', 'id')"
            connection.execute(text(f"SELECT setval({sequence}, (SELECT max(id) FROM {table}))"))
        connection.execute(text("ANALYZE"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reviews", type=int, default=250_000)
    args = parser.parse_args()
    year = 2025
    server = postgres.start()
    try:
        url = server.url()
        upgrade(url)
        started = time.perf_counter()
        seed(url, args.reviews, year)
        print(
            f"seeded {args.reviews:,} reviews and {args.reviews:,} responses "
            f"({2 * args.reviews:,} coded answers) in {time.perf_counter() - started:.0f} s"
        )
        app = create_app({"DATABASE_URL": url})
        from portal.db import make_engine
        from portal.report import sections

        engine = make_engine(url)
        with app.test_request_context(), Session(engine) as db_session:
            for section in sections.SECTIONS:
                began = time.perf_counter()
                section(db_session, year)
                print(f"  {section.__name__:22} {time.perf_counter() - began:6.1f} s")
            began = time.perf_counter()
            sections.build(db_session, year)
            print(f"whole report for {year}/{(year + 1) % 100}: {time.perf_counter() - began:.1f} s")
        engine.dispose()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
