"""The shape of a questionnaire definition, validated as it is read.

Definitions are TOML (stdlib `tomllib`): councils edit wording by hand, and
TOML allows comments beside a question and multi-line text without escaping,
which JSON does not. Everything here is frozen: a loaded definition is shared
by every request and must never change underneath one.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

# Conditions on "@name" read context the portal supplies (for example
# "@conference_type" from the meeting a link belongs to), not an answer.
CONTEXT_PREFIX = "@"
AUDIENCES = frozenset({"child", "carer", "parent"})
CHOICE_TYPES = frozenset({"single_choice", "multi_choice"})
DEFAULT_MAX_LENGTH = {"short_text": 200, "long_text": 2000}


class AnswerKind(Protocol):
    """What reading a definition needs of an answer type. The types themselves
    (forms/answers.py) are handed in by whoever loads definitions, so this
    module, which they build on, never imports them."""

    def possible_values(self, question: Question) -> set[str] | None: ...


Types = Mapping[str, AnswerKind]


class DefinitionError(ValueError):
    """A questionnaire file that cannot be used, naming the file and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


@dataclass(frozen=True)
class Condition:
    """Show a page or question only when an earlier answer matches."""

    question: str
    equals: tuple[str, ...]

    def holds(self, answers: dict[str, Any]) -> bool:
        given = answers.get(self.question)
        if isinstance(given, dict):  # multi-choice and people answers
            given = given.get("selected", [])
        if isinstance(given, list):
            return any(value in self.equals for value in given)
        return given in self.equals


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    emoji: str = ""
    # One of the portal's own drawings (portal/static/pictures/<picture>.svg): the same
    # on every phone, unlike emoji, which some phones cannot show.
    picture: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    label: str
    hint: str = ""
    required: bool = False
    max_length: int = 0
    options: tuple[Option, ...] = ()
    other: bool = False
    other_label: str = ""
    prefer_not: bool = True
    not_applicable: bool = False
    area: str = ""
    show_if: Condition | None = None
    # Free text is coded for themes and safeguarding unless the definition says
    # not (a name or pronouns carry no themes).
    analyse: bool = True

    def visible(self, answers: dict[str, Any]) -> bool:
        return self.show_if is None or self.show_if.holds(answers)


@dataclass(frozen=True)
class Page:
    id: str
    title: str
    questions: tuple[Question, ...]
    intro: str = ""
    show_if: Condition | None = None

    def visible(self, answers: dict[str, Any]) -> bool:
        return self.show_if is None or self.show_if.holds(answers)

    def visible_questions(self, answers: dict[str, Any]) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.visible(answers))


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: int
    family: str
    audience: str
    title: str
    pages: tuple[Page, ...]
    min_age: int | None = None
    max_age: int | None = None
    intro: str = ""
    style: str = "standard"
    read_aloud: bool = False  # a "listen" button on each question (younger children)
    source: str = field(default="", compare=False)

    def page(self, page_id: str) -> Page | None:
        return next((p for p in self.pages if p.id == page_id), None)

    def question(self, question_id: str) -> Question | None:
        return next((q for p in self.pages for q in p.questions if q.id == question_id), None)

    def visible_pages(self, answers: dict[str, Any]) -> tuple[Page, ...]:
        return tuple(p for p in self.pages if p.visible(answers))

    def serves_age(self, age: int) -> bool:
        low = self.min_age if self.min_age is not None else 0
        return age >= low and (self.max_age is None or age <= self.max_age)


def load_file(path: Path, types: Types) -> Questionnaire:
    """Read and validate one definition file."""
    source = path.name
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise DefinitionError(source, f"is not valid TOML ({error})") from error
    questionnaire = parse(raw, source, types)
    expected = f"{questionnaire.id}.v{questionnaire.version}.toml"
    if path.name != expected:
        raise DefinitionError(source, f"must be named {expected} to match its id and version")
    return questionnaire


def parse(raw: dict[str, Any], source: str, types: Types) -> Questionnaire:
    """Turn a decoded definition into frozen objects, or say what is wrong.
    ``types``: the answer types a question may have, by name."""
    reader = _Reader(source, frozenset(types))
    top = "top level"
    identifier, version = reader.text(raw, "id", top), reader.integer(raw, "version", top)
    family, title = reader.text(raw, "family", top), reader.text(raw, "title", top)
    audience = reader.one_of(raw, "audience", AUDIENCES, top)
    pages = tuple(reader.page(item, f"pages[{i}]") for i, item in enumerate(reader.table_list(raw, "pages")))
    if not pages:
        raise DefinitionError(source, "has no pages")
    questionnaire = Questionnaire(
        id=identifier,
        version=version,
        family=family,
        audience=audience,
        title=title,
        intro=raw.get("intro", ""),
        style=raw.get("style", "standard"),
        read_aloud=bool(raw.get("read_aloud", False)),
        min_age=raw.get("min_age"),
        max_age=raw.get("max_age"),
        pages=pages,
        source=source,
    )
    _check_references(questionnaire, types)
    return questionnaire


class _Reader:
    """Small typed accessors that report problems with a path into the file."""

    def __init__(self, source: str, type_names: frozenset[str]) -> None:
        self.type_names = type_names
        self.source = source

    def fail(self, where: str, problem: str) -> DefinitionError:
        return DefinitionError(self.source, f"{where}: {problem}")

    def text(self, table: dict[str, Any], key: str, where: str) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"'{key}' must be non-empty text")
        return value

    def integer(self, table: dict[str, Any], key: str, where: str) -> int:
        value = table.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise self.fail(where, f"'{key}' must be a whole number of 1 or more")
        return value

    def one_of(self, table: dict[str, Any], key: str, allowed: frozenset[str], where: str) -> str:
        value = table.get(key)
        if value not in allowed:
            raise self.fail(where, f"'{key}' must be one of {', '.join(sorted(allowed))}, not {value!r}")
        return value

    def table_list(self, table: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail("top level", f"'{key}' must be a list of tables")
        return value

    def condition(self, table: dict[str, Any], where: str) -> Condition | None:
        spec = table.get("show_if")
        if spec is None:
            return None
        if not isinstance(spec, dict) or "question" not in spec or "equals" not in spec:
            raise self.fail(where, "'show_if' needs 'question' and 'equals'")
        equals = spec["equals"]
        values = tuple(equals) if isinstance(equals, list) else (equals,)
        return Condition(question=spec["question"], equals=tuple(str(v) for v in values))

    def page(self, raw: dict[str, Any], where: str) -> Page:
        questions = raw.get("questions", [])
        if not isinstance(questions, list) or not questions:
            raise self.fail(where, "a page needs at least one question")
        return Page(
            id=self.text(raw, "id", where),
            title=self.text(raw, "title", where),
            intro=raw.get("intro", ""),
            show_if=self.condition(raw, where),
            questions=tuple(self.question(q, f"{where}.questions[{i}]") for i, q in enumerate(questions)),
        )

    def question(self, raw: dict[str, Any], where: str) -> Question:
        qtype = self.one_of(raw, "type", self.type_names, where)
        question_id = self.text(raw, "id", where)
        if not question_id.replace("_", "").isalnum():
            raise self.fail(where, f"question id {question_id!r} may hold only letters, digits and _")
        options = tuple(self.option(o, f"{where}.options[{i}]") for i, o in enumerate(raw.get("options", [])))
        if qtype in CHOICE_TYPES and not options:
            raise self.fail(where, f"a {qtype} question needs options")
        if qtype not in CHOICE_TYPES and qtype != "people" and options:
            raise self.fail(where, f"a {qtype} question does not take options")
        values = [o.value for o in options]
        if len(values) != len(set(values)):
            raise self.fail(where, "option values must be unique")
        max_length = raw.get("max_length", DEFAULT_MAX_LENGTH.get(qtype, 0))
        if not isinstance(max_length, int) or max_length < 0:
            raise self.fail(where, "'max_length' must be a whole number")
        return Question(
            id=question_id,
            type=qtype,
            label=self.text(raw, "label", where),
            hint=raw.get("hint", ""),
            required=bool(raw.get("required", False)),
            max_length=max_length,
            options=options,
            other=bool(raw.get("other", qtype == "people")),
            other_label=raw.get("other_label", ""),
            prefer_not=bool(raw.get("prefer_not", True)),
            not_applicable=bool(raw.get("not_applicable", False)),
            area=raw.get("area", ""),
            show_if=self.condition(raw, where),
            analyse=bool(raw.get("analyse", True)),
        )

    def option(self, raw: Any, where: str) -> Option:
        if not isinstance(raw, dict):
            raise self.fail(where, "an option must be a table with 'value' and 'label'")
        picture = raw.get("picture", "")
        if picture and not (isinstance(picture, str) and re.fullmatch(r"[a-z][a-z-]{0,40}", picture)):
            raise self.fail(where, "'picture' must be the name of a drawing, like \"home\"")
        return Option(
            value=self.text(raw, "value", where),
            label=self.text(raw, "label", where),
            emoji=raw.get("emoji", ""),
            picture=picture,
        )


def _check_references(questionnaire: Questionnaire, types: Types) -> None:
    """Ids unique, and every condition points at an earlier question."""
    # Conditions may only look back to earlier pages: each page is a plain
    # form post, so the answer a condition reads must already be saved.
    seen_pages: set[str] = set()
    earlier: dict[str, Question] = {}
    for page in questionnaire.pages:
        if page.id in seen_pages:
            raise DefinitionError(questionnaire.source, f"page id {page.id!r} is used twice")
        seen_pages.add(page.id)
        _check_condition(questionnaire, types, page.show_if, earlier, f"page {page.id!r}")
        for question in page.questions:
            if question.id in earlier or any(
                q.id == question.id for q in page.questions if q is not question
            ):
                raise DefinitionError(questionnaire.source, f"question id {question.id!r} is used twice")
            _check_condition(questionnaire, types, question.show_if, earlier, f"question {question.id!r}")
        earlier.update({q.id: q for q in page.questions})


def _check_condition(
    questionnaire: Questionnaire,
    types: Types,
    condition: Condition | None,
    earlier: dict[str, Question],
    where: str,
) -> None:
    if condition is None or condition.question.startswith(CONTEXT_PREFIX):
        return
    target = earlier.get(condition.question)
    if target is None:
        raise DefinitionError(
            questionnaire.source,
            f"{where}: 'show_if' refers to {condition.question!r}, "
            "which is not a question on an earlier page",
        )
    allowed = types[target.type].possible_values(target)
    if allowed is not None:
        unknown = [v for v in condition.equals if v not in allowed]
        if unknown:
            raise DefinitionError(
                questionnaire.source,
                f"{where}: 'show_if' value {unknown[0]!r} is not an answer {condition.question!r} can have",
            )
