"""Admin routes. Thin: imports in imports.py, sending in portal/messaging."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from portal import audit, db, inputs
from portal.access import ADMIN
from portal.admin import imports
from portal.admin.forms import ROLE_CHOICES, CoverForm, ImportForm, InviteUserForm, UserForm, choices
from portal.auth import sessions
from portal.messaging import outbox
from portal.models import AuditEvent, Cover, ImportBatch, StaffUser, utcnow

bp = Blueprint("admin", __name__, url_prefix="/admin")
AUDIT_PAGE = 50
USERS_PAGE = 100
AUDIT_FILTERS = ("who", "action", "object_type", "object_id", "from", "to")


@bp.get("/")
def home() -> Any:
    return render_template("admin/home.html")


@bp.get("/users")
def users() -> Any:
    page = inputs.page_number(request.args.get("page"))
    people = (
        db.session()
        .scalars(
            select(StaffUser)
            .order_by(StaffUser.active.desc(), StaffUser.name, StaffUser.id)
            .offset((page - 1) * USERS_PAGE)
            .limit(USERS_PAGE + 1)
        )
        .all()
    )
    return render_template(
        "admin/users.html", people=people[:USERS_PAGE], page=page, more=len(people) > USERS_PAGE
    )


def _offer_roles_allowed(form: InviteUserForm | UserForm) -> None:
    """Only an administrator may make an administrator; others are not offered the role,
    and a forged choice fails validation with the form's own message."""
    if current_user.role != ADMIN:
        form.role.choices = [c for c in ROLE_CHOICES if c.value != ADMIN]


@bp.route("/users/new", methods=["GET", "POST"])
def invite_user() -> Any:
    form = InviteUserForm()
    _offer_roles_allowed(form)
    db_session = db.session()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        if db_session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == email)):
            form.email.errors.append(_("There is already an account with this email address"))
        else:
            user = StaffUser(
                name=form.name.data.strip(), email=email, role=form.role.data, team=form.team.data
            )
            db_session.add(user)
            db_session.flush()
            audit.record("create_user", "staff_user", user.id, detail=f"role={user.role}")
            message = outbox.queue(db_session, "set_password", "email", email, staff_user=user)
            db_session.commit()
            sent = outbox.deliver(db_session, message, current_app.config)
            flash(
                _("Invitation sent to %(email)s", email=email)
                if sent
                else _("The account was made but the email failed. It will be tried again."),
                "success",
            )
            return redirect(url_for("admin.users"))
    return render_template("admin/invite_user.html", form=form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def user(user_id: int) -> Any:
    db_session = db.session()
    person = db_session.get(StaffUser, user_id)
    if person is None:
        abort(404)
    if person.role == ADMIN and current_user.role != ADMIN:
        # Only an administrator may change an administrator (else a manager could take the audit log).
        audit.record("change_user", "staff_user", person.id, outcome="denied")
        db_session.commit()
        abort(404)
    managers = db_session.scalars(
        select(StaffUser).where(StaffUser.role == "manager", StaffUser.active)
    ).all()
    form = UserForm(obj=None if request.method == "POST" else person)
    _offer_roles_allowed(form)
    form.manager_id.choices = choices([("", _("No manager"))] + [(str(m.id), m.name) for m in managers])
    if request.method == "GET":
        form.manager_id.data = str(person.manager_id or "")
    if form.validate_on_submit():
        if person.id == current_user.id and (form.role.data != person.role or not form.active.data):
            form.role.errors.append(_("You cannot change your own role or disable your own account"))
        else:
            changes = []
            if form.role.data != person.role:
                changes.append(f"role {person.role}->{form.role.data}")
            if form.active.data != person.active:
                changes.append("enabled" if form.active.data else "disabled")
            person.role, person.team, person.active = form.role.data, form.team.data, form.active.data
            if form.fte_percent.data != person.fte_percent:
                changes.append(f"hours {person.fte_percent}%->{form.fte_percent.data}%")
            person.fte_percent = form.fte_percent.data if form.fte_percent.data is not None else 100
            person.manager_id = int(form.manager_id.data) if form.manager_id.data else None
            if not person.active:
                sessions.end_all_for(person)  # a disabled account is signed out everywhere, now
            audit.record("change_user", "staff_user", person.id, detail="; ".join(changes) or "details")
            db_session.commit()
            flash(_("Saved"), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user.html", form=form, person=person)


@bp.route("/cover", methods=["GET", "POST"])
def cover() -> Any:
    db_session = db.session()
    iros = db_session.scalars(
        select(StaffUser).where(StaffUser.role == "iro", StaffUser.active).order_by(StaffUser.name)
    ).all()
    form = CoverForm()
    form.covering_id.choices = form.absent_id.choices = choices([(str(i.id), i.name) for i in iros])
    if form.validate_on_submit():
        if form.covering_id.data == form.absent_id.data:
            form.absent_id.errors.append(_("Choose two different IROs"))
        elif form.ends_on.data < form.starts_on.data:
            form.ends_on.errors.append(_("The last day must be on or after the first day"))
        else:
            record = Cover(
                covering_id=int(form.covering_id.data),
                absent_id=int(form.absent_id.data),
                starts_on=form.starts_on.data,
                ends_on=form.ends_on.data,
                created_by_id=current_user.id,
            )
            db_session.add(record)
            db_session.flush()
            audit.record(
                "give_cover",
                "cover",
                record.id,
                detail=f"{record.covering_id} covers {record.absent_id} {record.starts_on}..{record.ends_on}",
            )
            db_session.commit()
            flash(_("Cover given"), "success")
            return redirect(url_for("admin.cover"))
    current = db_session.scalars(select(Cover).order_by(Cover.starts_on.desc()).limit(50)).all()
    return render_template("admin/cover.html", form=form, covers=current)


@bp.route("/import", methods=["GET", "POST"])
def import_upload() -> Any:
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        if not upload or not getattr(upload, "filename", ""):
            form.file.errors.append(_("Choose a CSV file"))
        else:
            raw = upload.read()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = None
                form.file.errors.append(_("The file must be a CSV saved as UTF-8"))
            if text is not None:
                db_session = db.session()
                batch = ImportBatch(
                    kind=form.kind.data,
                    filename=upload.filename[:200],
                    content=text,
                    created_by_id=current_user.id,
                )
                db_session.add(batch)
                db_session.commit()
                return redirect(url_for("admin.import_preview", batch_id=batch.id))
    return render_template("admin/import.html", form=form, columns=imports.COLUMNS)


def _batch(batch_id: int) -> ImportBatch:
    batch = db.session().get(ImportBatch, batch_id)
    if batch is None or batch.imported_at is not None:
        abort(404)
    return batch


@bp.get("/import/<int:batch_id>")
def import_preview(batch_id: int) -> Any:
    batch = _batch(batch_id)
    result = imports.preview(db.session(), batch.kind, batch.content)
    return render_template("admin/import_preview.html", batch=batch, result=result)


@bp.post("/import/<int:batch_id>")
def import_confirm(batch_id: int) -> Any:
    db_session = db.session()
    batch = _batch(batch_id)
    result = imports.preview(db_session, batch.kind, batch.content)
    counts = imports.apply(db_session, result)
    batch.imported_at = utcnow()
    audit.record(
        "import",
        "import_batch",
        batch.id,
        detail=f"{batch.kind}: {counts['create']} new, {counts['update']} changed, "
        f"{len(result.errors)} rows with errors",
    )
    db_session.commit()
    flash(
        _(
            "Imported: %(new)d new, %(changed)d changed, %(same)d unchanged, %(bad)d rows not imported",
            new=counts["create"],
            changed=counts["update"],
            same=counts["unchanged"],
            bad=len(result.errors),
        ),
        "success",
    )
    return redirect(url_for("admin.import_upload"))


@bp.get("/audit", endpoint="audit")
def audit_log() -> Any:
    db_session = db.session()
    args = request.args
    query = select(AuditEvent, StaffUser).outerjoin(StaffUser, AuditEvent.staff_user_id == StaffUser.id)
    if args.get("who"):
        query = query.where(func.lower(StaffUser.email).contains(args["who"].strip().lower()))
    if args.get("action"):
        query = query.where(AuditEvent.action == args["action"].strip())
    if args.get("object_type"):
        query = query.where(AuditEvent.object_type == args["object_type"].strip())
    if args.get("object_id"):
        query = query.where(AuditEvent.object_id == args["object_id"].strip())
    for name, op in (("from", "ge"), ("to", "lt")):
        if args.get(name):
            chosen = inputs.day(args[name])
            if chosen is None:
                flash(_("Dates must look like 2025-04-01"), "error")
                continue
            day = datetime.combine(chosen, datetime.min.time()) + (
                timedelta(days=1) if op == "lt" else timedelta()
            )
            query = query.where(AuditEvent.at >= day if op == "ge" else AuditEvent.at < day)
    page = inputs.page_number(args.get("page"))
    rows = db_session.execute(
        query.order_by(AuditEvent.id.desc()).offset((page - 1) * AUDIT_PAGE).limit(AUDIT_PAGE + 1)
    ).all()
    filters = {k: v for k, v in args.items() if k in AUDIT_FILTERS and v}
    audit.record("search_audit", detail=str(filters)[:300])
    db_session.commit()
    actions = db_session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)).all()
    return render_template(
        "admin/audit.html",
        rows=rows[:AUDIT_PAGE],
        more=len(rows) > AUDIT_PAGE,
        page=page,
        filters=filters,
        actions=actions,
    )
