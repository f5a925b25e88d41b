"""The annual report for managers, and the quote chooser for participation officers."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import delete, select

from portal import audit, charts, db, inputs
from portal.models import ReportQuote, ServicePriority
from portal.report import aggregates, outputs, sections
from portal.report.model import last_complete_year, year_label, year_of
from portal.report.priority_forms import PriorityForm, ProgressForm

bp = Blueprint("reports", __name__, url_prefix="/reports")


def _year() -> int:
    """The year asked for, else the last complete April-March year (never one still running)."""
    latest = year_of(date.today())
    asked = request.args.get("year", type=int)
    return asked if asked and 2000 <= asked <= latest else last_complete_year()


def render_web(report: Any, standalone: bool = False) -> str:
    """The report page; ``standalone`` for a file written outside the portal
    (no staff menu, no links back into it)."""
    chart_uris = {
        table.key: charts.bar_svg_data_uri(
            table.chart_labels, table.chart_values, table.title, table.chart_unit, table.chart_percent
        )
        for section in report.sections
        for table in section.tables
        if table.has_chart
    }
    return render_template(
        "report/standalone.html" if standalone else "report/annual.html",
        report=report,
        standalone=standalone,
        chart_uris=chart_uris,
        chart_alt=outputs.chart_alt,
        so_far_warning=outputs.so_far_warning,
        latest=year_of(date.today()),
    )


@bp.get("/annual")
def annual() -> Any:
    report = sections.build(db.session(), _year())
    audit.record("read_report", detail=report.label)
    db.session().commit()
    return render_web(report)


@bp.get("/annual/<int:year>.docx")
def annual_word(year: int) -> Any:
    if not inputs.sensible_year(year):
        abort(404)
    report = sections.build(db.session(), year)
    audit.record("export_report", detail=f"{report.label} docx")
    db.session().commit()
    name = f"annual-report-{report.label.replace('/', '-')}.docx"
    return Response(
        outputs.word(report, current_app.config["COUNCIL_NAME"]),
        mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/annual/<int:year>/<name>.csv")
def annual_csv(year: int, name: str) -> Any:
    if not inputs.sensible_year(year):
        abort(404)
    files = outputs.csv_files(sections.build(db.session(), year))
    content = files.get(f"{name}.csv")
    if content is None:
        abort(404)
    audit.record("export_report", detail=f"{year} {name}.csv")
    db.session().commit()
    return Response(
        content, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}.csv"'}
    )


@bp.route("/quotes", methods=["GET", "POST"])
def quotes() -> Any:
    """Pick, remove or replace the quotes proposed for each leading theme."""
    db_session = db.session()
    asked = request.values.get("year", type=int)
    year = asked if asked is not None and inputs.sensible_year(asked) else _year()
    with aggregates.one_report(db_session):
        section = sections.children_told_us(db_session, year, every_theme=True)
        groups = [*section.quotes, sections.parents_comments(db_session, year)]
    candidates = {g.theme: g.candidates for g in groups}
    if request.method == "POST":
        db_session.execute(delete(ReportQuote).where(ReportQuote.year == year))
        placed: set[tuple[int, str]] = set()  # a quote ticked under two themes goes under the first
        for theme, quotes_for_theme in candidates.items():
            picked = set(request.form.getlist(f"quotes-{theme}"))
            for quote in quotes_for_theme:
                key = (quote.response_id, quote.question_id)
                if f"{quote.response_id}/{quote.question_id}" in picked and key not in placed:
                    placed.add(key)
                    db_session.add(
                        ReportQuote(
                            year=year,
                            theme=theme,
                            response_id=quote.response_id,
                            question_id=quote.question_id,
                            chosen_by_id=current_user.id,
                        )
                    )
        audit.record("choose_report_quotes", detail=str(year))
        db_session.commit()
        flash(_("Your choice of quotes is saved"), "success")
        return redirect(url_for("reports.quotes", year=year))
    chosen = {group.theme: set(group.quotes) for group in groups}  # texts in the report now
    return render_template(
        "report/quotes.html",
        year=year,
        section=section,
        candidates=candidates,
        chosen=chosen,
        labels={g.theme: g.label for g in groups},
        dropped=sections.chosen_quotes_now_flagged(db_session, year),
    )


def _priority_years() -> list[int]:
    """The year running now (its priorities are set and followed) and the next one."""
    running = year_of(date.today())
    return [running - 1, running, running + 1]


def _show_priorities(
    form: PriorityForm, status: int = 200, failed: ProgressForm | None = None, failed_id: int | None = None
) -> Any:
    """The page; after a form fails, again with its errors beside its fields and in the summary."""
    db_session = db.session()
    years = _priority_years()
    listed = db_session.scalars(
        select(ServicePriority)
        .where(ServicePriority.year.in_(years))
        .order_by(ServicePriority.year, ServicePriority.id)
    ).all()
    progress_forms = {
        p.id: failed
        if failed is not None and failed_id == p.id
        else ProgressForm(prefix=f"p{p.id}", formdata=None, data={"status": p.status, "progress": p.progress})
        for p in listed
    }
    return render_template(
        "report/priorities.html",
        form=form,
        priorities=listed,
        year_label=year_label,
        progress_forms=progress_forms,
        failed=failed,
    ), status


def _priority_form() -> PriorityForm:
    form = PriorityForm()
    form.year.choices = [(y, year_label(y)) for y in _priority_years()]
    if form.year.data is None:
        form.year.data = _priority_years()[-1]
    return form


@bp.get("/priorities")
def priorities() -> Any:
    return _show_priorities(_priority_form())


@bp.post("/priorities")
def add_priority() -> Any:
    form = _priority_form()
    if not form.validate():
        return _show_priorities(form, 400)
    db_session = db.session()
    priority = ServicePriority(
        year=form.year.data,
        title=(form.title.data or "").strip(),
        status=form.status.data,
        progress=(form.progress.data or "").strip(),
        created_by_id=current_user.id,
    )
    db_session.add(priority)
    db_session.flush()
    audit.record("add_priority", "service_priority", priority.id)
    db_session.commit()
    flash(_("The priority is added"), "success")
    return redirect(url_for("reports.priorities"))


@bp.post("/priorities/<int:priority_id>")
def priority_progress(priority_id: int) -> Any:
    db_session = db.session()
    priority = db_session.get(ServicePriority, priority_id)
    if priority is None:
        abort(404)
    form = ProgressForm(prefix=f"p{priority.id}")
    if not form.validate():
        return _show_priorities(_priority_form(), 400, failed=form, failed_id=priority.id)
    priority.status, priority.progress = form.status.data or "planned", (form.progress.data or "").strip()
    audit.record("update_priority", "service_priority", priority.id, detail=priority.status)
    db_session.commit()
    flash(_("The progress is saved"), "success")
    return redirect(url_for("reports.priorities", _anchor=f"priority-{priority.id}"))
