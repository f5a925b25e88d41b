"""Routes for the themes explorer, corrections and "You said, we did"."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal import audit, coding, db, inputs
from portal.insights import explorer
from portal.insights.action_form import ActionForm
from portal.models import AnswerCoding, CodingCorrection, ServiceAction
from portal.redirects import local_path

bp = Blueprint("insights", __name__, url_prefix="/insights")
SENTIMENTS = ("positive", "negative", "mixed", "neutral")
PAGE = 50
FILTER_KEYS = ("start", "end", "audience", "age_band", "team", "sentiment", "theme", "granularity")


def _date(name: str, default: date) -> date:
    return inputs.day(request.args.get(name)) or default


def _filters() -> explorer.Filters:
    today = date.today()
    args = request.args
    return explorer.Filters(
        start=_date("start", today - timedelta(days=365)),
        end=_date("end", today),
        audience=args.get("audience", "") if args.get("audience") in ("child", "carer", "parent") else "",
        age_band=args.get("age_band", "") if args.get("age_band") in explorer.AGE_BANDS else "",
        team=args.get("team", "")[:80],
        sentiment=args.get("sentiment", "") if args.get("sentiment") in SENTIMENTS else "",
        theme=args.get("theme", "") if args.get("theme") in coding.theme_labels() else "",
        granularity="quarter" if args.get("granularity") == "quarter" else "month",
    )


@bp.get("/")
def explore() -> Any:
    db_session = db.session()
    filters = _filters()
    rows = explorer.load_rows(db_session, filters)
    themes = list(coding.theme_labels())
    counts = explorer.theme_counts(rows, themes)
    selected = filters.theme or next((c.theme for c in counts if c.count), "")
    actions = (
        db_session.scalars(
            select(ServiceAction)
            .where(ServiceAction.theme == selected)
            .order_by(ServiceAction.period_start.desc())
        ).all()
        if selected
        else []
    )
    audit.record("explore_themes", detail=f"{filters.start}..{filters.end} {filters.audience} {selected}")
    db_session.commit()
    return render_template(
        "insights/explore.html",
        filters=filters,
        counts=counts,
        selected=selected,
        total=len(rows),
        trend=explorer.trend(rows, selected, filters.granularity) if selected else [],
        quotes=explorer.quotes(rows, selected) if selected else [],
        actions=actions,
        themes=themes,
        sentiments=SENTIMENTS,
        age_bands=explorer.AGE_BANDS,
        smallest=explorer.SMALLEST_GROUP,
        # Only the filters themselves go into links: an unknown key (even "endpoint") never does.
        filter_args={k: v for k, v in request.args.items() if k in FILTER_KEYS and v},
    )


@bp.post("/answers/<int:response_id>/<question_id>/correct")
def correct(response_id: int, question_id: str) -> Any:
    db_session = db.session()
    answer = db_session.scalar(
        select(AnswerCoding).where(
            AnswerCoding.response_id == response_id, AnswerCoding.question_id == question_id
        )
    )
    if answer is None:
        abort(404)
    valid = set(coding.theme_labels())
    themes = [t for t in request.form.getlist("themes") if t in valid]
    sentiment = request.form.get("sentiment", "")
    if sentiment not in SENTIMENTS:
        flash(_("Choose the feeling the words express"), "error")
        return redirect(local_path(request.form.get("back"), url_for("insights.explore")))
    db_session.add(
        CodingCorrection(
            response_id=response_id,
            question_id=question_id,
            themes=themes,
            sentiment=sentiment,
            note=request.form.get("note", "")[:500],
            corrected_by_id=current_user.id,
        )
    )
    audit.record(
        "correct_coding",
        "answer",
        f"{response_id}/{question_id}",
        detail=f"themes={','.join(themes)} sentiment={sentiment}",
    )
    db_session.commit()
    flash(_("Correction saved. It is used from now on in the explorer and reports."), "success")
    return redirect(local_path(request.form.get("back"), url_for("insights.explore")))


@bp.route("/actions", methods=["GET", "POST"])
def actions() -> Any:
    db_session = db.session()
    form = ActionForm()
    if form.validate_on_submit():
        action = ServiceAction(
            theme=form.theme.data,
            period_start=form.period_start.data,
            period_end=form.period_end.data,
            you_said=(form.you_said.data or "").strip(),
            we_did=(form.we_did.data or "").strip(),
            owner=(form.owner.data or "").strip(),
            due_on=form.due_on.data,
            status=form.status.data or "done",
            created_by_id=current_user.id,
        )
        db_session.add(action)
        db_session.flush()
        audit.record("record_action", "service_action", action.id)
        db_session.commit()
        flash(_("Recorded"), "success")
        return redirect(url_for("insights.actions"))
    page = inputs.page_number(request.args.get("page"))
    recorded = db_session.scalars(
        select(ServiceAction)
        .order_by(ServiceAction.period_start.desc(), ServiceAction.id.desc())
        .offset((page - 1) * PAGE)
        .limit(PAGE + 1)
    ).all()
    return render_template(
        "insights/actions.html", form=form, recorded=recorded[:PAGE], page=page, more=len(recorded) > PAGE
    ), (400 if form.errors else 200)
