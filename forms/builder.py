"""Build a WTForms class for one page of a questionnaire, and read it back."""

from __future__ import annotations

from typing import Any

from wtforms import Form

from forms.answers import People, handler_for
from forms.definition import Page, Questionnaire


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


def build_whole_form(
    questionnaire: Questionnaire,
    assume: dict[str, Any],
    base: type[Form] = Form,
) -> tuple[type[Form], tuple[Page, ...]]:
    """Every question on one form, for typing in a paper copy. ``assume`` holds
    context and answers that open optional pages, so their fields exist; what
    was actually answered decides what is kept (see ``answers_from_whole``)."""
    pages = questionnaire.visible_pages(assume)
    attributes: dict[str, Any] = {}
    for page in pages:
        for question in page.visible_questions(assume):
            attributes.update(handler_for(question).fields(question, ()))
    return type(f"Whole_{questionnaire.id.replace('-', '_')}", (base,), attributes), pages


def answers_from_whole(questionnaire: Questionnaire, form: Form, context: dict[str, Any]) -> dict[str, Any]:
    """Answers page by page, each page only if the answers before it show it:
    a page the person would never have seen (a name, when they chose to stay
    anonymous) keeps nothing."""
    answers: dict[str, Any] = dict(context)
    for page in questionnaire.pages:
        if page.visible(answers):
            answers.update(answers_from(page, form, answers))
    return {k: v for k, v in answers.items() if k not in context}
