"""IRO profiles and photos, CSV imports, and the append-only audit log."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from sqlalchemy import select, text

from portal.models import AuditEvent, Child, IroProfile, Meeting, Person
from tests.support import factories
from tests.support.staff import sign_in


def main_text(response) -> str:  # type: ignore[no-untyped-def]
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").main.get_text(" ", strip=True)


def photo_with_gps() -> bytes:
    image = Image.new("RGB", (1200, 900), "teal")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}  # GPS: a home address
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def profile_form(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "display_name": "Ada Reviewer",
        "hello": "Hello! I like cats.",
        "about": "",
        "languages": "English",
        "phone": "01632 960001",
        "email": "ada@example.invalid",
        "office_hours": "9 to 5",
        "photo_alt": "",
        "hello_cy": "Helo!",
        "about_cy": "",
        "office_hours_cy": "",
    }
    data.update(overrides)
    return data


def test_an_iro_edits_their_profile_and_the_photo_loses_its_location(client, db_session):
    iro = factories.iro(db_session)
    assert b"GPS" not in b"" and Image.open(io.BytesIO(photo_with_gps())).getexif().get(0x8825)
    sign_in(client, db_session, iro)
    missing_alt = client.submit_form(
        "/staff/profile",
        profile_form(photo=(io.BytesIO(photo_with_gps()), "me.jpg")),
        content_type="multipart/form-data",
    )
    assert "Describe your photo for people who cannot see it" in main_text(missing_alt)
    saved = client.submit_form(
        "/staff/profile",
        profile_form(photo=(io.BytesIO(photo_with_gps()), "me.jpg"), photo_alt="Ada smiling"),
        content_type="multipart/form-data",
    )
    assert saved.status_code == 302
    profile = db_session.scalar(select(IroProfile).where(IroProfile.staff_user_id == iro.id))
    db_session.refresh(profile)
    stored = Image.open(io.BytesIO(profile.photo))
    assert stored.format == "JPEG" and max(stored.size) == 600
    assert not stored.getexif() and "exif" not in stored.info
    assert profile.hello == "Hello! I like cats." and profile.translations == {
        "cy": {"hello": "Helo!", "about": "", "office_hours": ""}
    }
    assert client.get(f"/staff/profile/photo/{iro.id}").mimetype == "image/jpeg"


def test_a_file_that_is_not_a_photo_is_refused(client, db_session):
    iro = factories.iro(db_session)
    sign_in(client, db_session, iro)
    refused = client.submit_form(
        "/staff/profile",
        profile_form(photo=(io.BytesIO(b"%PDF-1.4 not a photo"), "cv.pdf"), photo_alt="x"),
        content_type="multipart/form-data",
    )
    assert "not a photo we can read" in main_text(refused)


def test_the_child_sees_the_profile_in_welsh_when_written(app, client, db_session):
    iro = factories.iro(db_session)
    iro.profile.translations = {"cy": {"hello": "Helo, fi yw Ada."}}
    db_session.commit()
    _, token = factories.consultation(db_session, age=10, chair=iro)
    client.get(f"/c/{token}")
    assert "Helo, fi yw Ada." in client.soup("/consultation?lang=cy").select_one(".app-iro-card").get_text()
    assert (
        "Hello, I am Ada Reviewer."
        in client.soup("/consultation?lang=en").select_one(".app-iro-card").get_text()
    )


def test_the_printable_letter_has_a_working_qr_link_and_sending_is_recorded(app, client, db_session):
    iro = factories.iro(db_session)
    invitation, old_token = factories.consultation(db_session, age=8, chair=iro)
    child_id = invitation.meeting.child_id
    sign_in(client, db_session, iro)
    opened = client.soup(f"/staff/children/{child_id}/letter")
    assert opened.select_one(".app-letter__qr svg") is None  # opening it changes nothing
    made = client.submit_form(f"/staff/children/{child_id}/letter", {})
    letter = BeautifulSoup(made.get_data(as_text=True), "html.parser")
    assert letter.select_one(".app-letter__qr svg") is not None
    assert "Hello, I am Ada Reviewer." in letter.select_one(".app-letter__page").get_text()
    assert app.test_client().get(f"/c/{old_token}").status_code == 404  # the letter made a fresh link
    client.post(
        f"/staff/children/{child_id}/send-profile",
        data={"csrf_token": client.csrf_token("/staff/caseload"), "how": "post"},
    )
    db_session.expire_all()
    assert db_session.get(Child, child_id).profile_sent_at is not None


CHILDREN_CSV = """child_ref,first_name,last_name,date_of_birth,came_into_care_on,language,iro_email,team
C1,Amira,Haddad,2014-03-02,2025-09-01,ar,{iro},North
C2,Ben,Price,12/07/2011,,en,{iro},South
C3,Cat,,2013-01-01,,en,,
C4,Dev,Shah,31/02/2015,,en,,
C5,Eve,Long,2012-05-05,,en,ghost@example.invalid,
"""


def upload(client, kind, content):  # type: ignore[no-untyped-def]
    return client.submit_form(
        "/admin/import",
        {"kind": kind, "file": (io.BytesIO(content.encode()), f"{kind}.csv")},
        content_type="multipart/form-data",
    )


def test_import_previews_reports_bad_rows_by_line_and_repeating_changes_nothing(client, db_session):
    iro = factories.iro(db_session)
    support = factories.staff(db_session, "business_support")
    sign_in(client, db_session, support)
    preview_page = upload(client, "children", CHILDREN_CSV.format(iro=iro.email))
    assert preview_page.status_code == 302
    preview = client.soup(preview_page.headers["Location"])
    errors = {
        row.select("td")[0].get_text(): row.select("td")[2].get_text()
        for row in preview.select(".app-import-errors tbody tr")
    }
    assert errors == {
        "4": "last_name is empty",
        "5": "date_of_birth '31/02/2015' is not a date (use YYYY-MM-DD or DD/MM/YYYY)",
        "6": "no staff account has the email 'ghost@example.invalid'",
    }
    assert "New: 2" in preview.get_text()
    assert (
        db_session.scalar(select(Child).where(Child.external_ref == "C1")) is None
    )  # nothing until confirmed
    done = client.post(
        preview_page.headers["Location"],
        data={"csrf_token": client.csrf_token("/admin/import")},
        follow_redirects=True,
    )
    assert "Imported: 2 new, 0 changed, 0 unchanged, 3 rows not imported" in main_text(done)
    amira = db_session.scalar(select(Child).where(Child.external_ref == "C1"))
    assert (amira.language, amira.iro_id, str(amira.came_into_care_on)) == ("ar", iro.id, "2025-09-01")

    again = upload(client, "children", CHILDREN_CSV.format(iro=iro.email))
    client.post(again.headers["Location"], data={"csrf_token": client.csrf_token("/admin/import")})
    db_session.expire_all()
    assert len(db_session.scalars(select(Child)).all()) == 2
    last = db_session.scalars(
        select(AuditEvent).where(AuditEvent.action == "import").order_by(AuditEvent.id)
    ).all()[-1]
    assert last.detail.startswith("children: 0 new, 0 changed")


def test_import_people_and_meetings_after_children(client, db_session):
    iro = factories.iro(db_session)
    admin = factories.staff(db_session, "admin")
    sign_in(client, db_session, admin)
    for kind, content in (
        (
            "children",
            f"child_ref,first_name,last_name,date_of_birth,iro_email\nK1,Kai,Lee,2015-01-01,{iro.email}\n",
        ),
        (
            "people",
            "person_ref,child_ref,name,relationship,role,email\nP1,K1,Mo Lee,dad,parent,mo@example.invalid\n"
            "P2,K9,No One,aunt,other,\nP3,K1,Di,carer,friend,\n",
        ),
        (
            "meetings",
            f"meeting_ref,child_ref,kind,date,chair_email\nM1,K1,looked_after_review,2030-01-10,{iro.email}\n",
        ),
    ):
        page = upload(client, kind, content)
        client.post(page.headers["Location"], data={"csrf_token": client.csrf_token("/admin/import")})
    assert db_session.scalar(select(Person).where(Person.external_ref == "P1")).role == "parent"
    assert db_session.scalar(select(Person).where(Person.external_ref == "P2")) is None
    assert db_session.scalar(select(Meeting).where(Meeting.external_ref == "M1")).chair_id == iro.id


def test_a_file_without_the_needed_columns_is_refused_whole(client, db_session):
    sign_in(client, db_session, factories.staff(db_session, "admin"))
    page = upload(client, "meetings", "ref,when\n1,2\n")
    assert "the file has no column meeting_ref, kind, date, chair_email" in main_text(
        client.get(page.headers["Location"])
    )


def test_the_audit_log_is_append_only(db_session):
    db_session.add(AuditEvent(action="sign_in"))
    db_session.commit()
    event = db_session.scalar(select(AuditEvent))
    event.action = "nothing happened"
    with pytest.raises(PermissionError):
        db_session.commit()
    db_session.rollback()
    if db_session.get_bind().dialect.name == "postgresql":  # the database refuses too, whatever the code does
        with pytest.raises(Exception, match="append-only"):
            db_session.execute(text("DELETE FROM audit_event"))
        db_session.rollback()


def test_admins_search_the_audit_log_and_the_search_is_itself_recorded(client, db_session):
    iro = factories.iro(db_session)
    admin = factories.staff(db_session, "admin")
    sign_in(client, db_session, iro)
    client.get("/staff/meetings/424242")
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/caseload")})
    sign_in(client, db_session, admin)
    soup = client.soup(f"/admin/audit?who={iro.email}&action=read_meeting")
    rows = [r.get_text(" ", strip=True) for r in soup.select("tbody tr")]
    assert len(rows) == 1 and "meeting 424242" in rows[0] and "denied" in rows[0] and iro.email in rows[0]
    assert "UTC" in soup.select_one("thead").get_text()
    assert (
        db_session.scalar(select(AuditEvent).where(AuditEvent.action == "search_audit")).staff_user_id
        == admin.id
    )


def test_the_profile_sent_by_email_is_recorded_once_it_has_gone(app, client, db_session, mailbox):
    from portal.messaging import dispatch

    iro = factories.iro(db_session)
    invitation, _token = factories.consultation(db_session, age=12, chair=iro)
    child = invitation.meeting.child
    child.email = "robin@example.invalid"
    db_session.commit()
    child_id = child.id
    sign_in(client, db_session, iro)
    client.post(
        f"/staff/children/{child_id}/send-profile", data={"csrf_token": client.csrf_token("/staff/caseload")}
    )
    assert dispatch.sender(app).idle(10)
    assert len(mailbox.to("robin@example.invalid")) == 1
    db_session.expire_all()
    assert db_session.get(Child, child_id).profile_sent_at is not None


def test_import_problems_are_told_in_the_language_the_person_works_in(client, db_session):
    iro = factories.iro(db_session)
    sign_in(client, db_session, factories.staff(db_session, "business_support"))
    client.get("/admin/import?lang=cy")
    preview_page = upload(client, "children", CHILDREN_CSV.format(iro=iro.email))
    preview = client.soup(preview_page.headers["Location"])
    errors = {
        row.select("td")[0].get_text(): row.select("td")[2].get_text()
        for row in preview.select(".app-import-errors tbody tr")
    }
    assert errors["4"] == "Mae last_name yn wag"  # the column keeps its name as the file has it
    assert errors["5"].startswith("Nid yw date_of_birth '31/02/2015' yn ddyddiad")
