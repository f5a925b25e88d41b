"""The record of a review, written by its chair after the meeting.

"What the child told us" is drafted from the consultations sent for the
meeting: each answer is a block holding the person's words exactly as sent.
The chair may leave a block out or add their own words beside, never reword
one, so what came from the child stays the child's. A finished record is
locked; it opens again only with a reason, and what it said before is kept.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from docx import Document
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from portal import labels  # the module, not its names: portal.labels imports back through consult
from portal.models import (
    Meeting,
    PracticeAlert,
    Recommendation,
    RecordAmendment,
    ReviewRecord,
    StaffUser,
    utcnow,
)
from portal.report.outputs import spreadsheet_safe
from portal.staff.schedule import add_working_days
from portal.staff.service import MeetingPage

CHAIR = "chair"


def opens_on(meeting: Meeting) -> date:
    """A record is written once the review has been held."""
    return meeting.held_on


def may_write_record(user: StaffUser) -> bool:
    """The chair writes it, or the IRO covering for them (both reach the meeting as IROs);
    a manager reads it."""
    return user.role == "iro"


def due_by(meeting: Meeting, working_days: int) -> date:
    return add_working_days(meeting.held_on, working_days)


def draft_views(page: MeetingPage) -> list[dict[str, Any]]:
    """A block for every answer given, the child's first, each in the words sent."""
    blocks: list[dict[str, Any]] = []
    for view in page.responses:
        answered = [*view.wishes, *(a for _title, answers in view.sections for a in answers)]
        for answer in answered:
            if not answer.lines:
                continue
            blocks.append(
                {
                    "source": view.invitation.audience,
                    "response_id": view.response.id,
                    "question_id": answer.question.id,
                    "label": answer.question.label,
                    "text": "\n".join(str(line) for line in answer.lines),
                    "themes": list(answer.codes.themes) if answer.codes else [],
                    "kept": True,
                }
            )
    return blocks


def record_for(db_session: Session, meeting: Meeting) -> ReviewRecord | None:
    return db_session.scalar(
        select(ReviewRecord)
        .where(ReviewRecord.meeting_id == meeting.id)
        .options(selectinload(ReviewRecord.recommendations), selectinload(ReviewRecord.amendments))
    )


def start_record(db_session: Session, meeting: Meeting, page: MeetingPage, working_days: int) -> ReviewRecord:
    """The meeting's record, drafted from its consultations the first time it is opened."""
    record = record_for(db_session, meeting)
    if record is None:
        record = ReviewRecord(
            meeting=meeting,
            views=draft_views(page),
            due_on=due_by(meeting, working_days),
            recommendations=[],
            amendments=[],
        )
        db_session.add(record)
        db_session.flush()
    return record


def keep_only(record: ReviewRecord, kept: set[int]) -> None:
    """Leave out the consultation blocks not ticked; the words of those kept are untouched."""
    record.views = [
        {**block, "kept": index in kept} if block["source"] != CHAIR else block
        for index, block in enumerate(record.views)
    ]


def chair_words(record: ReviewRecord) -> str:
    return next((b["text"] for b in record.views if b["source"] == CHAIR), "")


def set_chair_words(record: ReviewRecord, text: str) -> None:
    """The chair's own summary, kept apart from (and shown after) the people's words."""
    blocks = [b for b in record.views if b["source"] != CHAIR]
    if text.strip():
        blocks.append({"source": CHAIR, "label": "", "text": text.strip(), "themes": [], "kept": True})
    record.views = blocks


def kept_views(record: ReviewRecord) -> list[dict[str, Any]]:
    return [b for b in record.views if b.get("kept", True)]


def add_recommendation(record: ReviewRecord, text: str, owner: str, due_on: date) -> Recommendation:
    recommendation = Recommendation(text=text.strip(), owner=owner.strip(), due_on=due_on, status="open")
    record.recommendations.append(recommendation)
    touch(record)
    return recommendation


def set_status(recommendation: Recommendation, status: str) -> None:
    recommendation.status = status
    recommendation.status_changed_at = utcnow()


def raise_alert(recommendation: Recommendation, user: StaffUser) -> PracticeAlert:
    """An informal practice alert about a recommendation not done by its date
    (the caller adds it to the session)."""
    alert = PracticeAlert(
        child_id=recommendation.record.meeting.child_id,
        recommendation=recommendation,
        subject="recommendation",
        stage="informal",
        note=f"{recommendation.text} ({recommendation.owner}, due {recommendation.due_on.isoformat()})",
        raised_by=user,
    )
    return alert


def touch(record: ReviewRecord) -> None:
    record.updated_at = utcnow()


def finish(record: ReviewRecord, user: StaffUser) -> None:
    record.finished_at = utcnow()
    record.finished_by = user


def amend(record: ReviewRecord, user: StaffUser, reason: str) -> RecordAmendment:
    """Open a finished record again, keeping what it said and why it changed."""
    amendment = RecordAmendment(reason=reason.strip(), before=fields(record), amended_by=user)
    record.amendments.append(amendment)
    record.finished_at = None
    record.finished_by = None
    touch(record)
    return amendment


def finished_in_time(record: ReviewRecord, working_days: int) -> bool | None:
    if record.finished_at is None:
        return None
    return record.finished_at.date() <= (record.due_on or due_by(record.meeting, working_days))


def fields(record: ReviewRecord) -> dict[str, Any]:
    """The record as plain fields: the export, and what an amendment keeps."""
    meeting = record.meeting
    child = meeting.child
    return {
        "meeting_id": meeting.id,
        "meeting_ref": meeting.external_ref or "",
        "child_ref": child.external_ref if child else "",
        "held_on": meeting.held_on.isoformat(),
        "chair": meeting.chair.name,
        "participation_code": meeting.participation_code or "",
        "views": [
            {
                "who": block["source"],
                "own_words": block["source"] != CHAIR,
                "question": block.get("label", ""),
                "text": block["text"],
                "themes": block.get("themes", []),
            }
            for block in kept_views(record)
        ],
        "attendance": record.attendance,
        "decisions": record.decisions,
        "plan_meets_needs": record.plan_meets_needs,
        "plan_note": record.plan_note,
        "next_review_on": record.next_review_on.isoformat() if record.next_review_on else "",
        "recommendations": [
            {"text": r.text, "owner": r.owner, "due_on": r.due_on.isoformat(), "status": r.status}
            for r in record.recommendations
        ],
        "finished_at": record.finished_at.isoformat(timespec="minutes") if record.finished_at else "",
        "finished_by": record.finished_by.name if record.finished_by else "",
    }


CSV_HEADERS = ("section", "who", "question", "text", "owner", "due_on", "status")


def csv_text(record: ReviewRecord) -> str:
    """One row per item, in a shape a case management system's import can map."""
    data = fields(record)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADERS)
    rows: list[list[Any]] = [
        ["meeting", "", "held_on", data["held_on"], "", "", ""],
        ["meeting", "", "chair", data["chair"], "", "", ""],
        ["meeting", "", "participation_code", data["participation_code"], "", "", ""],
    ]
    rows += [["views", v["who"], v["question"], v["text"], "", "", ""] for v in data["views"]]
    for name in ("attendance", "decisions", "plan_meets_needs", "plan_note", "next_review_on"):
        rows.append(["record", "", name, data[name], "", "", ""])
    rows += [
        ["recommendations", "", "", r["text"], r["owner"], r["due_on"], r["status"]]
        for r in data["recommendations"]
    ]
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return out.getvalue()


def who_said(block: dict[str, Any], child_name: str) -> str:
    if block["source"] == CHAIR:
        return _("The chair's summary")
    if block["source"] == "child":
        return _("%(name)s, in their own words", name=child_name)
    return _("%(who)s, in their own words", who=labels.audience_label(block["source"]))


def views_text(record: ReviewRecord, child_name: str) -> str:
    """ "What the child told us" as plain text, to paste into a case record."""
    lines = [_("What %(name)s told us", name=child_name), ""]
    source = None
    for block in kept_views(record):
        if block["source"] != source:
            source = block["source"]
            lines += ["", who_said(block, child_name)]
        label = _(block["label"]) if block.get("label") else ""
        lines.append(f"{label}: {block['text']}" if label else block["text"])
    return "\n".join(lines).strip() + "\n"


@dataclass
class EarlierRecommendation:
    recommendation: Recommendation
    held_on: date
    late: bool


def this_and_last(
    db_session: Session, meeting: Meeting, today: date | None = None
) -> tuple[ReviewRecord | None, list[EarlierRecommendation]]:
    """For the meeting page, in one query: this review's record, and the
    recommendations of the child's last recorded review before it with their status."""
    if meeting.child_id is None:
        return record_for(db_session, meeting), []
    records = (
        db_session.scalars(
            select(ReviewRecord)
            .join(Meeting, ReviewRecord.meeting_id == Meeting.id)
            .where(Meeting.child_id == meeting.child_id, Meeting.held_on <= meeting.held_on)
            .order_by(Meeting.held_on.desc(), Meeting.id.desc())
            .options(
                joinedload(ReviewRecord.recommendations).joinedload(Recommendation.alerts),
                joinedload(ReviewRecord.meeting),
            )
            .limit(2)
        )
        .unique()
        .all()
    )
    this = next((r for r in records if r.meeting_id == meeting.id), None)
    earlier = next((r for r in records if r.meeting.held_on < meeting.held_on), None)
    if earlier is None:
        return this, []
    today = today or date.today()
    return this, [
        EarlierRecommendation(r, earlier.meeting.held_on, r.is_late(today)) for r in earlier.recommendations
    ]


def word(record: ReviewRecord, council: str, child_name: str) -> bytes:
    meeting = record.meeting
    document = Document()
    title = _(
        "Record of %(name)s's review on %(day)s", name=child_name, day=meeting.held_on.strftime("%d/%m/%Y")
    )
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, council, meeting.chair.name
    properties.language, properties.comments = "en-GB", ""
    properties.created = properties.modified = datetime.now(UTC).replace(tzinfo=None)
    document.add_heading(title, level=0)
    document.add_paragraph(_("Chair: %(name)s", name=meeting.chair.name))
    if meeting.participation_code:
        document.add_paragraph(
            _(
                "How %(name)s took part: %(code)s, %(meaning)s",
                name=child_name,
                code=meeting.participation_code,
                meaning=labels.participation_meaning(meeting.participation_code),
            )
        )
    document.add_heading(_("What %(name)s told us", name=child_name), level=1)
    source = None
    for block in kept_views(record):
        if block["source"] != source:
            source = block["source"]
            document.add_heading(who_said(block, child_name), level=2)
        if block.get("label"):
            document.add_paragraph(_(block["label"])).runs[0].bold = True
        # Their own words, set apart as a quotation: never reworded.
        document.add_paragraph(block["text"], style="Quote" if block["source"] != CHAIR else None)
        if block.get("themes"):
            document.add_paragraph(", ".join(labels.theme_label(t) for t in block["themes"]))
    for heading, text in (
        (_("Who attended and how"), record.attendance),
        (_("Decisions"), record.decisions),
    ):
        document.add_heading(heading, level=1)
        document.add_paragraph(text or _("Not recorded"))
    document.add_heading(_("Does the plan meet the child's needs?"), level=1)
    document.add_paragraph(" ".join(filter(None, [plan_label(record.plan_meets_needs), record.plan_note])))
    document.add_heading(_("Recommendations"), level=1)
    grid = document.add_table(rows=1, cols=4)
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, (_("What"), _("Who"), _("By"), _("Status")), strict=True):
        cell.text = header
    for r in record.recommendations:
        for cell, value in zip(
            grid.add_row().cells,
            (r.text, r.owner, r.due_on.strftime("%d/%m/%Y"), status_label(r.status)),
            strict=True,
        ):
            cell.text = value
    if record.next_review_on:
        document.add_paragraph(_("Next review: %(day)s", day=record.next_review_on.strftime("%d/%m/%Y")))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def plan_label(value: str) -> str:
    return {"yes": _("Yes"), "partly": _("Partly"), "no": _("No")}.get(value, "")


def status_label(value: str) -> str:
    return {"open": _("Not done yet"), "done": _("Done"), "not_done": _("Not done")}.get(value, value)
