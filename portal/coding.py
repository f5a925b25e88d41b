"""Coding stored responses: each free-text answer goes through the analysis
package when it is submitted, and again by `myreview recode` when the coder
or the taxonomy changes. People's corrections are kept apart and always win."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

import analysis
from forms import Questionnaire, get_questionnaire
from forms.answers import free_text as answer_words
from portal import additions, coder_models
from portal.models import AnswerCoding, CodingCorrection, Response

CHUNK = 5_000


def free_text(questionnaire: Questionnaire, answers: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(question id, words) for every answer a person wrote in their own words."""
    for page in questionnaire.pages:
        for question in page.questions:
            if not question.analyse or question.id not in answers:
                continue
            words = answer_words(question, answers[question.id])
            if words.strip():
                yield question.id, words
    for key, words, _day in additions.added(answers):  # what they added after sending
        yield key, words


def answer_text(answers: dict[str, Any], question_id: str) -> str:
    """The words a person wrote for a question (a text answer, or the words
    beside a choice)."""
    value = answers.get(question_id)
    if isinstance(value, dict):
        return value.get("other") or value.get("note") or ""
    return value if isinstance(value, str) else ""


def may_disclose(
    db_session: Session, questionnaire: Questionnaire, answers: dict[str, Any], audience: str, on: set[str]
) -> bool:
    """Whether words saved (not sent) for the questions `on` might tell of harm.
    Nothing is stored and nobody is alerted: the person has not chosen to send them."""
    texts = [text for question_id, text in free_text(questionnaire, answers) if question_id in on]
    if not texts:
        return False
    codings = coder_models.coder(db_session).code_many(texts, [audience] * len(texts))
    return any(coding.safeguarding for coding in codings)


def code_response(db_session: Session, response: Response) -> list[AnswerCoding]:
    """Code (or recode) every free-text answer of a response, in place, with the
    council's active coder (all its answers in one batch)."""
    questionnaire = get_questionnaire(response.questionnaire_id, response.questionnaire_version)
    if questionnaire is None:
        return []
    existing = {
        c.question_id: c
        for c in db_session.scalars(select(AnswerCoding).where(AnswerCoding.response_id == response.id))
    }
    invitation = response.invitation
    audience = invitation.audience
    stored: list[AnswerCoding] = []
    answered = list(free_text(questionnaire, response.answers))
    codings = coder_models.coder(db_session).code_many([t for _q, t in answered], [audience] * len(answered))
    for (question_id, _text), coding in zip(answered, codings, strict=True):
        record = existing.get(question_id) or AnswerCoding(response_id=response.id, question_id=question_id)
        record.themes, record.sentiment, record.polarity = (
            list(coding.themes),
            coding.sentiment,
            coding.polarity,
        )
        record.safeguarding, record.analysed = coding.safeguarding, coding.analysed
        record.evidence, record.coder = coding.evidence, coding.coder
        record.child_id, record.audience = invitation.meeting.child_id, audience
        record.submitted_at = response.submitted_at
        db_session.add(record)
        stored.append(record)
    return stored


@dataclass(frozen=True)
class Effective:
    """The codes in force for an answer: a person's correction, else the coder's."""

    themes: tuple[str, ...]
    sentiment: str
    corrected: bool


def corrections_for(db_session: Session, response_ids: list[int]) -> dict[tuple[int, str], CodingCorrection]:
    latest: dict[tuple[int, str], CodingCorrection] = {}
    ids = sorted(set(response_ids))
    # In chunks: a national year has far more responses than a database takes parameters.
    for start in range(0, len(ids), CHUNK):
        rows = db_session.scalars(
            select(CodingCorrection)
            .where(CodingCorrection.response_id.in_(ids[start : start + CHUNK]))
            .order_by(CodingCorrection.id)
        )
        for row in rows:
            latest[(row.response_id, row.question_id)] = row
    return latest


def effective(coding: AnswerCoding, correction: CodingCorrection | None) -> Effective:
    if correction is not None:
        return Effective(tuple(correction.themes), correction.sentiment, True)
    return Effective(tuple(coding.themes), coding.sentiment, False)


@cache
def theme_labels() -> dict[str, str]:
    """Theme ids and their English labels (read once per process)."""
    return {t.id: t.label for t in analysis.coding_frame()}
