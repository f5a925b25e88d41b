"""A caseload of thousands: meetings come in pages with the total said, and
the page's database work does not grow with the number of flags on it."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import event

from portal.consult import service
from portal.db import engine_for
from portal.models import Meeting
from tests.support import factories
from tests.support.staff import sign_in


def test_upcoming_meetings_come_in_pages_with_the_total(client, db_session):
    chair = factories.iro(db_session)
    child = factories.child(db_session, chair, 10)
    for n in range(120):
        db_session.add(
            Meeting(
                kind="looked_after_review",
                held_on=date.today() + timedelta(days=1 + n % 50),
                child=child,
                chair=chair,
            )
        )
    db_session.commit()
    sign_in(client, db_session, chair)
    first = client.soup("/staff/caseload")
    assert len(first.select("table.app-caseload tbody tr")) == 50
    assert "50 of 120 meetings" in first.get_text(" ", strip=True)
    last = client.soup("/staff/caseload?page=3")
    assert len(last.select("table.app-caseload tbody tr")) == 20
    assert last.select_one("a[rel=next]") is None and last.select_one("a[rel=prev]") is not None


def _statements(app, client) -> int:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def count(*_args) -> None:  # type: ignore[no-untyped-def]
        seen.append("x")

    engine = engine_for(app)
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get("/staff/caseload").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def _flagged_response(db_session, chair, n: int) -> None:  # type: ignore[no-untyped-def]
    invitation, _ = factories.consultation(db_session, age=12, chair=chair)
    service.save_page(
        db_session, invitation, "wishes", {"wishes": f"my stepdad hits me when mum is out ({n})"}
    )
    service.submit(db_session, service.progress(db_session, invitation), "en")


def test_more_flags_on_the_caseload_do_not_mean_more_queries(app, client, db_session):
    chair = factories.iro(db_session)
    for n in range(2):
        _flagged_response(db_session, chair, n)
    sign_in(client, db_session, chair)
    with_two = _statements(app, client)
    for n in range(2, 10):
        _flagged_response(db_session, chair, n)
    with_ten = _statements(app, client)
    assert "10 responses need a person to read them now" in client.soup("/staff/caseload").get_text()
    assert with_ten == with_two


def test_a_manager_narrows_the_service_to_flags_states_and_one_iro(client, db_session):
    from portal.invitations import create_invitation

    ada, ben = factories.iro(db_session, name="Ada Reviewer"), factories.iro(db_session, name="Ben Chair")
    _flagged_response(db_session, ada, 1)  # Ada: one meeting with a flag to read
    waiting, _ = factories.consultation(db_session, age=9, chair=ada)  # sent, not back
    waiting.sent_at = waiting.created_at
    quiet = factories.meeting(db_session, factories.child(db_session, ben, 11, first_name="Quinn"))
    create_invitation(db_session, quiet, "child", 28)  # made, never sent
    db_session.commit()
    sign_in(client, db_session, factories.staff(db_session, "manager"))

    def rows(query: str) -> int:
        return len(client.soup(f"/staff/caseload?{query}").select("table.app-caseload tbody tr"))

    assert rows("") == 3
    assert rows("show=flags") == 1
    assert rows("show=waiting") == 1
    assert rows("show=none_sent") == 1
    assert rows("show=sent_back") == 1
    assert rows(f"iro={ben.id}") == 1
    assert rows(f"show=flags&iro={ben.id}") == 0
    assert rows("show=nonsense&iro=999999999999") == 3  # odd input shows everything, no error
