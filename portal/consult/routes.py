"""Routes for the consultation journey. Thin: the rules live in service.py."""

from __future__ import annotations

import time
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from sqlalchemy.orm import joinedload

from forms import get_questionnaire
from forms.answers import asks_about_people
from forms.builder import answers_from, build_page_form, form_data_for
from portal import additions, db
from portal.consult import service
from portal.form_fields import PortalForm
from portal.models import Invitation

bp = Blueprint("consult", __name__)

SESSION_KEY = "consult_invitation"
SEEN_KEY = "consult_seen"
CLOSED_KEY = "consult_closed"  # closed after being left untouched: say so, not "bad link"


def _link_problem() -> Any:
    sent = _current()
    if sent is not None and sent.submitted_at is not None:
        # Back (or an old tab) after sending: say it was sent, not that the link is broken.
        return redirect(url_for("consult.done"))
    closed = _idle_too_long() or session.get(CLOSED_KEY, False)
    session.pop(SESSION_KEY, None)
    if closed:
        session[CLOSED_KEY] = True
        return render_template("consult/timed_out.html", saved=False), 200
    return render_template("consult/link_problem.html"), 404


def _forget() -> None:
    """A new link that does not work is about that link, not an earlier session."""
    session.pop(SESSION_KEY, None)
    session.pop(CLOSED_KEY, None)


def _idle_too_long() -> bool:
    seen = session.get(SEEN_KEY)
    idle = current_app.config["CONSULT_IDLE_MINUTES"] * 60
    return SESSION_KEY in session and seen is not None and time.time() - seen > idle


def _begin(invitation: Invitation) -> None:
    session.clear()  # a new link starts a clean session: no earlier sign-in carries over
    session[SESSION_KEY] = invitation.id
    session[SEEN_KEY] = time.time()


def _seen_now() -> None:
    """Restart the idle clock. Rewritten only once it has run a while, so most
    pages do not have to re-sign and re-send the session cookie."""
    seen = session.get(SEEN_KEY)
    slack = min(60.0, current_app.config["CONSULT_IDLE_MINUTES"] * 6)  # a tenth of the idle time at most
    if seen is None or time.time() - seen > slack:
        session[SEEN_KEY] = time.time()


def _current() -> Invitation | None:
    """The invitation this browser is answering, unless it was left untouched
    so long that the next person on a shared phone might read it."""
    invitation_id = session.get(SESSION_KEY)
    if invitation_id is None or _idle_too_long():
        return None
    _seen_now()
    return db.session().get(Invitation, invitation_id, options=[joinedload(Invitation.meeting)])


def _left_too_long() -> service.Progress | None:
    """The answers of a session that timed out while a page was open: a child
    who comes back and presses a button still has what they typed saved."""
    if not _idle_too_long():
        return None
    invitation = db.session().get(Invitation, session[SESSION_KEY])
    if not service.is_usable(invitation):
        return None
    return service.progress(db.session(), invitation)


@bp.get("/c/<token>")
def open_link(token: str) -> Any:
    """Swap the token for a session cookie, then drop it from the address bar."""
    db_session = db.session()
    invitation = service.invitation_for_token(db_session, token)
    if invitation is None:
        sent = service.sent_invitation_for_token(db_session, token)
        if sent is not None:
            # Sent already, and the meeting has not yet been: they may add something.
            _begin(sent)
            session.permanent = True
            return redirect(url_for("consult.done"))
        _forget()
        return _link_problem()
    service.mark_opened(invitation)
    db_session.commit()
    _begin(invitation)
    session.permanent = True
    return redirect(url_for("consult.start"))


@bp.route("/f/<token>", methods=["GET", "POST"])
def open_conference_link(token: str) -> Any:
    """A conference's shared feedback link or QR code. Opening it shows a start
    page and changes nothing (link scanners open links too); Start gives this
    person their own form."""
    from portal import conference_links

    db_session = db.session()
    link = conference_links.usable_link(db_session, token)
    if link is None:
        return render_template("consult/feedback_closed.html"), 404
    if request.method == "GET":
        questionnaire = service.questionnaire_for_link(link)
        return render_template(
            "consult/feedback_start.html", link=link, questionnaire=questionnaire, form=PortalForm()
        )
    invitation = conference_links.start_answering(db_session, link)
    db_session.commit()
    _begin(invitation)
    return redirect(url_for("consult.start"))


def _open_state() -> service.Progress | None:
    invitation = _current()
    if not service.is_usable(invitation):
        return None
    return service.progress(db.session(), invitation)


@bp.get("/consultation")
def start() -> Any:
    state = _open_state()
    if state is None:
        return _link_problem()
    meeting = state.invitation.meeting
    profile = meeting.chair.profile
    resume = state.resume_page()
    next_url = url_for("consult.page", page_id=resume.id) if resume else url_for("consult.check")
    return render_template(
        "consult/start.html",
        state=state,
        profile=profile,
        next_url=next_url,
        resuming=bool(state.saved_pages),
    )


@bp.get("/consultation/iro-photo")
def iro_photo() -> Any:
    state = _open_state()
    if state is None:
        abort(404)
    profile = state.invitation.meeting.chair.profile
    if profile is None or not profile.photo:
        abort(404)
    return Response(profile.photo, mimetype=profile.photo_type or "image/jpeg")


@bp.post("/consultation/still-here")
def still_here() -> Any:
    """The time-out warning's "I need more time": the session carries on."""
    if _open_state() is None:
        return {"open": False}, 401
    return {"open": True}


@bp.route("/consultation/page/<page_id>", methods=["GET", "POST"])
def page(page_id: str) -> Any:
    state = _open_state()
    if state is None and request.method == "POST" and (late := _left_too_long()) is not None:
        return _save_after_time_out(late, page_id)
    if state is None:
        return _link_problem()
    current, form_class, people = _page_form(state, page_id)
    changing = request.args.get("change") == "1"
    here = url_for("consult.page", page_id=current.id, change="1" if changing else None)
    if request.method == "POST":
        form = form_class()
        switching = request.form.get("action") == "switch_language"
        if form.validate():
            answers = answers_from(current, form, state.answers)
            service.save_page(db.session(), state.invitation, current.id, answers)
            if switching:
                return redirect(here)
            then = _then()
            if service.page_may_disclose(db.session(), state, current, answers):
                return redirect(url_for("consult.not_read_yet", page_id=current.id, then=then))
            return redirect(_onward(current.id, then))
        if switching:
            # Not finished yet: keep what they typed on the page, without
            # greeting them in their new language with errors.
            for field in form:
                field.errors = []
            form.form_errors = []
    else:
        form = form_class(formdata=None, data=form_data_for(current, state.answers))
    previous = state.page_before(current.id)
    return render_template(
        "consult/page.html",
        state=state,
        page=current,
        form=form,
        people=people,
        back_url=url_for("consult.page", page_id=previous.id) if previous else url_for("consult.start"),
        step=state.page_number(current.id),
        steps=len(state.steps),
        changing=changing,
        language_form_action=here,
    )


def _page_form(state: service.Progress, page_id: str) -> tuple[Any, Any, Any]:
    """The page asked for (404 if it is not in this journey), its form class and the people choices."""
    current = next((p for p in state.pages if p.id == page_id), None)
    if current is None:
        abort(404)
    people = service.people_choices(state.invitation) if asks_about_people(current.questions) else []
    return current, build_page_form(current, state.answers, base=PortalForm, people=people), people


def _save_after_time_out(state: service.Progress, page_id: str) -> Any:
    current, form_class, _people = _page_form(state, page_id)
    form = form_class()
    if not form.validate():
        # Show back only what they just typed (never what was saved earlier), to copy.
        return render_template("consult/timed_out.html", saved=False, form=form), 200
    service.save_page(db.session(), state.invitation, current.id, answers_from(current, form, state.answers))
    session.pop(SESSION_KEY, None)
    session[CLOSED_KEY] = True
    return render_template("consult/timed_out.html", saved=True), 200


def _then() -> str | None:
    """Where the person asked to go after saving: away for now, back to the check page, or on."""
    if request.form.get("action") == "save_and_leave":
        return "leave"
    return "check" if request.args.get("change") == "1" else None


def _onward(page_id: str, then: str | None) -> str:
    if then == "leave":
        return url_for("consult.saved")
    state = _open_state()  # read again: what was just saved may show or hide pages
    if state is None:
        return url_for("consult.start")
    following = None if then == "check" else state.page_after(page_id)
    return url_for("consult.page", page_id=following.id) if following else url_for("consult.check")


@bp.get("/consultation/not-read-yet/<page_id>")
def not_read_yet(page_id: str) -> Any:
    """After saving words that may tell of harm: nobody has read them yet, who
    to talk to now, and a way to send them at once. Nothing is sent unasked."""
    state = _open_state()
    if state is None:
        return _link_problem()
    then = request.args.get("then")
    then = then if then in ("leave", "check") else None
    return render_template(
        "consult/not_read_yet.html",
        state=state,
        profile=state.invitation.meeting.chair.profile,
        onward_url=_onward(page_id, then),
        leaving=then == "leave",
        form=PortalForm(),
    )


@bp.get("/consultation/saved")
def saved() -> Any:
    state = _open_state()
    if state is None:
        return _link_problem()
    return render_template("consult/saved.html", state=state)


@bp.get("/consultation/check")
def check() -> Any:
    state = _open_state()
    if state is None:
        return _link_problem()
    sections = service.answered_pages(state.pages, state.answers, service.people_choices(state.invitation))
    return render_template("consult/check.html", state=state, sections=sections, form=PortalForm())


@bp.post("/consultation/submit")
def submit() -> Any:
    invitation = _current()
    if invitation is not None and invitation.submitted_at is not None:
        # A retry after a dropped connection, or a double tap: already stored.
        return redirect(url_for("consult.done"))
    state = _open_state()
    if state is None:
        return _link_problem()
    # CSRFProtect has already checked the token before this view runs.
    service.submit(db.session(), state, str(get_locale() or "en"), current_app.config)
    return redirect(url_for("consult.done"))


@bp.get("/consultation/done")
def done() -> Any:
    invitation = _current()
    if invitation is None or invitation.submitted_at is None:
        return _link_problem()
    return render_template(
        "consult/done.html",
        invitation=invitation,
        profile=invitation.meeting.chair.profile,
        sent=_what_was_sent(invitation),
        added=additions.added(invitation.response.answers) if invitation.response else [],
        may_add=service.may_add(invitation),
    )


def _what_was_sent(invitation: Invitation) -> list[tuple[Any, list[tuple[Any, Any]]]]:
    """Their own copy of what they sent, page by page, in the words they used."""
    response = invitation.response
    questionnaire = get_questionnaire(invitation.questionnaire_id, invitation.questionnaire_version)
    if response is None or questionnaire is None:
        return []
    answers = response.answers  # only what was shown is stored, so every stored answer is listed
    sections = service.answered_pages(
        questionnaire.visible_pages(answers), answers, service.people_choices(invitation)
    )
    return [(page, rows) for page, rows in sections if any(q.id in answers for q, _lines in rows)]
