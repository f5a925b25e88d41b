"""Build a WTForms class for one page of a questionnaire, and read it back."""

from __future__ import annotations

from typing import Any

from wtforms import Form

from forms.answers import People, handler_for
from forms.definition import Page


def build_page_form(
    page: Page,
    answers: dict[str, Any],
    base: type[Form] = Form,
    people: People = (),
) -> type[Form]:
    """A form class holding the page's questions that ``answers`` make visible.

    ``base`` lets the portal add CSRF (Flask-WTF) without this package
    knowing about Flask.
    """
    attributes: dict[str, Any] = {}
    for question in page.visible_questions(answers):
        attributes.update(handler_for(question).fields(question, people))
    return type(f"Page_{page.id.replace('-', '_')}", (base,), attributes)


def form_data_for(page: Page, answers: dict[str, Any]) -> dict[str, Any]:
    """Stored answers turned back into form data, so a page opens as it was left."""
    data: dict[str, Any] = {}
    for question in page.questions:
        if question.id in answers:
            data.update(handler_for(question).form_data(question, answers[question.id]))
    return data


def answers_from(page: Page, form: Form, answers_so_far: dict[str, Any]) -> dict[str, Any]:
    """The page's answers as stored values; skipped questions are left out."""
    data = form.data
    found: dict[str, Any] = {}
    for question in page.visible_questions(answers_so_far):
        value = handler_for(question).answer(question, data)
        if value is not None:
            found[question.id] = value
    return found
