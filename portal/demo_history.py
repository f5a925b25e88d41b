"""Six reporting years of made-up history for the demo: children coming into
and leaving care, their reviews on the statutory schedule (a few late, with
reasons) with participation codes and the IRO's contact before each,
submitted consultations (coded as they are stored), acknowledged safeguarding
flags, practice alerts and conferences, so every section of the annual report
has a year before to compare with. Deterministic: the same demo every time."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from analysis import review_timeliness
from forms import age_on
from portal import calendar_data
from portal.consult import service
from portal.invitations import create_invitation
from portal.models import LATE_REASONS, Child, Meeting, Person, SafeguardingFlag, StaffUser
from portal.report.model import year_of

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


def _born_for_entry(rng: random.Random, entered: date) -> date:
    """A date of birth for a child coming into care: the DfE's mix of ages on entry."""
    band = rng.choices([(0, 0), (1, 4), (5, 9), (10, 15), (16, 17)], weights=[20, 15, 18, 37, 10])[0]
    return entered - timedelta(days=365 * rng.randint(*band) + rng.randrange(30, 330))


def _eighteenth(born: date) -> date:
    return born.replace(year=born.year + 18, day=min(born.day, 28))


@dataclass(frozen=True)
class _Episode:
    born: date
    entered: date
    left: date | None


def _cohort(rng: random.Random, first_day: date, today: date) -> list[_Episode]:
    """About 120 children in care at a time: those already in care when the
    history starts, then about 30 a year coming in. Half go home (or to
    adoption or a special guardian) within a few years; the rest leave at 18."""
    starts = [first_day - timedelta(days=rng.randrange(30, 1500)) for _ in range(170)]
    years = (today - first_day).days / 365
    starts += [
        first_day + timedelta(days=rng.randrange((today - first_day).days)) for _ in range(int(28 * years))
    ]
    episodes = []
    for entered in sorted(starts):
        born = _born_for_entry(rng, entered)
        leaves = _eighteenth(born)
        if rng.random() < 0.5:
            leaves = min(leaves, entered + timedelta(days=rng.randrange(90, 1000)))
        episodes.append(_Episode(born, entered, leaves if leaves <= today else None))
    return [e for e in episodes if e.left is None or e.left >= first_day]


def _review_days(
    rng: random.Random, episode: _Episode, until: date, holidays: frozenset[date]
) -> list[tuple[date, str | None]]:
    """Each review of an episode as the schedule asks, held a little early;
    about one in twenty late, most with a reason recorded."""
    held: list[tuple[date, str | None]] = []
    while True:
        due = review_timeliness.next_due(episode.entered, [d for d, _r in held], holidays)
        if rng.random() < 0.05:
            day = due + timedelta(days=rng.randint(1, 30))
            reason = rng.choice(LATE_REASONS) if rng.random() < 0.9 else None
        else:
            earliest = (held[-1][0] if held else episode.entered) + timedelta(days=1)
            day, reason = max(earliest, due - timedelta(days=rng.randint(0, 12))), None
        if day > until or (episode.left is not None and day >= episode.left):
            return held
        held.append((day, reason))


CONTACTS = ["visit"] * 60 + ["video"] * 12 + ["phone"] * 13 + ["none"] * 5 + [None] * 10


def seed_history(db_session: Session, iros: list[StaffUser], today: date, years: int = 6) -> int:
    """Children in care across the last `years` reporting years (1 April to
    31 March) and the one running, each reviewed on the statutory schedule.
    Returns how many reviews."""
    rng = random.Random(2026)
    first_day = date(year_of(today) - years, 4, 1)
    last_review = today - timedelta(days=31)  # the demo's own children hold the reviews after
    holidays = calendar_data.bank_holidays()
    made = 0
    for n, episode in enumerate(_cohort(rng, first_day, today)):
        iro = iros[n % len(iros)]
        child = Child(
            external_ref=f"HIST-{n:04d}",
            first_name=rng.choice(FIRST),
            last_name=rng.choice(LAST),
            date_of_birth=episode.born,
            came_into_care_on=episode.entered,
            left_care_on=episode.left,
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
        if rng.random() < 0.8:
            child.profile_sent_at = _moment(episode.entered + timedelta(days=3), 10)
        db_session.add(child)
        for held_on, reason in _review_days(rng, episode, last_review, holidays):
            _review(db_session, rng, child, iro, held_on, reason, today, in_window=held_on >= first_day)
            made += 1
        if n % 50 == 0:
            db_session.commit()
    db_session.commit()
    _conferences(db_session, iros, first_day, today, rng, 25 * years)
    _actions(db_session, iros[0], first_day, years)
    return made


PRIORITIES = [
    ("Every child offered an advocate before their review", "done", "Advocates now call every child over 8."),
    ("Records of reviews finished within 15 working days", "under_way", "Up from 61% to 78% of records."),
    ("Children chair part of their own review", "not_done", "Delayed by the team's vacancies; carried over."),
    ("Consultations in the child's first language", "planned", ""),
    ("Reviews away from school unless the child chooses it", "planned", ""),
]


def seed_priorities(db_session: Session, manager: StaffUser, today: date) -> None:
    """Last complete year's priorities with how they went, and the running year's."""
    from portal.models import ServicePriority

    last = year_of(today) - 1
    for n, (title, status, progress) in enumerate(PRIORITIES):
        year = last if n < 3 else last + 1
        db_session.add(
            ServicePriority(
                year=year, title=title, status=status, progress=progress, created_by_id=manager.id
            )
        )
    db_session.commit()


def _review(
    db_session: Session,
    rng: random.Random,
    child: Child,
    iro: StaffUser,
    held_on: date,
    late_reason: str | None,
    today: date,
    in_window: bool,
) -> None:
    age = age_on(child.date_of_birth, held_on)
    contact = rng.choice(CONTACTS)
    meeting = Meeting(
        kind="looked_after_review",
        held_on=held_on,
        child=child,
        chair=iro,
        late_reason=late_reason,
        participation_code="PN0" if age < 4 else rng.choice(CODES),
        contact_before_how=contact,
        contact_before_on=held_on - timedelta(days=rng.randint(3, 25))
        if contact not in (None, "none")
        else None,
    )
    db_session.add(meeting)
    if not in_window or age < 4:
        return
    draw = rng.random()
    if draw < 0.12:
        db_session.flush()
        _consultation(db_session, meeting, rng, disclose=rng.random() < 0.03)
    elif draw < 0.2:  # sent, and never sent back
        db_session.flush()
        invitation, _token = create_invitation(db_session, meeting, "child", 28)
        invitation.sent_at = _moment(held_on - timedelta(days=14), 9)
        invitation.opened_at = invitation.sent_at if rng.random() < 0.5 else None
    if rng.random() < 1 / 40:  # a few practice alerts a year, some escalated
        db_session.flush()
        _practice_alert(db_session, child, iro, held_on, today, rng)


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
            "IRO team manager",
            "done",
        ),
        (
            "social_worker",
            "Children said they had too many changes of social worker.",
            "A named manager now meets every child whose social worker changes.",
            "Head of Service, Children in Care",
            "under_way",
        ),
        (
            "preparation",
            "Parents said reports arrived too late to read.",
            "Reports now go to parents 5 working days before a review conference.",
            "Child Protection chairs",
            "done",
        ),
    ]
    for year in range(years):
        start = date(first_day.year + year, 4, 1)
        for theme, you_said, we_did, owner, status in said_did:
            db_session.add(
                ServiceAction(
                    theme=theme,
                    period_start=start,
                    period_end=date(start.year + 1, 3, 31),
                    you_said=you_said,
                    we_did=we_did,
                    owner=owner,
                    due_on=date(start.year + 1, 3, 31),
                    status=status,
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
        if kind == "initial":  # most within 15 working days of the strategy discussion, a few not
            meeting.strategy_discussion_on = held_on - timedelta(
                days=rng.choice([12, 14, 18, 19, 20, 21, 26])
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
