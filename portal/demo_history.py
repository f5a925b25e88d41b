"""Three reporting years of made-up history for the demo: past reviews with
participation codes, submitted consultations (coded as they are stored), and
acknowledged safeguarding flags, so the themes explorer and the annual report
show trends. Deterministic: the same demo every time."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from portal.consult import service
from portal.invitations import create_invitation
from portal.models import Child, Meeting, Person, SafeguardingFlag, StaffUser

FIRST = [
    "Ava",
    "Noah",
    "Isla",
    "Theo",
    "Maya",
    "Leon",
    "Amara",
    "Finn",
    "Sofia",
    "Kai",
    "Lily",
    "Jayden",
    "Hana",
    "Oscar",
    "Nia",
    "Ezra",
    "Freya",
    "Malik",
    "Poppy",
    "Rhys",
    "Esme",
    "Tariq",
    "Ivy",
    "Callum",
]
LAST = [
    "Ahmed",
    "Baker",
    "Clarke",
    "Dunn",
    "Evans",
    "Fox",
    "Green",
    "Hall",
    "Iqbal",
    "Jenkins",
    "Khan",
    "Lewis",
]

WORDS = {
    "going_well": [
        "I love living with my carers, they are kind and funny",
        "I got into the football team",
        "My IRO always listens to me and makes sure I'm heard",
        "School is going really well, I like my teacher",
        "I see my nan every Sunday and it's the best",
        "I feel safe here and I have my own room",
        "I started drama club and made new friends",
        "My social worker came to see me and she was nice",
        "I passed my maths test",
        "I like my new home and I have settled in",
    ],
    "worries": [
        "I don't see my brother enough",
        "I've had 3 social workers this year and I keep telling my story",
        "I'm worried about where I will live when I turn 18",
        "Nobody listens to what I want, they just decide",
        "Court is taking so long and I don't know if I'm going home",
        "I get bullied at school for being in care",
        "I can't sleep and I feel low a lot",
        "I don't want my review at school, everyone will know",
        "I never get the reports before the meeting",
        "Contact with mum keeps getting cancelled",
    ],
    "wishes": [
        "I wish I could see my sister more",
        "I want to stay here until I'm grown up",
        "I want a dog",
        "I want to go to college and be a mechanic",
        "I wish people would ask what I think",
        "More pocket money and driving lessons",
        "To go on holiday with my carers",
    ],
    "talk_about": [
        "Seeing my dad",
        "Getting a phone",
        "Moving to a new school",
        "Having my say in the plan",
        "I want to chair my own review",
        "Can I have an advocate",
        "My pathway plan and money",
        "Going to the mosque on Fridays",
        "Please call me by my new name",
    ],
}
DISCLOSURES = [
    "he hits me when nobody is looking",
    "sometimes I want to die",
    "an older lad gives me money to take parcels",
]
CODES = ["PN1"] * 8 + ["PN2"] * 1 + ["PN5"] * 2 + ["PN6"] * 8 + ["PN7"] * 2 + ["PN4"]


def _moment(day: date, hour: int = 16) -> datetime:
    return datetime.combine(day, time(hour, 0))


def seed_history(db_session: Session, iros: list[StaffUser], today: date, years: int = 3) -> int:
    """Reviews across the last `years` reporting years (1 April to 31 March). Returns how many."""
    rng = random.Random(2026)
    first_day = date(today.year - years - (1 if today.month < 4 else 0), 4, 1)
    made = 0
    for n in range(80 * years):
        held_on = first_day + timedelta(days=rng.randrange((today - timedelta(days=31) - first_day).days))
        age = rng.choice([2, 3, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17])
        iro = iros[n % len(iros)]
        child = Child(
            external_ref=f"HIST-{n:04d}",
            first_name=rng.choice(FIRST),
            last_name=rng.choice(LAST),
            date_of_birth=date(held_on.year - age, rng.randint(1, 12), rng.randint(1, 28))
            - timedelta(days=200),
            came_into_care_on=held_on - timedelta(days=rng.randint(60, 900)),
            iro=iro,
            team=iro.team,
        )
        child.people = [
            Person(
                name=f"{rng.choice(FIRST)} {child.last_name}",
                relationship_to_child="foster carer",
                role="carer",
            )
        ]
        meeting = Meeting(kind="looked_after_review", held_on=held_on, child=child, chair=iro)
        db_session.add(meeting)
        db_session.flush()
        if age < 4:
            meeting.participation_code = "PN0"
        else:
            meeting.participation_code = rng.choice(CODES)
            if meeting.participation_code == "PN6" or rng.random() < 0.3:
                _consultation(db_session, meeting, rng, disclose=(n % 37 == 5))
            elif rng.random() < 0.6:  # sent, and never sent back
                invitation, _token = create_invitation(db_session, meeting, "child", 28)
                invitation.sent_at = _moment(held_on - timedelta(days=14), 9)
                invitation.opened_at = invitation.sent_at if rng.random() < 0.5 else None
        if rng.random() < 0.8 and child.came_into_care_on is not None:
            child.profile_sent_at = _moment(child.came_into_care_on + timedelta(days=3), 10)
        if n % 9 == 4:  # a few practice alerts a year, some escalated
            _practice_alert(db_session, child, iro, held_on, today, rng)
        made += 1
    db_session.commit()
    _conferences(db_session, iros, first_day, today, rng, 45 * years)
    _actions(db_session, iros[0], first_day, years)
    return made


ALERTS = [
    ("drift", "The plan for permanence has not moved since the last review."),
    ("health", "No health assessment for over a year."),
    ("education", "The PEP has not been updated this term."),
    ("visits", "Statutory visits have been missed twice."),
    ("contact", "Family time agreed at the review has not started."),
]


def _practice_alert(
    db_session: Session, child: Child, iro: StaffUser, held_on: date, today: date, rng: random.Random
) -> None:
    from portal.models import PRACTICE_ALERT_STAGES, PracticeAlert

    subject, note = rng.choice(ALERTS)
    raised = _moment(held_on + timedelta(days=rng.randint(1, 20)), 11)
    # Most are put right informally; a few go further, rarely to the director.
    reached = rng.choices(range(len(PRACTICE_ALERT_STAGES)), weights=[60, 25, 10, 5])[0]
    escalations = [
        {"stage": stage, "at": (raised + timedelta(days=14 * (i + 1))).isoformat(), "by": iro.id}
        for i, stage in enumerate(PRACTICE_ALERT_STAGES[1 : reached + 1])
    ]
    took = 10 + 14 * reached + rng.randint(0, 10)
    resolved = raised + timedelta(days=took) if raised.date() + timedelta(days=took) < today else None
    db_session.add(
        PracticeAlert(
            child_id=child.id,
            subject=subject,
            stage=PRACTICE_ALERT_STAGES[reached],
            note=note,
            raised_at=raised,
            raised_by=iro,
            escalations=escalations,
            resolved_at=resolved,
            outcome="Put right; the plan was updated." if resolved else "",
        )
    )


def _actions(db_session: Session, author: StaffUser, first_day: date, years: int) -> None:
    from portal.models import ServiceAction

    said_did = [
        (
            "meeting",
            "Children told us they did not want reviews at school.",
            "Reviews are now held at school only when the child chooses it.",
        ),
        (
            "social_worker",
            "Children said they had too many changes of social worker.",
            "A named manager now meets every child whose social worker changes.",
        ),
        (
            "preparation",
            "Parents said reports arrived too late to read.",
            "Reports now go to parents 5 working days before a review conference.",
        ),
    ]
    for year in range(years):
        start = date(first_day.year + year, 4, 1)
        for theme, you_said, we_did in said_did:
            db_session.add(
                ServiceAction(
                    theme=theme,
                    period_start=start,
                    period_end=date(start.year + 1, 3, 31),
                    you_said=you_said,
                    we_did=we_did,
                    created_by_id=author.id,
                )
            )
    db_session.commit()


AGREEMENT_MIX = ["strongly_agree"] * 4 + ["agree"] * 5 + ["disagree"] * 2 + ["strongly_disagree"]
PARENT_COMMENTS = [
    "The chair explained everything and made me feel listened to",
    "I got the report the night before",
    "There were too many people in the room",
    "I needed an interpreter and there wasn't one",
    "It was fair and I knew what I had to do",
    "Nobody talked to me, only about me",
]


def _conferences(
    db_session: Session, iros: list[StaffUser], first_day: date, today: date, rng: random.Random, count: int
) -> None:
    """Child Protection conferences with parents' feedback, some unhappy in every area."""
    from portal import follow_ups

    for n in range(count):
        held_on = first_day + timedelta(days=rng.randrange((today - timedelta(days=10) - first_day).days))
        kind = rng.choice(["initial", "initial", "review", "review", "review", "transfer_in"])
        meeting = Meeting(
            kind="cp_conference", conference_type=kind, held_on=held_on, chair=iros[n % len(iros)]
        )
        db_session.add(meeting)
        db_session.flush()
        for _parent in range(rng.choice([1, 1, 2])):
            unhappy = n % 19 == 3
            views = {
                s: ("disagree" if unhappy else rng.choice(AGREEMENT_MIX))
                for s in ("explained_before", "supported_views", "concerns_explained", "felt_listened_to")
            }
            if kind == "review":
                views["plan_helped"] = "disagree" if unhappy else rng.choice(AGREEMENT_MIX)
            invitation, _token = create_invitation(db_session, meeting, "parent", 2, via="conference_link")
            db_session.flush()
            service.save_page(db_session, invitation, "statements", views)
            if rng.random() < 0.4:
                service.save_page(
                    db_session, invitation, "comments", {"comments": rng.choice(PARENT_COMMENTS)}
                )
            response = service.submit(db_session, service.progress(db_session, invitation), "en")
            response.submitted_at = invitation.submitted_at = _moment(held_on, 18)
            follow_up = follow_ups.open_if_unhappy(db_session, response)
            if follow_up is not None and held_on < today - timedelta(days=60):
                follow_ups.close(
                    follow_up,
                    meeting.chair.manager or meeting.chair,
                    "Discussed with the chair; the parent was offered a meeting.",
                )
        db_session.commit()


def _consultation(db_session: Session, meeting: Meeting, rng: random.Random, disclose: bool) -> None:
    invitation, _token = create_invitation(db_session, meeting, "child", 28)
    sent = _moment(meeting.held_on - timedelta(days=14), 9)
    invitation.sent_at, invitation.opened_at, invitation.started_at = (
        sent,
        sent + timedelta(hours=5),
        sent + timedelta(hours=5),
    )
    db_session.flush()
    answers: dict[str, dict[str, Any]] = {
        "going-well": {"going_well": rng.choice(WORDS["going_well"])},
        "worries": {"worries": rng.choice(DISCLOSURES) if disclose else rng.choice(WORDS["worries"])},
        "wishes": {"wishes": rng.choice(WORDS["wishes"])},
        "talk-about": {"talk_about": rng.choice(WORDS["talk_about"])},
        "helped": {
            "helped_by": {
                "selected": [rng.choice(["no_one", "carer", "carer", "social_worker", "advocate"])],
                "other": "",
            }
        },
    }
    for page_id, page_answers in answers.items():
        service.save_page(db_session, invitation, page_id, page_answers)
    response = service.submit(db_session, service.progress(db_session, invitation), "en")
    submitted = _moment(meeting.held_on - timedelta(days=rng.randint(2, 10)))
    response.submitted_at = invitation.submitted_at = submitted
    flag = db_session.query(SafeguardingFlag).filter_by(response_id=response.id).one_or_none()
    if flag is not None:
        flag.raised_at = submitted
        flag.acknowledged_at = submitted + timedelta(minutes=rng.choice([12, 25, 40, 55, 95]))
        flag.acknowledged_by_id = meeting.chair_id
        flag.note = "Spoke to the social worker the same day; strategy discussion held."
    db_session.commit()
