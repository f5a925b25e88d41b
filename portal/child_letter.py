"""The letter to the child after their review: at most three key messages,
each a picture, what the child told the chair and what will happen, in the
chair's own words. The phrases around them ("You told me", "What will
happen") come from the catalogues in the child's language; the chair's
sentences stay as written and are marked as not translated.

It is drafted from the record (the child's kept words and their themes, the
recommendations) and read by the child through its own link or on paper.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from docx import Document
from docx.shared import Cm
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from analysis.readability import reading_age
from portal import tokens
from portal.coding import theme_labels
from portal.models import ChildLetter, Invitation, Meeting, Response, ReviewRecord, StaffUser, utcnow

MAX_MESSAGES = 3
MESSAGE_LENGTH = 300  # a short sentence or two: a letter to a child, not minutes
LINK_DAYS = 180
READING_ALLOWANCE = 1  # the formula is rough: a year above the child's age is within its noise
PICTURES = "pictures/themes"
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(\s|$)", re.DOTALL)


def picture_themes() -> list[str]:
    """The themes that have a picture: every theme in the coding frame."""
    return list(theme_labels())


def picture_path(theme: str) -> str:
    """The static path of a theme's picture (our own SVG, not an emoji font)."""
    return f"{PICTURES}/{theme if theme in theme_labels() else 'voice'}.svg"


def letter_for(db_session: Session, record: ReviewRecord) -> ChildLetter | None:
    return db_session.scalar(select(ChildLetter).where(ChildLetter.record_id == record.id))


def child_language(db_session: Session, meeting: Meeting) -> str:
    """The language the child answered their consultation in (English when they did not answer)."""
    found = db_session.scalar(
        select(Response.language)
        .join(Invitation, Response.invitation_id == Invitation.id)
        .where(Invitation.meeting_id == meeting.id, Invitation.audience == "child")
        .order_by(Response.submitted_at.desc())
        .limit(1)
    )
    return found or "en"


def _first_sentence(text: str) -> str:
    found = _FIRST_SENTENCE.match(text.strip())
    sentence = found.group(1) if found else text.strip()
    return sentence[:MESSAGE_LENGTH]


def draft_messages(record: ReviewRecord) -> list[dict[str, str]]:
    """Three messages to start from: the themes the child spoke of most, each
    with the first sentence the child wrote about it (to be put in the chair's
    words), and the recommendations in order as what will happen."""
    child_blocks = [b for b in record.views if b["source"] == "child" and b.get("kept", True)]
    counted = Counter(t for b in child_blocks for t in b.get("themes", []))
    chosen = [t for t, _n in counted.most_common(MAX_MESSAGES)]
    happens = [r.text for r in record.recommendations]
    messages = []
    for index in range(MAX_MESSAGES):
        theme = chosen[index] if index < len(chosen) else ""
        said = next((b["text"] for b in child_blocks if theme and theme in b.get("themes", [])), "")
        if not theme and index >= len(happens):
            break
        messages.append(
            {
                "theme": theme or "plans_decisions",
                "told": _first_sentence(said) if said else "",
                "happens": happens[index][:MESSAGE_LENGTH] if index < len(happens) else "",
            }
        )
    return messages


def start_letter(db_session: Session, record: ReviewRecord) -> ChildLetter:
    letter = ChildLetter(
        record=record,
        language=child_language(db_session, record.meeting),
        messages=draft_messages(record),
    )
    db_session.add(letter)
    db_session.flush()
    return letter


def save(letter: ChildLetter, messages: list[dict[str, str]], language: str) -> None:
    """Keep the messages that say something, in the order written."""
    letter.messages = [m for m in messages if m.get("told", "").strip() or m.get("happens", "").strip()][
        :MAX_MESSAGES
    ]
    letter.language = language
    letter.updated_at = utcnow()


def send(letter: ChildLetter, user: StaffUser, delivery: str) -> str | None:
    """Record that the letter went to the child. By link, a new personal link is
    made (any earlier one stops working) and returned once: only its hash is kept."""
    letter.delivery = delivery
    letter.sent_at = utcnow()
    letter.sent_by = user
    if delivery != "link":
        return None
    token = tokens.new_token()
    letter.token_hash = tokens.hash_token(token)
    letter.link_expires_at = utcnow() + timedelta(days=LINK_DAYS)
    return token


def letter_by_token(db_session: Session, token: str) -> ChildLetter | None:
    """A sent letter whose link still works, with what its page needs."""
    if not token or len(token) > 100:
        return None
    letter = db_session.scalar(
        select(ChildLetter)
        .where(ChildLetter.token_hash == tokens.hash_token(token))
        .options(joinedload(ChildLetter.record).joinedload(ReviewRecord.meeting).joinedload(Meeting.child))
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    if letter is None or letter.sent_at is None or not letter.link_expires_at or letter.link_expires_at < now:
        return None
    return letter


@dataclass(frozen=True)
class Advice:
    """The reading age of one message's own sentences, beside the child's age."""

    reading_age: int | None
    child_age: int

    @property
    def too_hard(self) -> bool:
        return self.reading_age is not None and self.reading_age > max(self.child_age, 7) + READING_ALLOWANCE


def advice(messages: list[dict[str, str]], child_age: int) -> list[Advice]:
    return [
        Advice(reading_age(" ".join(filter(None, (m.get("told"), m.get("happens"))))), child_age)
        for m in messages
    ]


def word(letter: ChildLetter, child_name: str, chair: StaffUser, static_folder: str) -> bytes:
    """The letter as a Word file for printing, in the child's language, with
    each message's picture (rendered from its SVG when a PNG is not to hand)."""
    record = letter.record
    with force_locale(letter.language):
        document = Document()
        properties = document.core_properties
        properties.title = _("A letter from your review")
        properties.author = chair.name
        properties.language = letter.language.replace("_", "-")
        properties.created = properties.modified = datetime.now(UTC).replace(tzinfo=None)
        document.add_heading(_("Dear %(name)s,", name=child_name), level=1)
        document.add_paragraph(intro(record.meeting.held_on))
        for number, message in enumerate(letter.messages, start=1):
            document.add_heading(_("Message %(number)d", number=number), level=2)
            png = f"{static_folder}/{picture_path(message['theme'])[:-4]}.png"
            with contextlib.suppress(OSError):  # a picture missing from a custom install leaves the words
                document.add_picture(png, width=Cm(3))
            if message.get("told"):
                document.add_paragraph(_("You told me:")).runs[0].bold = True
                document.add_paragraph(message["told"])
            if message.get("happens"):
                document.add_paragraph(_("What will happen:")).runs[0].bold = True
                document.add_paragraph(message["happens"])
        if record.next_review_on:
            document.add_paragraph(next_review(record.next_review_on))
        document.add_paragraph(_("From %(name)s, your IRO", name=signed_by(chair)))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def intro(held_on: date) -> str:
    return _(
        "Thank you for telling me what you think before your review on %(day)s. "
        "Here is what we talked about, and what will happen next.",
        day=format_date(held_on, "d MMMM yyyy"),
    )


def next_review(day: date) -> str:
    return _("Your next review will be on %(day)s.", day=format_date(day, "d MMMM yyyy"))


def signed_by(chair: StaffUser) -> str:
    return chair.profile.display_name if chair.profile and chair.profile.display_name else chair.name


def fields(letter: ChildLetter) -> dict[str, Any]:
    return {
        "language": letter.language,
        "messages": letter.messages,
        "delivery": letter.delivery,
        "sent_at": letter.sent_at.isoformat() if letter.sent_at else None,
    }
