"""Which coder codes this council's answers, and retraining it from the
council's own corrections.

The shipped model (trained from the public corpora) codes until a person runs
`myreview retrain`; then the newest active stored model does. Every app
process reads the active model from the database, so all of them agree. If the
sentence encoder cannot be loaded, answers are still coded by the rules (and
the rules' flag still alerts a person); `myreview check` says why, and
`myreview recode` codes them fully once it is mended.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

import analysis
from analysis import Coder, Example, LearnedModel, ModelUnavailable, scoring, training
from portal.models import CoderModel, CodingCorrection, Response

log = logging.getLogger(__name__)
_lock = threading.Lock()
_loaded: dict[int, Coder] = {}


def active_record(db_session: Session) -> CoderModel | None:
    return db_session.scalar(
        select(CoderModel).where(CoderModel.active).order_by(CoderModel.id.desc()).limit(1)
    )


def coder(db_session: Session) -> Coder:
    """The coder for new answers and recodes: the council's active model, else
    the shipped one; the rules alone when the sentence encoder is unavailable."""
    active_id = db_session.scalar(
        select(CoderModel.id).where(CoderModel.active).order_by(CoderModel.id.desc()).limit(1)
    )
    try:
        if active_id is None:
            return analysis.default_coder()
        with _lock:
            if active_id not in _loaded:
                payload = db_session.scalar(select(CoderModel.payload).where(CoderModel.id == active_id))
                if payload is None:  # removed since the id was read: the shipped model
                    return analysis.default_coder()
                _loaded.clear()  # one stored model in memory at a time
                _loaded[active_id] = analysis.coder_for(LearnedModel.from_bytes(payload))
            return _loaded[active_id]
    except ModelUnavailable as problem:
        # No child's words here: only why the meaning model could not load.
        log.error("coding with the rules alone: %s", problem)
        return Coder()


def warm_up() -> None:
    """Load the encoder and train the shipped model before the first child submits."""
    try:
        analysis.default_coder()
    except ModelUnavailable as problem:
        log.error("the sentence model is unavailable; answers are coded by the rules alone: %s", problem)


def check() -> tuple[bool, str]:
    """For `myreview check`: is the meaning model installed and the one we measured?"""
    try:
        version = analysis.coder_version()
    except ModelUnavailable as problem:
        return False, str(problem)
    return True, f"sentence model verified; coder {version}"


@dataclass(frozen=True)
class Retrained:
    record: CoderModel
    before: scoring.Scores
    after: scoring.Scores


def correction_examples(db_session: Session) -> list[Example]:
    """The council's corrections as training examples: the answer's words with
    the themes and sentiment a person gave. A flagged answer also teaches the
    flag; an unflagged one teaches nothing about the flag (it may not lower it)."""
    from portal import coding
    from portal.insights.explorer import flagged_answers

    latest = coding.corrections_for(
        db_session, list(db_session.scalars(select(CodingCorrection.response_id).distinct()))
    )
    if not latest:
        return []
    responses = {
        r.id: r for r in db_session.scalars(select(Response).where(Response.id.in_({k[0] for k in latest})))
    }
    flagged = flagged_answers(db_session, list(responses))
    examples = []
    for (response_id, question_id), correction in sorted(latest.items()):
        response = responses.get(response_id)
        text = coding.answer_text(response.answers, question_id) if response else ""
        if not text.strip():
            continue
        examples.append(
            Example(
                id=f"correction-{correction.id}",
                text=text,
                themes=tuple(correction.themes),
                sentiment=correction.sentiment,
                safeguarding=True if (response_id, question_id) in flagged else None,
            )
        )
    return examples


def retrain(db_session: Session) -> Retrained:
    """Fit a model on the shipped corpora plus the council's corrections, store it
    as the active one (keeping the earlier ones), with cross-validated figures
    before (shipped corpora only) and after (with the corrections)."""
    extra = correction_examples(db_session)
    everything, vectors = training.with_extra(extra)
    shipped = len(everything) - len(extra)
    before = training.cross_validated(everything, vectors, lambda i: i < shipped)
    after = training.cross_validated(everything, vectors)
    model = analysis.train(extra, label="council corrections")
    db_session.execute(update(CoderModel).values(active=False))
    record = CoderModel(
        version=model.version,
        active=True,
        corrections=len(extra),
        figures={"before": _figures(before), "after": _figures(after)},
        payload=model.to_bytes(),
    )
    db_session.add(record)
    db_session.flush()
    return Retrained(record, before, after)


def roll_back(db_session: Session) -> CoderModel | None:
    """Put back the model before the active one (the shipped one if there was none).
    Returns the model now active, or None for the shipped one."""
    current = active_record(db_session)
    if current is None:
        return None
    current.active = False
    previous = db_session.scalar(
        select(CoderModel).where(CoderModel.id < current.id).order_by(CoderModel.id.desc()).limit(1)
    )
    if previous is not None:
        previous.active = True
    db_session.flush()
    return previous


def _figures(scores: scoring.Scores) -> dict[str, Any]:
    return {
        "theme_f1": round(scores.theme_f1, 3),
        "sentiment_accuracy": round(scores.sentiment_accuracy, 3),
        "flag_recall": round(scores.flag_recall, 3),
        "flag_precision": round(scores.flag_precision, 3),
    }
