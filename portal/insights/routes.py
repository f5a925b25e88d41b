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
    errors: dict[str, str] = {}
    values = request.form.to_dict() if request.method == "POST" else {}
    if request.method == "POST":
        theme = values.get("theme", "")
        if theme not in coding.theme_labels():
            errors["theme"] = _("Choose the theme this answers")
        for name, message in (
            ("you_said", _("Write what people told you")),
            ("we_did", _("Write what you did")),
        ):
            if not values.get(name, "").strip():
                errors[name] = message
        start, end = inputs.day(values.get("period_start")), inputs.day(values.get("period_end"))
        if start is None or end is None:
            errors["period_start"] = _("Enter the period as dates like 2025-04-01")
        elif end < start:
            errors["period_end"] = _("The end must be on or after the start")
        if not errors:
            action = ServiceAction(
                theme=theme,
                period_start=start,
                period_end=end,
                you_said=values["you_said"].strip()[:2000],
                we_did=values["we_did"].strip()[:2000],
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
        "insights/actions.html",
        recorded=recorded[:PAGE],
        page=page,
        more=len(recorded) > PAGE,
        errors=errors,
        values=values,
        themes=list(coding.theme_labels()),
    )
