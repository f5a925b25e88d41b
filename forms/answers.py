"""One handler per answer type, each the whole of what that type is: its form
fields, how its answer is stored and read back, the words in it that are
coded, the values a condition may test for, and how it is drawn (its widget,
which names the template macro). Adding a type is one class here and, for a
new widget, one macro; nothing else names types.

Stored answers are plain JSON values:
- text, single choice, emoji scale, yes/no: a string;
- multiple choice and people: {"selected": [...], "other": "..."};
- day and time: {"days": [...], "times": [...], "note": "..."}.
A question left empty stores nothing at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.fields import Field
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from forms import messages
from forms.definition import Option, Question
from forms.fields import SkippableCheckboxesField, SkippableRadioField

PREFER_NOT_VALUE = "prefer_not_to_say"
OTHER_VALUE = "other"

Choices = list[tuple[str, Any]]
People = Sequence[tuple[str, str]]


def other_field_name(question: Question) -> str:
    return f"{question.id}__other"


def _select_choices(choices: Choices) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in choices]


def _translated(options: Sequence[Option]) -> Choices:
    return [(o.value, _l(o.label)) for o in options]


def _prefer_not(question: Question) -> Choices:
    return [(PREFER_NOT_VALUE, messages.PREFER_NOT)] if question.prefer_not else []


def _required(question: Question, message: Any = messages.REQUIRED) -> list[Any]:
    return [InputRequired(message=message)] if question.required else [Optional()]


def _clean_text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


class AnswerType(Protocol):
    """What every answer type provides."""

    widget: str  # the macro that draws it: text_input, textarea, radios, checkboxes, day_time
    faces: bool  # a scale of faces (read "at a glance" on the meeting page)
    names_people: bool  # offers the people in the child's life as choices

    def fields(self, question: Question, people: People) -> dict[str, Field]: ...
    def answer(self, question: Question, data: dict[str, Any]) -> Any: ...
    def form_data(self, question: Question, answer: Any) -> dict[str, Any]: ...
    def choices(self, question: Question, people: People) -> Choices | None: ...
    def display(self, question: Question, answer: Any, people: People) -> list[Any]: ...
    def free_text(self, question: Question, answer: Any) -> str: ...
    def possible_values(self, question: Question) -> set[str] | None: ...


class _Answer:
    """Defaults most types share: no words of their own, no fixed values."""

    widget = ""
    faces = False
    names_people = False

    def free_text(self, question: Question, answer: Any) -> str:
        """The words a person wrote in their own words (coded for themes and harm)."""
        return ""

    def possible_values(self, question: Question) -> set[str] | None:
        """The values a condition may test for, or None when they are not fixed."""
        return None


class TextAnswer(_Answer):
    widget = "text_input"
    field_class: type[Field] = StringField

    def fields(self, question: Question, people: People) -> dict[str, Field]:
        validators = _required(question, messages.REQUIRED_TEXT)
        if question.max_length:
            validators.append(Length(max=question.max_length, message=messages.TOO_LONG))
        return {question.id: self.field_class(_l(question.label), validators=validators)}

    def answer(self, question: Question, data: dict[str, Any]) -> Any:
        # Keep the child's words exactly as written, only trimming the ends.
        return _clean_text(data.get(question.id)) or None

    def form_data(self, question: Question, answer: Any) -> dict[str, Any]:
        return {question.id: answer or ""}

    def choices(self, question: Question, people: People) -> Choices | None:
        return None

    def display(self, question: Question, answer: Any, people: People) -> list[Any]:
        return [answer] if answer else []

    def free_text(self, question: Question, answer: Any) -> str:
        return answer if isinstance(answer, str) else ""


class LongTextAnswer(TextAnswer):
    widget = "textarea"
    field_class = TextAreaField


class _ChoiceValues(_Answer):
    def choices(self, question: Question, people: People) -> Choices:
        raise NotImplementedError

    def possible_values(self, question: Question) -> set[str] | None:
        return {value for value, _ in self.choices(question, ())} | {PREFER_NOT_VALUE}


class SingleChoiceAnswer(_ChoiceValues):
    widget = "radios"

    def choices(self, question: Question, people: People) -> Choices:
        return _translated(question.options)

    def fields(self, question: Question, people: People) -> dict[str, Field]:
        return {
            question.id: SkippableRadioField(
                _l(question.label),
                choices=_select_choices(self.choices(question, people) + _prefer_not(question)),
                validators=_required(question),
            )
        }

    def answer(self, question: Question, data: dict[str, Any]) -> Any:
        return data.get(question.id) or None

    def form_data(self, question: Question, answer: Any) -> dict[str, Any]:
        return {question.id: answer}

    def display(self, question: Question, answer: Any, people: People) -> list[Any]:
        if answer == PREFER_NOT_VALUE:
            return [messages.PREFER_NOT]
        labels = dict(self.choices(question, people))
        return [labels.get(answer, answer)] if answer else []


class EmojiScaleAnswer(SingleChoiceAnswer):
    faces = True

    def choices(self, question: Question, people: People) -> Choices:
        return list(messages.EMOJI_SCALE)


class YesNoAnswer(SingleChoiceAnswer):
    def choices(self, question: Question, people: People) -> Choices:
        return list(messages.YES_NO)


class AgreementAnswer(SingleChoiceAnswer):
    """Strongly agree to strongly disagree, with "not applicable" where the
    definition allows it."""

    def choices(self, question: Question, people: People) -> Choices:
        return list(messages.AGREEMENT) + ([messages.NOT_APPLICABLE] if question.not_applicable else [])


class MultiChoiceAnswer(_ChoiceValues):
    """Checkboxes, with an optional "something else" and its own words."""

    widget = "checkboxes"
    other_text = messages.SOMETHING_ELSE

    def choices(self, question: Question, people: People) -> Choices:
        choices = _translated(question.options)
        if question.other:
            choices.append(
                (OTHER_VALUE, _l(question.other_label) if question.other_label else self.other_text)
            )
        return choices

    def fields(self, question: Question, people: People) -> dict[str, Field]:
        fields: dict[str, Field] = {
            question.id: SkippableCheckboxesField(
                _l(question.label),
                choices=_select_choices(self.choices(question, people) + _prefer_not(question)),
                validators=_required(question),
            )
        }
        if question.other:
            fields[other_field_name(question)] = StringField(
                self.other_prompt(), validators=[Optional(), Length(max=200, message=messages.TOO_LONG)]
            )
        return fields

    def other_prompt(self) -> Any:
        return messages.TELL_US

    def answer(self, question: Question, data: dict[str, Any]) -> Any:
        selected = list(data.get(question.id) or [])
        other = _clean_text(data.get(other_field_name(question)))
        if other and OTHER_VALUE not in selected:
            # Words typed beside an unticked "something else" are still kept.
            selected.append(OTHER_VALUE)
        if not selected:
            return None
        return {"selected": selected, "other": other}

    def form_data(self, question: Question, answer: Any) -> dict[str, Any]:
        answer = answer or {}
        return {
            question.id: list(answer.get("selected", [])),
            other_field_name(question): answer.get("other", ""),
        }

    def display(self, question: Question, answer: Any, people: People) -> list[Any]:
        if not answer:
            return []
        labels = dict(self.choices(question, people))
        labels[PREFER_NOT_VALUE] = messages.PREFER_NOT
        lines: list[Any] = []
        for value in answer.get("selected", []):
            if value == OTHER_VALUE and answer.get("other"):
                lines.append(f"{labels[OTHER_VALUE]}: {answer['other']}")
            else:
                lines.append(labels.get(value, value))
        return lines

    def free_text(self, question: Question, answer: Any) -> str:
        return str(answer.get("other", "")) if isinstance(answer, dict) else ""


class PeopleAnswer(MultiChoiceAnswer):
    """The people in the child's life, then the roles in the definition,
    then "someone else"."""

    names_people = True
    other_text = messages.SOMEONE_ELSE

    def free_text(self, question: Question, answer: Any) -> str:
        return ""  # "someone else" is a person's name: nothing to code

    def possible_values(self, question: Question) -> set[str] | None:
        return None  # the people differ from child to child

    def choices(self, question: Question, people: People) -> Choices:
        return list(people) + super().choices(question, people)

    def other_prompt(self) -> Any:
        return messages.WHO_ELSE


class DayTimeAnswer(_Answer):
    widget = "day_time"

    def _names(self, question: Question) -> tuple[str, str, str]:
        return f"{question.id}__days", f"{question.id}__times", f"{question.id}__note"

    def choices(self, question: Question, people: People) -> Choices:
        return list(messages.DAYS) + list(messages.TIMES)

    def fields(self, question: Question, people: People) -> dict[str, Field]:
        days, times, note = self._names(question)
        return {
            days: SkippableCheckboxesField(messages.DAYS_LABEL, choices=_select_choices(list(messages.DAYS))),
            times: SkippableCheckboxesField(
                messages.TIMES_LABEL, choices=_select_choices(list(messages.TIMES))
            ),
            note: StringField(
                messages.WHEN_NOTE, validators=[Optional(), Length(max=200, message=messages.TOO_LONG)]
            ),
        }

    def answer(self, question: Question, data: dict[str, Any]) -> Any:
        days, times, note = self._names(question)
        answer = {
            "days": list(data.get(days) or []),
            "times": list(data.get(times) or []),
            "note": _clean_text(data.get(note)),
        }
        return answer if any(answer.values()) else None

    def form_data(self, question: Question, answer: Any) -> dict[str, Any]:
        answer = answer or {}
        days, times, note = self._names(question)
        return {days: answer.get("days", []), times: answer.get("times", []), note: answer.get("note", "")}

    def display(self, question: Question, answer: Any, people: People) -> list[Any]:
        if not answer:
            return []
        labels = dict(self.choices(question, people))
        lines: list[Any] = []
        for key in ("days", "times"):
            if answer.get(key):
                lines.append(", ".join(str(labels.get(v, v)) for v in answer[key]))
        if answer.get("note"):
            lines.append(answer["note"])
        return lines

    def free_text(self, question: Question, answer: Any) -> str:
        return str(answer.get("note", "")) if isinstance(answer, dict) else ""


HANDLERS: dict[str, AnswerType] = {
    "short_text": TextAnswer(),
    "long_text": LongTextAnswer(),
    "single_choice": SingleChoiceAnswer(),
    "emoji_scale": EmojiScaleAnswer(),
    "yes_no": YesNoAnswer(),
    "agreement": AgreementAnswer(),
    "multi_choice": MultiChoiceAnswer(),
    "people": PeopleAnswer(),
    "day_time": DayTimeAnswer(),
}


def handler_for(question: Question) -> AnswerType:
    return HANDLERS[question.type]


def asks_about_people(questions: Sequence[Question]) -> bool:
    """Does any of these questions offer the people in the child's life as
    choices? Only then need they be looked up."""
    return any(handler_for(q).names_people for q in questions)


def possible_values(question: Question) -> set[str] | None:
    """The values a condition may test for, or None for free text and people."""
    return handler_for(question).possible_values(question)


def free_text(question: Question, answer: Any) -> str:
    """The words a person wrote in their own words in this answer ("" for none)."""
    return handler_for(question).free_text(question, answer)


def display_answer(question: Question, answer: Any, people: People = ()) -> list[Any]:
    """The stored answer as lines a person reads; empty when not answered."""
    return handler_for(question).display(question, answer, people)
