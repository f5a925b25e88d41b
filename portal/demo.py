"""Realistic, clearly fictional demo data: IROs, children of every age version,
the people in their lives, meetings and personal links.

Phone numbers are from Ofcom's range for drama (01632 960xxx) and email
addresses use the reserved .invalid domain, so nothing here can reach anyone.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal import child_letter
from portal.consult import service as consult_service
from portal.invitations import create_invitation
from portal.models import (
    Child,
    ChildLetter,
    Invitation,
    IroProfile,
    Meeting,
    Person,
    Recommendation,
    ReviewRecord,
    StaffUser,
    utcnow,
)
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


def _staff(
    db_session: Session, name: str, email: str, role: str, manager: StaffUser | None = None
) -> StaffUser:
    user = StaffUser(
        name=name,
        email=email,
        role=role,
        password_hash=hash_password(DEMO_PASSWORD),
        manager=manager,
        team="North" if "o" in name.lower() else "South",
    )
    db_session.add(user)
    return user


@dataclass
class _DemoChild:
    ref: str
    first: str
    last: str
    age: int
    iro_key: str
    people: list[tuple[str, str, str, str]]  # name, relationship, role, email
    in_care_days: int
    meeting_in_days: int | None
    email: str = ""
    past_review_days: tuple[int, ...] = ()


CHILDREN = [
    _DemoChild(
        "DEMO-001",
        "Mia",
        "Thompson",
        6,
        "priya",
        [
            ("Sandra Blake", "foster carer", "carer", "sandra.blake@demo.invalid"),
            ("Jade Thompson", "mum", "parent", "jade.t@demo.invalid"),
        ],
        400,
        9,
        past_review_days=(200,),
    ),
    _DemoChild(
        "DEMO-002",
        "Leo",
        "Martin",
        10,
        "priya",
        [
            ("Paul and Rita Hughes", "foster carers", "carer", "hughes.family@demo.invalid"),
            ("Kyle Martin", "brother", "other", ""),
        ],
        700,
        14,
        past_review_days=(5,),
    ),
    _DemoChild(
        "DEMO-003",
        "Aisha",
        "Rahman",
        15,
        "tom",
        [
            ("Dee Walsh", "key worker", "carer", "oakview.house@demo.invalid"),
            ("Farida Rahman", "aunt", "other", ""),
        ],
        900,
        11,
        email="aisha.r@demo.invalid",
        past_review_days=(170,),
    ),
    _DemoChild(
        "DEMO-004",
        "Ellie",
        "Jones",
        9,
        "tom",
        [("Gwen Price", "kinship carer, nan", "carer", "gwen.price@demo.invalid")],
        300,
        20,
        past_review_days=(160,),
    ),
    _DemoChild(
        "DEMO-005",
        "Jordan",
        "Lee",
        13,
        "priya",
        [("Marcus Bell", "foster carer", "carer", "marcus.bell@demo.invalid")],
        1200,
        6,
        email="jj.lee@demo.invalid",
        past_review_days=(180,),
    ),
    _DemoChild(
        "DEMO-006",
        "Zainab",
        "Okoro",
        11,
        "priya",
        [("Helen Moss", "foster carer", "carer", "helen.moss@demo.invalid")],
        5,
        None,
    ),
    _DemoChild(
        "DEMO-007",
        "Kacper",
        "Nowak",
        16,
        "tom",
        [("Brook House", "residential home", "carer", "brook.house@demo.invalid")],
        800,
        None,
        past_review_days=(215,),
    ),
    _DemoChild(
        "DEMO-008",
        "Ruby",
        "Shaw",
        2,
        "priya",
        [("Ann Fisher", "foster carer", "carer", "ann.fisher@demo.invalid")],
        120,
        25,
        past_review_days=(90,),
    ),
    _DemoChild(
        "DEMO-009",
        "Owen",
        "Davies",
        8,
        "tom",
        [("Carys Hughes", "foster carer", "carer", "carys.h@demo.invalid")],
        600,
        35,
        past_review_days=(150,),
    ),
]


def seed(db_session: Session, base_url: str, today: date | None = None) -> DemoSeed:
    today = today or date.today()
    result = DemoSeed()
    grace = _staff(db_session, "Grace Okafor", "grace.okafor@demo.invalid", "manager")
    iros = {
        "priya": _staff(db_session, "Priya Shah", "priya.shah@demo.invalid", "iro", grace),
        "tom": _staff(db_session, "Tom Evans", "tom.evans@demo.invalid", "iro", grace),
    }
    others = [
        _staff(db_session, "Sam Patel", "sam.patel@demo.invalid", "participation_officer", grace),
        _staff(db_session, "Jo Reed", "jo.reed@demo.invalid", "business_support", grace),
        _staff(db_session, "Alex Morgan", "alex.morgan@demo.invalid", "admin"),
    ]
    db_session.add_all(
        [
            IroProfile(
                staff_user=iros["priya"],
                display_name="Priya Shah",
                hello="Hi, I’m Priya. I will be at your reviews to make sure people listen to you. "
                "I love dogs, baking and terrible jokes.",
                languages="English, Gujarati",
                phone="01632 960123",
                email="priya.shah@demo.invalid",
                office_hours="Monday to Friday, 9am to 5pm",
            ),
            IroProfile(
                staff_user=iros["tom"],
                display_name="Tom Evans",
                hello="Hello, I’m Tom. My job is to check that your plans are right for you, "
                "and that you get a say. I play rugby and I have two cats.",
                languages="English, Cymraeg",
                phone="01632 960456",
                email="tom.evans@demo.invalid",
                office_hours="Monday to Thursday, 9am to 4pm",
                translations={
                    "cy": {
                        "hello": "Helo, Tom ydw i. Fy ngwaith i yw gwneud yn siŵr bod dy gynlluniau’n "
                        "iawn i ti, a dy fod yn cael dweud dy ddweud."
                    }
                },
            ),
        ]
    )
    tokens: dict[str, tuple[Invitation, str]] = {}
    for spec in CHILDREN:
        iro = iros[spec.iro_key]
        child = Child(
            external_ref=spec.ref,
            first_name=spec.first,
            last_name=spec.last,
            date_of_birth=_years_ago(today, spec.age, 40),
            came_into_care_on=today - timedelta(days=spec.in_care_days),
            iro=iro,
            email=spec.email,
            team=iro.team,
        )
        child.people = [
            Person(name=n, relationship_to_child=r, role=role, email=e) for n, r, role, e in spec.people
        ]
        db_session.add(child)
        for days_ago in spec.past_review_days:
            past = Meeting(
                kind="looked_after_review", held_on=today - timedelta(days=days_ago), child=child, chair=iro
            )
            if days_ago > 30:
                past.participation_code = "PN0" if spec.age < 4 else ("PN1" if spec.age > 12 else "PN6")
            db_session.add(past)
            if days_ago <= 30:
                tokens[f"{spec.first}-past"] = _invite(db_session, past, today)
        if spec.meeting_in_days is not None:
            meeting = Meeting(
                kind="looked_after_review",
                held_on=today + timedelta(days=spec.meeting_in_days),
                child=child,
                chair=iro,
            )
            db_session.add(meeting)
            if spec.age >= 4:
                tokens[spec.first] = _invite(db_session, meeting, today)
    db_session.flush()
    _half_finished(db_session, tokens["Ellie"][0])
    _submitted(db_session, tokens["Jordan"][0], JORDAN_ANSWERS)
    _submitted(db_session, tokens["Leo-past"][0], LEO_ANSWERS)
    db_session.commit()
    from portal import conference_links
    from portal.demo_history import seed_history, seed_priorities

    iros["tom"].fte_percent = 80  # works four days a week: caseloads are per full-time IRO
    seed_history(db_session, list(iros.values()), today)
    seed_priorities(db_session, grace, today)
    conference = Meeting(
        kind="cp_conference", conference_type="review", held_on=today - timedelta(days=1), chair=iros["priya"]
    )
    db_session.add(conference)
    _link, conference_token = conference_links.create(db_session, conference, days=14, max_responses=10)
    db_session.commit()

    notes = {"Ellie": " – half finished", "Jordan": " – already sent, link no longer works"}
    for first in ("Mia", "Leo", "Aisha", "Ellie", "Jordan"):
        invitation, token = tokens[first]
        label = f"{first} ({invitation.questionnaire_id}){notes.get(first, '')}"
        result.links.append(DemoLink(label, f"{base_url}/c/{token}"))
    # Mia's carer and mum, asked before the same review: the adults' own journeys.
    mia_meeting = tokens["Mia"][0].meeting
    for person in mia_meeting.child.people if mia_meeting.child else []:
        if person.role in ("carer", "parent"):
            invitation, token = create_invitation(db_session, mia_meeting, person.role, 28, person)
            invitation.sent_at = utcnow()
            result.links.append(
                DemoLink(f"{person.name}, Mia's {person.relationship_to_child}", f"{base_url}/c/{token}")
            )
    letter_token = _last_review_record(db_session, mia_meeting, today)
    db_session.commit()
    if letter_token:
        result.links.append(DemoLink("Mia's letter from her last review", f"{base_url}/l/{letter_token}"))
    result.links.append(
        DemoLink(
            "Parents' feedback after yesterday's conference (the QR code's link)",
            f"{base_url}/f/{conference_token}",
        )
    )
    everyone = [grace, *iros.values(), *others]
    result.staff = [DemoStaff(u.id, u.name, u.email, u.role) for u in everyone]
    return result


def _last_review_record(db_session: Session, upcoming: Meeting, today: date) -> str | None:
    """A finished record of the child's last review, so their next meeting's page
    shows what it asked for: one thing done, one late, one not due yet; and the
    letter sent to her after it (its link is returned)."""
    last = db_session.scalar(
        select(Meeting)
        .where(Meeting.child_id == upcoming.child_id, Meeting.held_on < today)
        .order_by(Meeting.held_on.desc())
        .limit(1)
    )
    if last is None:
        return None
    finished = datetime.combine(last.held_on + timedelta(days=7), datetime.min.time())
    record = ReviewRecord(
        meeting=last,
        views=[],
        attendance="Mia, her foster carer, her social worker and the IRO. Mum joined by phone.",
        decisions="Mia stays with her foster carers. Family time with mum every other Saturday.",
        plan_meets_needs="yes",
        next_review_on=upcoming.held_on,
        due_on=last.held_on + timedelta(days=28),
        finished_at=finished,
        finished_by=last.chair,
        recommendations=[
            Recommendation(
                text="Book Mia's dental check-up",
                owner="Foster carer",
                due_on=last.held_on + timedelta(days=30),
                status="done",
            ),
            Recommendation(
                text="Hold a PEP meeting about Mia's reading support",
                owner="Designated teacher",
                due_on=today - timedelta(days=60),
            ),
            Recommendation(
                text="Start life story work with Mia",
                owner="Social worker",
                due_on=today + timedelta(days=40),
            ),
        ],
    )
    db_session.add(record)
    letter = ChildLetter(record=record, language="en", messages=MIA_LETTER)
    db_session.add(letter)
    return child_letter.send(letter, last.chair, "link")


MIA_LETTER = [
    {
        "theme": "family_time",
        "told": "You miss your mum and want to see her more.",
        "happens": "You will see Mum every other Saturday.",
    },
    {
        "theme": "home_carers",
        "told": "You are happy living with Sue and Dave.",
        "happens": "You will stay living with them.",
    },
    {
        "theme": "health_wellbeing",
        "told": "Your tooth hurt.",
        "happens": "Sue will take you to the dentist.",
    },
]


def _invite(db_session: Session, meeting: Meeting, today: date) -> tuple[Invitation, str]:
    db_session.flush()
    invitation, token = create_invitation(db_session, meeting, "child", valid_days=28)
    invitation.sent_at = utcnow()
    return invitation, token


JORDAN_ANSWERS: dict[str, dict[str, object]] = {
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


LEO_ANSWERS: dict[str, dict[str, object]] = {
    "home": {"home_rating": "5", "home_more": "Paul and Rita are kind. I have my own room now."},
    "family": {"family_rating": "3", "family_more": "I want to see Kyle more, not just in the holidays."},
    "school": {"school_rating": "4", "school_more": "I got into the football team!"},
    "worries": {"worries": "That I might have to move school."},
    "talk-about": {"talk_about": "Seeing my brother Kyle more."},
    "meeting-how": {"meeting_how": "in_person", "meeting_where": "home"},
    "your-say": {"chair": "no", "see_iro_alone": "yes", "advocate": "no"},
    "helped": {"helped_by": {"selected": ["carer"], "other": ""}},
}


def _half_finished(db_session: Session, invitation: Invitation) -> None:
    consult_service.save_page(
        db_session, invitation, "home", {"home_rating": "4", "home_more": "I like my nan’s dog"}
    )
    consult_service.save_page(db_session, invitation, "family", {"family_rating": "3"})


def _submitted(db_session: Session, invitation: Invitation, pages: dict[str, dict[str, object]]) -> None:
    for page_id, answers in pages.items():
        consult_service.save_page(db_session, invitation, page_id, answers)
    state = consult_service.progress(db_session, invitation)
    consult_service.submit(db_session, state, "en")
