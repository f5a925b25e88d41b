"""Loading and validating questionnaire definitions."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from forms import DefinitionError, age_on, all_questionnaires, get_questionnaire, questionnaire_for
from forms.answers import HANDLERS
from forms.definition import load_file

CORE = {
    "home_rating",
    "home_more",
    "family_rating",
    "school_rating",
    "health_rating",
    "friends_rating",
    "going_well",
    "worries",
    "wishes",
    "talk_about",
    "not_talk_about",
    "not_in_front_of",
    "meeting_how",
    "meeting_where",
    "meeting_when",
    "who_there",
    "who_not_there",
    "chair",
    "see_iro_alone",
    "advocate",
    "name_to_use",
    "pronouns",
    "words_to_use",
    "questions_for_iro",
    "helped_by",
}


def write(tmp_path: Path, body: str, name: str = "bad.v1.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


GOOD_HEAD = 'id = "bad"\nversion = 1\nfamily = "x"\naudience = "child"\ntitle = "T"\n'


def test_every_shipped_questionnaire_loads_with_the_core_questions():
    my_review = [
        q for q in all_questionnaires().values() if q.family == "my-review" and q.audience == "child"
    ]
    assert {q.id for q in my_review} == {"my-review-4-7", "my-review-8-12", "my-review-13-plus"}
    for questionnaire in my_review:
        ids = {question.id for page in questionnaire.pages for question in page.questions}
        assert ids >= CORE, f"{questionnaire.id} lacks {CORE - ids}"


def test_only_the_13_plus_version_asks_about_the_future():
    assert get_questionnaire("my-review-13-plus").page("future") is not None
    assert get_questionnaire("my-review-8-12").page("future") is None


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (4, "my-review-4-7"),
        (7, "my-review-4-7"),
        (8, "my-review-8-12"),
        (12, "my-review-8-12"),
        (13, "my-review-13-plus"),
        (17, "my-review-13-plus"),
        (21, "my-review-13-plus"),
    ],
)
def test_version_is_chosen_by_age(age, expected):
    assert questionnaire_for("my-review", "child", age).id == expected


def test_no_consultation_for_a_child_under_four():
    assert questionnaire_for("my-review", "child", 3) is None


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(2015, 6, 10), date(2025, 6, 9), 9),
        (date(2015, 6, 10), date(2025, 6, 10), 10),
        (date(2012, 2, 29), date(2025, 2, 28), 12),
        (date(2012, 2, 29), date(2025, 3, 1), 13),
    ],
)
def test_age_on_the_meeting_day(born, on, age):
    assert age_on(born, on) == age


def test_loaded_definitions_cannot_be_changed():
    questionnaire = get_questionnaire("my-review-8-12")
    with pytest.raises(dataclasses.FrozenInstanceError):
        questionnaire.title = "Changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        all_questionnaires()[("x", 1)] = questionnaire  # type: ignore[index]


def test_a_definition_is_versioned_by_its_file_name(tmp_path):
    path = write(
        tmp_path,
        GOOD_HEAD
        + '[[pages]]\nid="p"\ntitle="P"\n[[pages.questions]]\nid="q"\ntype="short_text"\nlabel="Q"\n',
        "other.v2.toml",
    )
    with pytest.raises(DefinitionError, match=r"other\.v2\.toml: must be named bad\.v1\.toml"):
        load_file(path, HANDLERS)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("id = [", "is not valid TOML"),
        (GOOD_HEAD, "has no pages"),
        (GOOD_HEAD.replace('audience = "child"', 'audience = "cat"'), "'audience' must be one of"),
        (GOOD_HEAD + '[[pages]]\nid="p"\ntitle="P"\n', r"pages\[0\]: a page needs at least one question"),
        (
            GOOD_HEAD
            + '[[pages]]\nid="p"\ntitle="P"\n[[pages.questions]]\nid="q"\ntype="essay"\nlabel="Q"\n',
            r"pages\[0\]\.questions\[0\]: 'type' must be one of",
        ),
        (
            GOOD_HEAD + '[[pages]]\nid="p"\ntitle="P"\n[[pages.questions]]\nid="q"\ntype="short_text"\n',
            "'label' must be non-empty text",
        ),
        (
            GOOD_HEAD
            + '[[pages]]\nid="p"\ntitle="P"\n[[pages.questions]]\nid="q"\ntype="single_choice"\nlabel="Q"\n',
            "a single_choice question needs options",
        ),
        (
            GOOD_HEAD
            + '[[pages]]\nid="p"\ntitle="P"\n[[pages.questions]]\nid="q"\ntype="short_text"\nlabel="Q"\n'
            '[[pages.questions]]\nid="q"\ntype="short_text"\nlabel="Q2"\n',
            "question id 'q' is used twice",
        ),
        (
            GOOD_HEAD
            + '[[pages]]\nid="p"\ntitle="P"\n[[pages.questions]]\nid="q"\ntype="short_text"\nlabel="Q"\n'
            'show_if = { question = "later", equals = "yes" }\n',
            "'show_if' refers to 'later', which is not a question on an earlier page",
        ),
        (
            GOOD_HEAD
            + '[[pages]]\nid="p"\ntitle="P"\n[[pages.questions]]\nid="a"\ntype="yes_no"\nlabel="A"\n'
            '[[pages]]\nid="p2"\ntitle="P2"\nshow_if = { question = "a", equals = "perhaps" }\n'
            '[[pages.questions]]\nid="b"\ntype="short_text"\nlabel="B"\n',
            "'show_if' value 'perhaps' is not an answer 'a' can have",
        ),
        (
            GOOD_HEAD
            + '[[pages]]\nid="p"\ntitle="P"\n[[pages.questions]]\nid="q"\ntype="single_choice"\nlabel="Q"\n'
            'options = [{ value = "a", label = "A", picture = "../../etc/passwd" }]\n',
            "'picture' must be the name of a drawing",
        ),
    ],
)
def test_bad_definitions_are_rejected_naming_the_file_and_the_problem(tmp_path, body, problem):
    with pytest.raises(DefinitionError, match=problem) as caught:
        load_file(write(tmp_path, body), HANDLERS)
    assert str(caught.value).startswith("bad.v1.toml: ")


def test_a_councils_own_questionnaire_folder_is_loaded(tmp_path, monkeypatch):
    write(
        tmp_path,
        GOOD_HEAD
        + '[[pages]]\nid="p"\ntitle="P"\n[[pages.questions]]\n'
        + 'id="q"\ntype="short_text"\nlabel="Our own question"\n',
    )
    monkeypatch.setenv("MYREVIEW_QUESTIONNAIRES", str(tmp_path))
    all_questionnaires.cache_clear()
    try:
        assert get_questionnaire("bad", 1).pages[0].questions[0].label == "Our own question"
    finally:
        monkeypatch.delenv("MYREVIEW_QUESTIONNAIRES")
        all_questionnaires.cache_clear()


def test_the_youngest_version_is_eight_short_pages_and_answers_to_the_first_still_read():
    """Seventeen pages were too many for a five-year-old with a grown-up beside them."""
    little = get_questionnaire("my-review-4-7")
    assert little.version == 2
    pages = little.visible_pages({})
    assert len(pages) <= 8 and all(len(p.visible_questions({})) <= 4 for p in pages)
    first = get_questionnaire("my-review-4-7", 1)
    assert first is not None and len(first.visible_pages({})) > 8  # stored responses name their version
