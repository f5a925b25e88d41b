"""Realistic, clearly fictional demo data: IROs, children of every age version,
the people in their lives, meetings and personal links.

Phone numbers are from Ofcom's range for drama (01632 960xxx) and email
addresses use the reserved .invalid domain, so nothing here can reach anyone.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from forms import get_questionnaire
from portal.consult import service as consult_service
from portal.invitations import create_invitation
from portal.models import Child, IroProfile, Meeting, Person, StaffUser, utcnow
from portal.passwords import hash_password

DEMO_PASSWORD = "demo-password"  # noqa: S105 - demo mode only, printed for the user
LINKS_FILE = "demo-links.json"


@dataclass
class DemoLink:
    label: str
    url: str


@dataclass
class DemoStaff:
    id: int
    name: str
    email: str
    role: str


@dataclass
class DemoSeed:
    links: list[DemoLink] = field(default_factory=list)
    staff: list[DemoStaff] = field(default_factory=list)

    def save(self, instance_path: Path) -> None:
        (instance_path / LINKS_FILE).write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")

    @classmethod
    def load(cls, instance_path: Path) -> DemoSeed | None:
        path = instance_path / LINKS_FILE
        if not path.exists():
            return None
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls([DemoLink(**x) for x in raw["links"]], [DemoStaff(**x) for x in raw["staff"]])


def _years_ago(today: date, years: int, extra_days: int = 0) -> date:
    return date(today.year - years, today.month, min(today.day, 28)) - timedelta(days=extra_days)


def _staff(db_session: Session, name: str, email: str, role: str) -> StaffUser:
    user = StaffUser(name=name, email=email, role=role, password_hash=hash_password(DEMO_PASSWORD))
    db_session.add(user)
    return user


def _child(
    db_session: Session,
    ref: str,
    first: str,
    last: str,
    born: date,
    iro: StaffUser,
    people: list[tuple[str, str, str]],
) -> Child:
    child = Child(
        external_ref=ref,
        first_name=first,
        last_name=last,
        date_of_birth=born,
        came_into_care_on=born + timedelta(days=365 * 3),
        iro=iro,
    )
    child.people = [Person(name=n, relationship_to_child=r, role=role) for n, r, role in people]
    db_session.add(child)
    return child


def seed(db_session: Session, base_url: str, today: date | None = None) -> DemoSeed:
    today = today or date.today()
    result = DemoSeed()
    priya = _staff(db_session, "Priya Shah", "priya.shah@demo.invalid", "iro")
    tom = _staff(db_session, "Tom Evans", "tom.evans@demo.invalid", "iro")
    grace = _staff(db_session, "Grace Okafor", "grace.okafor@demo.invalid", "manager")
    db_session.add_all(
        [
            IroProfile(
                staff_user=priya,
                display_name="Priya Shah",
                hello="Hi, I’m Priya. I will be at your reviews to make sure people listen to you. "
                "I love dogs, baking and terrible jokes.",
                languages="English, Gujarati",
                phone="01632 960123",
                email="priya.shah@demo.invalid",
                office_hours="Monday to Friday, 9am to 5pm",
            ),
            IroProfile(
                staff_user=tom,
                display_name="Tom Evans",
                hello="Hello, I’m Tom. My job is to check that your plans are right for you, "
                "and that you get a say. I play rugby and I have two cats.",
                languages="English, Cymraeg",
                phone="01632 960456",
                email="tom.evans@demo.invalid",
                office_hours="Monday to Thursday, 9am to 4pm",
            ),
        ]
    )
    children = [
        (
            "DEMO-001",
            "Mia",
            "Thompson",
            _years_ago(today, 6, 90),
            priya,
            [("Sandra Blake", "foster carer", "carer"), ("Jade Thompson", "mum", "parent")],
            9,
        ),
        (
            "DEMO-002",
            "Leo",
            "Martin",
            _years_ago(today, 10, 40),
            priya,
            [("Paul and Rita Hughes", "foster carers", "carer"), ("Kyle Martin", "brother", "other")],
            14,
        ),
        (
            "DEMO-003",
            "Aisha",
            "Rahman",
            _years_ago(today, 15, 200),
            tom,
            [("Dee Walsh", "key worker", "carer"), ("Farida Rahman", "aunt", "other")],
            11,
        ),
        (
            "DEMO-004",
            "Ellie",
            "Jones",
            _years_ago(today, 9, 10),
            tom,
            [("Gwen Price", "kinship carer, nan", "carer")],
            20,
        ),
        (
            "DEMO-005",
            "Jordan",
            "Lee",
            _years_ago(today, 13, 60),
            priya,
            [("Marcus Bell", "foster carer", "carer")],
            6,
        ),
    ]
    tokens: dict[str, tuple[object, str]] = {}
    for ref, first, last, born, iro, people, in_days in children:
        child = _child(db_session, ref, first, last, born, iro, people)
        meeting = Meeting(
            kind="looked_after_review", held_on=today + timedelta(days=in_days), child=child, chair=iro
        )
        db_session.add(meeting)
        db_session.flush()
        invitation, token = create_invitation(db_session, meeting, "child", valid_days=28)
        invitation.sent_at = utcnow()
        tokens[first] = (invitation, token)
    db_session.flush()
    _half_finished(db_session, tokens["Ellie"][0])
    _submitted(db_session, tokens["Jordan"][0])
    db_session.commit()

    for first, (invitation, token) in tokens.items():
        questionnaire = get_questionnaire(invitation.questionnaire_id, invitation.questionnaire_version)
        note = {"Ellie": " – half finished", "Jordan": " – already sent, link no longer works"}.get(first, "")
        result.links.append(DemoLink(f"{first} ({questionnaire.id}){note}", f"{base_url}/c/{token}"))
    result.staff = [DemoStaff(u.id, u.name, u.email, u.role) for u in (priya, tom, grace)]
    return result


def _half_finished(db_session: Session, invitation) -> None:  # type: ignore[no-untyped-def]
    consult_service.save_page(
        db_session, invitation, "home", {"home_rating": "4", "home_more": "I like my nan’s dog"}
    )
    consult_service.save_page(db_session, invitation, "family", {"family_rating": "3"})


def _submitted(db_session: Session, invitation) -> None:  # type: ignore[no-untyped-def]
    pages = {
        "home": {"home_rating": "4", "home_more": "Marcus is sound. I want to stay here till I’m 18."},
        "family": {
            "family_rating": "2",
            "family_more": "I don’t see my little sister enough. Once a month isn’t enough.",
        },
        "school": {"school_rating": "3", "school_more": "Year 9 is hard but I like DT."},
        "worries": {"worries": "Moving again. Nobody tells me what’s happening with court."},
        "talk-about": {"talk_about": "Seeing my sister more. Getting a phone contract."},
        "not-talk-about": {
            "not_talk_about": "What happened at my old school",
            "not_in_front_of": {"selected": ["teacher"], "other": ""},
        },
        "meeting-how": {"meeting_how": "in_person", "meeting_where": "not_school"},
        "meeting-when": {
            "meeting_when": {
                "days": ["saturday"],
                "times": ["morning"],
                "note": "Not Tuesdays, that’s football",
            }
        },
        "your-say": {"chair": "yes", "see_iro_alone": "yes", "advocate": "not_sure"},
        "chairing": {"chair_how": "co_chair"},
        "about-you": {"name_to_use": "JJ", "pronouns": "he/him", "words_to_use": "Say home, not placement."},
        "helped": {"helped_by": {"selected": ["no_one"], "other": ""}},
    }
    for page_id, answers in pages.items():
        consult_service.save_page(db_session, invitation, page_id, answers)
    state = consult_service.progress(db_session, invitation)
    consult_service.submit(db_session, state, "en")
