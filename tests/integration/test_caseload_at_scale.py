"""A caseload of thousands: meetings come in pages with the total said, and
the page's database work does not grow with the number of flags on it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

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


def test_every_review_due_can_be_reached_a_page_at_a_time_soonest_first(client, db_session):
    """A whole service may have hundreds overdue: none is out of reach."""
    chair = factories.iro(db_session)
    today = date.today()
    for n in range(60):  # in care for a year or more, never reviewed: every one overdue
        factories.child(
            db_session,
            chair,
            10,
            first_name=f"Child{n:02d}",
            came_into_care_on=today - timedelta(days=400 + n),
        )
    for _n in range(3):  # booked in time for their next review: not listed
        booked = factories.child(db_session, chair, 10, came_into_care_on=today - timedelta(days=5))
        factories.meeting(db_session, booked, in_days=10)
    db_session.commit()
    sign_in(client, db_session, chair)

    def listed(page) -> list[tuple[date, str]]:  # type: ignore[no-untyped-def]
        rows = page.select_one("#due").find_next("table").select("tbody tr")
        return [
            (
                datetime.strptime(row.select("td")[1].contents[0].strip(), "%d %b %Y").date(),
                row.td.get_text(strip=True),
            )
            for row in rows
        ]

    first = client.soup("/staff/caseload")
    on_first = listed(first)
    assert len(on_first) == 50 and on_first[0][1].startswith(("Child59", "Child58", "Child57"))
    assert "1 to 50 of 60, soonest first." in first.get_text(" ", strip=True)
    pages = first.select_one("nav[aria-label='Pages of reviews due']")
    following = pages.select_one("a[rel=next]")["href"]
    assert "due_page=2" in following and following.endswith("#due")

    second = client.soup(following)
    on_second = listed(second)
    assert "51 to 60 of 60, soonest first." in second.get_text(" ", strip=True)
    both = on_first + on_second
    assert [day for day, _name in both] == sorted(day for day, _name in both)  # soonest first, across pages
    assert {name for _day, name in both} == {f"Child{n:02d} Testchild" for n in range(60)}
    beyond = client.soup("/staff/caseload?due_page=99")  # an old link past the end: the last page
    assert "51 to 60 of 60" in beyond.get_text(" ", strip=True)
    # Paging one list keeps the other's page and the filter chosen.
    filtered = client.soup("/staff/caseload?show=waiting&page=2")
    kept = filtered.select_one("nav[aria-label='Pages of reviews due'] a[rel=next]")["href"]
    assert "show=waiting" in kept and "page=2" in kept and "due_page=2" in kept


def test_the_database_sieve_keeps_every_child_the_schedule_says_is_due(app, db_session):
    """The reviews due are found by the database first: it must never drop a
    child the statutory schedule (worked out in Python, child by child) lists,
    at month ends, leap days, bookings just before or after the due day, and
    reviews from an earlier time in care."""
    import random

    from portal.staff import caseload
    from portal.staff.schedule import review_state

    rng = random.Random(3)
    chair = factories.iro(db_session)
    today = date.today()
    edges = [date(today.year - 1, m, d) for m, d in ((8, 31), (11, 30), (12, 31), (5, 31), (3, 31))]
    children = []
    for n in range(120):
        came_in = today - timedelta(days=rng.randrange(10, 900))
        child = factories.child(db_session, chair, 10, came_into_care_on=came_in, first_name=f"Sieve{n}")
        days = []
        if rng.random() < 0.2:  # a review from before this time in care: it does not count
            days.append(came_in - timedelta(days=rng.randrange(1, 300)))
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            held = rng.choice(edges) if rng.random() < 0.3 else today - timedelta(days=rng.randrange(0, 400))
            days.append(max(held, came_in))
        if rng.random() < 0.4:  # a review booked ahead, before or after the day it is due
            days.append(today + timedelta(days=rng.randrange(1, 120)))
        for day in days:
            db_session.add(Meeting(kind="looked_after_review", held_on=day, child=child, chair=chair))
        children.append((child, days))
    db_session.commit()

    expected = sorted(
        (state.due_on, child.id)
        for child, days in children
        if (state := review_state(child.came_into_care_on, days, today)).state in ("overdue", "due_soon")
    )
    with app.test_request_context():
        found, total, _page = caseload._reviews_due(db_session, chair, today, 1)
        listed = [(d.due.due_on, d.child.id) for d in found]
        page = 2
        while len(listed) < total:
            more, _total, _page = caseload._reviews_due(db_session, chair, today, page)
            listed += [(d.due.due_on, d.child.id) for d in more]
            page += 1
    assert total == len(expected) and listed == expected
