"""Turn a question and its WTForms field(s) into GOV.UK macro parameters.

Kept in Python so templates stay declarative: a template asks for the items
of a question and passes them to govukRadios or govukCheckboxes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from flask import request, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from forms import Question
from forms.answers import OTHER_VALUE, PREFER_NOT_VALUE, handler_for
from forms.messages import EMOJI_SCALE


def _static(filename: str) -> str:
    return _static_under(request.script_root, filename)


@lru_cache(maxsize=256)
def _static_under(script_root: str, filename: str) -> str:
    """A picture's address, worked out once: each page of pictures or faces
    would otherwise build the same few addresses again and again."""
    return url_for("static", filename=filename)


def _label(text: Any, option: Any) -> dict[str, Any]:
    """The option's words, after its drawing (or emoji) when it has one. The words
    carry the meaning: the picture has empty alt text."""
    if option is not None and option.picture:
        picture = _static(f"pictures/{option.picture}.svg")
        shape = Markup('<img class="app-picture" src="{}" alt="" width="48" height="48"> {}')
        return {"html": shape.format(picture, str(text))}
    if option is not None and option.emoji:
        shape = Markup('<span class="app-emoji" aria-hidden="true">{}</span> {}')
        return {"html": shape.format(option.emoji, str(text))}
    return {"text": str(text)}


def _face_label(value: str, text: Any) -> dict[str, Any]:
    # Our own drawings, so the scale looks the same on every phone; the words
    # beside each face are what a screen reader reads.
    face = _static(f"faces/face-{value}.svg")
    return {
        "html": Markup('<img class="app-face" src="{}" alt="" width="48" height="48"> {}').format(
            face, str(text)
        )
    }


def choice_items(
    question: Question, field: Any, conditional_html: Markup | None = None
) -> list[dict[str, Any]]:
    """Radio or checkbox items, with "I don't want to say" after an "or" divider."""
    options = {o.value: o for o in question.options}
    faces = {value for value, _label in EMOJI_SCALE} if handler_for(question).faces else set()
    selected = field.data if isinstance(field.data, list) else [field.data]
    items: list[dict[str, Any]] = []
    prefer_not: dict[str, Any] | None = None
    for choice in field.choices:
        value, label = choice.value, choice.label
        shown = _face_label(value, label) if value in faces else _label(label, options.get(value))
        item = {"value": value, "checked": value in selected, **shown}
        if value == PREFER_NOT_VALUE:
            prefer_not = {**item, "behaviour": "exclusive"}
            continue
        if value == OTHER_VALUE and conditional_html is not None:
            item["conditional"] = {"html": conditional_html}
        items.append(item)
    if prefer_not is not None:
        items += [{"divider": _("or")}, prefer_not]
    return items


def question_widget(question: Question) -> str:
    """The macro that draws a question (its answer type decides)."""
    return handler_for(question).widget


def plain_items(field: Any) -> list[dict[str, Any]]:
    selected = field.data or []
    return [{"value": c.value, "text": str(c.label), "checked": c.value in selected} for c in field.choices]


def error_message(field: Any) -> dict[str, str] | None:
    return {"text": str(field.errors[0])} if field.errors else None


def answer_lines(lines: list[Any]) -> Markup:
    """Answer lines for a summary list, each escaped, one per line."""
    if not lines:
        return Markup('<span class="app-not-answered">{}</span>').format(_("Not answered"))
    # <bdi>: a child's words in Arabic or Pashto keep their own direction
    # beside English labels.
    return Markup("<br>").join(Markup("<bdi>{}</bdi>").format(str(line)) for line in lines)


def character_count_text() -> dict[str, Any]:
    """The character count's live messages, in the page's language."""
    return {
        "charactersUnderLimitText": {
            "one": _("You have %{count} character remaining"),
            "other": _("You have %{count} characters remaining"),
        },
        "charactersAtLimitText": _("You have 0 characters remaining"),
        "charactersOverLimitText": {
            "one": _("You have %{count} character too many"),
            "other": _("You have %{count} characters too many"),
        },
        "textareaDescriptionText": _("You can enter up to %{count} characters"),
    }
