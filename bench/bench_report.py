"""How long the annual report takes at national scale on PostgreSQL, and how
much memory it needs.

Seeds a throwaway PostgreSQL server (started here from the machine's
initdb/pg_ctl) with two years in the shape of a national service: children
with about three looked-after reviews a year each, the child's, carer's and
parents' consultations (most sent back, their free text coded), safeguarding
flags, people's corrections of the coder, quotes chosen for the report, and
Child Protection conferences with parents' feedback. Then builds the report
in a fresh process and prints each section's time and the process's peak
memory beside its memory before the report. Prints figures; never passes or
fails on time.

Run: .venv/bin/python bench/bench_report.py [--reviews 250000]
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, insert, text  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

from portal.migrate import upgrade  # noqa: E402
from portal.models import (  # noqa: E402
    AnswerCoding,
    Child,
    CodingCorrection,
    FollowUp,
    Invitation,
    Meeting,
    ReportQuote,
    Response,
    SafeguardingFlag,
    StaffUser,
)
from tests.support import postgres  # noqa: E402

THEMES = ["voice", "iro", "family_time", "home_carers", "education", "health_wellbeing", "friends_activities"]
SENTIMENTS = ["positive", "negative", "mixed", "neutral"]
AGREEMENT = ["strongly_agree", "agree", "not_sure", "disagree", "strongly_disagree"]
STATEMENTS = [
    "explained_before",
    "supported_views",
    "concerns_explained",
    "clear_what_changes",
    "plan_helped",
]
REVIEWS_A_YEAR = 3  # a child in care has two or three reviews a year
BATCH = 10_000
IROS = 200
YEAR = 2025


class Ids:
    """The next id of each table, so rows can point at each other before they are inserted."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}

    def next(self, table: str) -> int:
        self.last[table] = self.last.get(table, 0) + 1
        return self.last[table]


def _at(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def _codings(
    rng: random.Random, response: dict[str, Any], child_id: int, audience: str, questions: tuple[str, ...]
) -> list[dict[str, Any]]:
    return [
        {
            "response_id": response["id"],
            "child_id": child_id,
            "audience": audience,
            "submitted_at": response["submitted_at"],
            "question_id": q,
            "themes": rng.sample(THEMES, rng.randint(1, 3)),
            "sentiment": rng.choice(SENTIMENTS),
            "polarity": 0.0,
            "safeguarding": False,
            "analysed": True,
            "evidence": {},
            "coder": "bench",
            "coded_at": response["submitted_at"],
        }
        for q in questions
    ]


def _invitation(
    ids: Ids, meeting_id: int, audience: str, questionnaire: str, day: date, sent: bool
) -> dict[str, Any]:
    invitation_id = ids.next("invitation")
    return {
        "id": invitation_id,
        "meeting_id": meeting_id,
        "audience": audience,
        "questionnaire_id": questionnaire,
        "questionnaire_version": 1,
        "token_hash": f"{invitation_id:064d}",
        "expires_at": _at(day + timedelta(days=1)),
        "created_at": _at(day - timedelta(days=20)),
        "via": "personal",
        "sent_at": _at(day - timedelta(days=20)),
        "opened_at": _at(day - timedelta(days=15)) if sent else None,
        "started_at": _at(day - timedelta(days=10)) if sent else None,
        "submitted_at": _at(day - timedelta(days=5)) if sent else None,
    }


def _response(
    ids: Ids, invitation: dict[str, Any], answers: dict[str, Any], helped: list[str]
) -> dict[str, Any]:
    return {
        "id": ids.next("response"),
        "invitation_id": invitation["id"],
        "questionnaire_id": invitation["questionnaire_id"],
        "questionnaire_version": 1,
        "language": "en",
        "helped_by": helped,
        "answers": answers,
        "source": "online",
        "submitted_at": invitation["submitted_at"],
    }


def _batches(rng: random.Random, reviews: int, children: int) -> Iterator[dict[type, list[dict[str, Any]]]]:
    """Rows for two reporting years, a batch of meetings at a time."""
    ids = Ids()
    first_day = date(YEAR - 1, 4, 1)
    born = {c: first_day - timedelta(days=rng.randrange(365 * 4, 365 * 18)) for c in range(1, children + 1)}
    for start in range(0, 2 * reviews, BATCH):
        rows: dict[type, list[dict[str, Any]]] = {
            t: []
            for t in (
                Child,
                Meeting,
                Invitation,
                Response,
                AnswerCoding,
                SafeguardingFlag,
                CodingCorrection,
                FollowUp,
            )
        }
        for n in range(start, min(start + BATCH, 2 * reviews)):
            child_id = n % children + 1
            if n < children:
                rows[Child].append(_child(child_id, born[child_id], rng))
            day = first_day + timedelta(days=rng.randrange(730))
            meeting_id = ids.next("meeting")
            rows[Meeting].append(
                {
                    "id": meeting_id,
                    "kind": "looked_after_review",
                    "conference_type": None,
                    "held_on": day,
                    "child_id": child_id,
                    "chair_id": 1 + child_id % IROS,
                    "participation_code": rng.choice(
                        ["PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7", "PN0"]
                    ),
                    "created_at": _at(day - timedelta(days=30)),
                }
            )
            for audience, questionnaire, share, questions in (
                ("child", "my-review-8-12", 0.6, ("worries", "wishes")),
                ("carer", "my-review-carer", 0.5, ("wishes",)),
                ("parent", "my-review-parent", 0.3, ("wishes",)),
            ):
                invitation = _invitation(ids, meeting_id, audience, questionnaire, day, rng.random() < share)
                rows[Invitation].append(invitation)
                if invitation["submitted_at"] is None:
                    continue
                response = _response(
                    ids, invitation, {q: "words" for q in questions}, [rng.choice(["carer", "iro", "nobody"])]
                )
                rows[Response].append(response)
                rows[AnswerCoding].extend(_codings(rng, response, child_id, audience, questions))
                if audience == "child" and rng.random() < 0.03:
                    rows[SafeguardingFlag].append(
                        {
                            "response_id": response["id"],
                            "question_ids": ["worries"],
                            "raised_at": _at(day),
                            "note": "",
                        }
                    )
                if audience == "child" and rng.random() < 0.01:
                    rows[CodingCorrection].append(
                        {
                            "response_id": response["id"],
                            "question_id": "wishes",
                            "themes": rng.sample(THEMES, 1),
                            "sentiment": rng.choice(SENTIMENTS),
                            "note": "",
                            "corrected_by_id": 1,
                            "corrected_at": _at(day),
                        }
                    )
            if n % 10 == 0:  # a Child Protection conference, with parents' feedback
                conference_id = ids.next("meeting")
                rows[Meeting].append(
                    {
                        "id": conference_id,
                        "kind": "cp_conference",
                        "conference_type": rng.choice(["initial", "review", "transfer_in"]),
                        "held_on": day,
                        "child_id": None,
                        "chair_id": 1 + n % IROS,
                        "participation_code": None,
                        "created_at": _at(day - timedelta(days=30)),
                    }
                )
                invitation = _invitation(ids, conference_id, "parent", "cp-feedback", day, True)
                rows[Invitation].append(invitation)
                response = _response(
                    ids,
                    invitation,
                    {s: rng.choice(AGREEMENT) for s in STATEMENTS} | {"comments": "words"},
                    [],
                )
                rows[Response].append(response)
                if rng.random() < 0.1:
                    rows[FollowUp].append({"response_id": response["id"], "opened_at": _at(day), "note": ""})
        yield rows


def _child(child_id: int, born: date, rng: random.Random) -> dict[str, Any]:
    came_in = born + timedelta(days=rng.randrange(365 * 3, 365 * 17))
    return {
        "id": child_id,
        "external_ref": f"B{child_id}",
        "first_name": "Sam",
        "last_name": "Bench",
        "date_of_birth": born,
        "came_into_care_on": came_in,
        "profile_sent_at": _at(came_in) if rng.random() < 0.8 else None,
        "language": "en",
        "preferred_name": "",
        "pronouns": "",
        "words_to_use": "",
        "iro_id": 1 + child_id % IROS,
        "team": "",
        "email": "",
        "mobile": "",
        "created_at": datetime(YEAR - 1, 1, 1),
    }


def seed(url: str, reviews: int) -> None:
    engine = create_engine(url)
    rng = random.Random(7)
    with engine.begin() as connection:
        connection.execute(insert(StaffUser), [_iro(i) for i in range(1, IROS + 1)])
    children = max(1, reviews // REVIEWS_A_YEAR)
    done = 0
    for rows in _batches(rng, reviews, children):
        with engine.begin() as connection:
            for model, values in rows.items():  # in this order: each points only at rows before it
                if values:
                    connection.execute(insert(model), values)
        done += BATCH
        print(f"  seeded {min(done, 2 * reviews):,} of {2 * reviews:,} reviews", flush=True)
    with engine.begin() as connection:
        connection.execute(
            insert(ReportQuote),
            [
                {"year": YEAR, "theme": t, "response_id": r, "question_id": "wishes", "chosen_by_id": 1}
                for k, t in enumerate(THEMES[:3])
                for r in (2 * k + 1, 2 * k + 2)
            ],
        )
        _reset_sequences(engine, connection)
        connection.execute(text("ANALYZE"))
    engine.dispose()


def _reset_sequences(engine: Engine, connection: Any) -> None:
    for table in ("child", "meeting", "invitation", "response", "staff_user"):
        sequence = f"pg_get_serial_sequence('{table}', 'id')"
        connection.execute(text(f"SELECT setval({sequence}, (SELECT max(id) FROM {table}))"))


def _iro(i: int) -> dict[str, Any]:
    return {
        "email": f"iro{i}@bench.invalid",
        "name": f"IRO {i}",
        "role": "iro",
        "active": True,
        "team": "",
        "totp_confirmed": False,
        "recovery_codes": [],
        "created_at": datetime(YEAR - 1, 1, 1),
    }


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def measure(url: str) -> None:
    """Build the report in this (fresh) process: its peak memory is the report's."""
    from sqlalchemy.orm import Session

    from portal import create_app
    from portal.db import make_engine
    from portal.report import aggregates, sections

    app = create_app({"DATABASE_URL": url, "CODER_WARM_UP": False})  # the report, not the model
    engine = make_engine(url)
    before = _peak_mib()
    with app.test_request_context(), Session(engine) as db_session:
        with aggregates.one_report(db_session):  # as the report runs them: see one_report
            for section in sections.SECTIONS:
                began = time.perf_counter()
                section(db_session, YEAR)
                print(f"  {section.__name__:22} {time.perf_counter() - began:6.1f} s")
        began = time.perf_counter()
        sections.build(db_session, YEAR)
        took = time.perf_counter() - began
    print(f"whole report for {YEAR}/{(YEAR + 1) % 100}: {took:.1f} s")
    print(f"peak memory: {_peak_mib():.0f} MiB (the process held {before:.0f} MiB before the report)")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reviews", type=int, default=250_000, help="looked-after reviews in each year")
    parser.add_argument("--measure", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return
    server = postgres.start()
    try:
        url = server.url()
        upgrade(url)
        started = time.perf_counter()
        seed(url, args.reviews)
        print(f"seeded two years of {args.reviews:,} reviews each in {time.perf_counter() - started:.0f} s")
        subprocess.run([sys.executable, __file__, "--measure", url], check=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
