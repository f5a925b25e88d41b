"""Data protection a council can run: retention with a dry run, a subject
access export of one child, and erasure, each audited without words."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, timedelta

from sqlalchemy import func, select

from portal import data_protection
from portal.consult import service
from portal.models import (
    AuditEvent,
    Child,
    Draft,
    Invitation,
    Meeting,
    PracticeAlert,
    Recommendation,
    Response,
    ReviewRecord,
    SafeguardingFlag,
)
from tests.support import factories
from tests.support.staff import sign_in

WORDS = "my stepdad hits me when mum is out"


def count(db_session, model) -> int:  # type: ignore[no-untyped-def]
    return db_session.scalar(select(func.count()).select_from(model)) or 0


def sent_consultation(db_session, chair, words: str = WORDS):  # type: ignore[no-untyped-def]
    invitation, _ = factories.consultation(db_session, age=12, chair=chair)
    service.save_page(db_session, invitation, "wishes", {"wishes": words})
    service.submit(db_session, service.progress(db_session, invitation), "en")
    return invitation


def test_retention_says_what_would_go_then_deletes_only_that(app, db_session):
    chair = factories.iro(db_session)
    keep = sent_consultation(db_session, chair, "I like my school")
    closed, _ = factories.consultation(db_session, age=10, chair=chair)
    service.save_page(db_session, closed, "home", {"home_more": "unsent words"})
    closed.meeting.held_on = date.today() - timedelta(days=3)  # the link closed with the meeting
    old = factories.child(db_session, chair, 10)
    old.date_of_birth = date.today() - timedelta(days=365 * 76)
    db_session.commit()

    rules = data_protection.Retention()
    with app.test_request_context():
        planned = data_protection.apply_retention(db_session, rules, dry_run=True)
    assert planned["unsent drafts of closed links"] == 1 and planned["children past the retention age"] == 1
    assert count(db_session, Draft) == 1 and db_session.get(Child, old.id) is not None  # nothing went

    with app.test_request_context():
        data_protection.apply_retention(db_session, rules, dry_run=False)
        db_session.commit()
    assert count(db_session, Draft) == 0
    db_session.expire_all()
    assert db_session.get(Child, old.id) is None
    assert db_session.scalar(select(Response).where(Response.invitation_id == keep.id)) is not None
    logged = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "retention"))
    assert "unsent drafts of closed links=1" in logged.detail and "words" not in logged.detail


def test_a_subject_access_export_holds_their_words_codes_flags_and_who_read_them(app, client, db_session):
    chair = factories.iro(db_session)
    invitation = sent_consultation(db_session, chair)
    response = db_session.scalar(select(Response).where(Response.invitation_id == invitation.id))
    sign_in(client, db_session, chair)
    client.get(f"/staff/meetings/{invitation.meeting_id}")  # a read, audited
    child = invitation.meeting.child
    with app.test_request_context():
        data = data_protection.export_child(db_session, child)
        db_session.commit()
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert set(archive.namelist()) == {"record.json", "who-read-it.json", "index.html"}
    record = json.loads(archive.read("record.json"))
    consultation = record["meetings"][0]["consultations"][0]
    assert consultation["answers"]["wishes"] == WORDS and consultation["coded"]
    assert record["safeguarding_flags"] and record["child"]["reference"] == child.external_ref
    assert "token" not in archive.read("record.json").decode()
    reads = json.loads(archive.read("who-read-it.json"))
    assert any(r["staff_user"] == chair.name and r["action"] == "read_meeting" for r in reads), reads
    page = archive.read("index.html").decode()
    assert "What My Review holds about" in page and "stepdad" in page and "<script" not in page
    assert response.id


def test_erasing_a_child_removes_everything_attached_and_keeps_only_that_it_happened(app, db_session):
    chair = factories.iro(db_session)
    invitation = sent_consultation(db_session, chair)
    other = sent_consultation(db_session, chair, "I like my school")
    child = invitation.meeting.child
    reference = child.id
    record = ReviewRecord(
        meeting=invitation.meeting, views=[{"source": "child", "text": WORDS, "kept": True}]
    )
    late = Recommendation(record=record, text="PEP", owner="Teacher", due_on=date.today() - timedelta(days=3))
    db_session.add_all([record, late])
    db_session.flush()
    db_session.add(
        PracticeAlert(
            child_id=reference, recommendation_id=late.id, subject="recommendation", raised_by_id=chair.id
        )
    )
    db_session.commit()
    with app.test_request_context():
        erased = data_protection.erase_child(db_session, child)
        db_session.commit()
    assert erased == 1
    db_session.expire_all()
    assert db_session.get(Child, reference) is None
    assert db_session.scalar(select(Meeting).where(Meeting.child_id == reference)) is None
    assert count(db_session, SafeguardingFlag) == 0
    assert (
        count(db_session, ReviewRecord)
        == count(db_session, Recommendation)
        == count(db_session, PracticeAlert)
        == 0
    )
    assert count(db_session, Invitation) == 1 and db_session.get(Invitation, other.id) is not None
    event = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "erase_child"))
    assert event.object_id == str(reference) and "stepdad" not in event.detail
