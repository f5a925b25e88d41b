"""Every answer type: the fields built, validation, what is stored, how it reads back."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from forms.answers import HANDLERS, PREFER_NOT_VALUE, display_answer
from forms.builder import answers_from, build_page_form, form_data_for
from forms.definition import parse

PEOPLE = [("person-7", "Sam Carer (foster carer)")]


def questionnaire(*questions: str, extra_pages: str = ""):
    body = "\n".join(f"[[pages.questions]]\n{q}" for q in questions)
    head = 'id="t"\nversion=1\nfamily="t"\naudience="child"\ntitle="T"\n'
    raw = f'{head}[[pages]]\nid="p"\ntitle="P"\n{body}\n{extra_pages}'

    return parse(tomllib.loads(raw), "t.v1.toml", HANDLERS)


def submit(page, data: dict, answers_so_far=None):
    form = build_page_form(page, answers_so_far or {}, people=PEOPLE)(MultiDict(data))
    return form, form.validate()


def test_short_text_is_stored_as_written_trimmed_only_at_the_ends():
    page = questionnaire('id="name"\ntype="short_text"\nlabel="Name"\nmax_length=10').pages[0]
    form, ok = submit(page, {"name": "  Jo-Jo  "})
    assert ok
    assert answers_from(page, form, {}) == {"name": "Jo-Jo"}


def test_text_over_its_limit_is_refused_with_the_limit_in_the_message():
    page = questionnaire('id="name"\ntype="short_text"\nlabel="Name"\nmax_length=10').pages[0]
    form, ok = submit(page, {"name": "x" * 11})
    assert not ok
    assert form.errors["name"] == ["Your answer must be 10 characters or fewer"]
    assert form.name.data == "x" * 11  # the child's words are still there to edit


def test_long_text_defaults_to_2000_characters():
    page = questionnaire('id="more"\ntype="long_text"\nlabel="More"').pages[0]
    assert submit(page, {"more": "a" * 2000})[1]
    assert not submit(page, {"more": "a" * 2001})[1]


def test_every_question_may_be_skipped_unless_required():
    page = questionnaire(
        'id="a"\ntype="short_text"\nlabel="A"',
        'id="b"\ntype="single_choice"\nlabel="B"\noptions=[{value="x", label="X"}]',
        'id="c"\ntype="multi_choice"\nlabel="C"\noptions=[{value="x", label="X"}]',
        'id="d"\ntype="emoji_scale"\nlabel="D"',
        'id="e"\ntype="yes_no"\nlabel="E"',
        'id="f"\ntype="people"\nlabel="F"',
        'id="g"\ntype="day_time"\nlabel="G"',
    ).pages[0]
    form, ok = submit(page, {})
    assert ok, form.errors
    assert answers_from(page, form, {}) == {}


def test_a_required_question_says_what_to_do():
    page = questionnaire('id="b"\ntype="yes_no"\nlabel="B"\nrequired=true').pages[0]
    form, ok = submit(page, {})
    assert not ok
    assert "I don\u2019t want to say" in form.errors["b"][0]


def test_single_choice_refuses_a_value_it_did_not_offer():
    page = questionnaire('id="b"\ntype="single_choice"\nlabel="B"\noptions=[{value="x", label="X"}]').pages[0]
    form, ok = submit(page, {"b": "hacked"})
    assert not ok
    assert form.errors["b"] == ["Choose one of the answers shown"]


def test_emoji_scale_has_five_points_with_words_and_i_dont_want_to_say():
    page = questionnaire('id="d"\ntype="emoji_scale"\nlabel="D"').pages[0]
    form, ok = submit(page, {"d": "5"})
    assert ok
    values = [c.value for c in form.d.choices]
    assert values == ["5", "4", "3", "2", "1", PREFER_NOT_VALUE]
    assert display_answer(page.questions[0], "5") == ["Really good"]
    assert display_answer(page.questions[0], PREFER_NOT_VALUE) == ["I don\u2019t want to say"]


def test_yes_no_not_sure():
    page = questionnaire('id="e"\ntype="yes_no"\nlabel="E"').pages[0]
    form, ok = submit(page, {"e": "not_sure"})
    assert ok
    assert answers_from(page, form, {}) == {"e": "not_sure"}
    assert display_answer(page.questions[0], "not_sure") == ["Not sure"]


def test_multi_choice_keeps_other_words_even_if_other_was_not_ticked():
    page = questionnaire(
        'id="c"\ntype="multi_choice"\nlabel="C"\nother=true\noptions=[{value="x", label="X"}]'
    ).pages[0]
    form, ok = submit(page, {"c": ["x"], "c__other": "my nan"})
    assert ok
    stored = answers_from(page, form, {})
    assert stored == {"c": {"selected": ["x", "other"], "other": "my nan"}}
    assert display_answer(page.questions[0], stored["c"]) == ["X", "Something else: my nan"]


def test_people_picker_offers_the_childs_people_then_roles_then_someone_else():
    page = questionnaire(
        'id="f"\ntype="people"\nlabel="F"\noptions=[{value="teacher", label="My teacher"}]'
    ).pages[0]
    form, ok = submit(page, {"f": ["person-7", "teacher", "other"], "f__other": "Auntie Bee"})
    assert ok
    assert [c.value for c in form.f.choices] == ["person-7", "teacher", "other", PREFER_NOT_VALUE]
    stored = answers_from(page, form, {})["f"]
    assert display_answer(page.questions[0], stored, PEOPLE) == [
        "Sam Carer (foster carer)",
        "My teacher",
        "Someone else: Auntie Bee",
    ]


def test_day_and_time_preference():
    page = questionnaire('id="g"\ntype="day_time"\nlabel="G"').pages[0]
    form, ok = submit(page, {"g__days": ["saturday"], "g__times": ["morning"], "g__note": "not Tuesdays"})
    assert ok
    stored = answers_from(page, form, {})
    assert stored == {"g": {"days": ["saturday"], "times": ["morning"], "note": "not Tuesdays"}}
    assert display_answer(page.questions[0], stored["g"]) == ["Saturday", "Morning", "not Tuesdays"]


def test_a_saved_page_opens_as_it_was_left():
    page = questionnaire(
        'id="c"\ntype="multi_choice"\nlabel="C"\nother=true\noptions=[{value="x", label="X"}]',
        'id="g"\ntype="day_time"\nlabel="G"',
    ).pages[0]
    stored = {
        "c": {"selected": ["x", "other"], "other": "nan"},
        "g": {"days": ["monday"], "times": [], "note": ""},
    }
    form = build_page_form(page, {})(data=form_data_for(page, stored))
    assert form.c.data == ["x", "other"]
    assert form.c__other.data == "nan"
    assert form.g__days.data == ["monday"]


def test_show_if_hides_a_page_and_its_questions_until_the_answer_matches():
    q = questionnaire(
        'id="how"\ntype="single_choice"\nlabel="How"\n'
        'options=[{value="online", label="Online"}, {value="room", label="Room"}]',
        extra_pages='[[pages]]\nid="online"\ntitle="Online"\n'
        'show_if = { question = "how", equals = ["online"] }\n'
        '[[pages.questions]]\nid="device"\ntype="yes_no"\nlabel="Device?"\n',
    )
    assert [p.id for p in q.visible_pages({"how": "room"})] == ["p"]
    assert [p.id for p in q.visible_pages({})] == ["p"]
    assert [p.id for p in q.visible_pages({"how": "online"})] == ["p", "online"]


def test_hidden_questions_are_not_in_the_form():
    q = questionnaire(
        'id="chair"\ntype="yes_no"\nlabel="Chair?"',
        extra_pages='[[pages]]\nid="two"\ntitle="Two"\n[[pages.questions]]\nid="how"\ntype="short_text"\nlabel="How?"\n'
        'show_if = { question = "chair", equals = ["yes"] }\n'
        '[[pages.questions]]\nid="always"\ntype="short_text"\nlabel="Always"\n',
    )
    page = q.page("two")
    assert set(build_page_form(page, {"chair": "no"})()._fields) == {"always"}
    assert set(build_page_form(page, {"chair": "yes"})()._fields) == {"how", "always"}


@pytest.mark.parametrize("qtype", ["short_text", "long_text", "emoji_scale", "yes_no", "people", "day_time"])
def test_every_type_reads_back_nothing_for_no_answer(qtype):
    page = questionnaire(f'id="q"\ntype="{qtype}"\nlabel="Q"').pages[0]
    assert display_answer(page.questions[0], None) == []


def test_agreement_scale_with_not_applicable_only_where_allowed():
    q = questionnaire(
        'id="a"\ntype="agreement"\nlabel="A"\nnot_applicable=true', 'id="b"\ntype="agreement"\nlabel="B"'
    )
    form, ok = submit(q.pages[0], {"a": "not_applicable", "b": "strongly_disagree"})
    assert ok and answers_from(q.pages[0], form, {}) == {"a": "not_applicable", "b": "strongly_disagree"}
    assert [c.value for c in form.b.choices][:4] == [
        "strongly_agree",
        "agree",
        "disagree",
        "strongly_disagree",
    ]
    assert "not_applicable" not in [c.value for c in form.b.choices]
    refused, ok = submit(q.pages[0], {"b": "not_applicable"})
    assert not ok


def test_a_condition_on_context_the_link_carries():
    q = questionnaire(
        'id="a"\ntype="agreement"\nlabel="A"',
        'id="only_review"\ntype="agreement"\nlabel="R"\n'
        'show_if = { question = "@conference_type", equals = "review" }',
    )
    assert [x.id for x in q.pages[0].visible_questions({"@conference_type": "initial"})] == ["a"]
    assert [x.id for x in q.pages[0].visible_questions({"@conference_type": "review"})] == [
        "a",
        "only_review",
    ]


def test_every_answer_type_names_a_widget_the_page_macro_draws():
    """A type is one handler; the page draws it by its widget, never by its name."""
    macro = (Path(__file__).resolve().parents[2] / "templates" / "consult" / "_questions.html").read_text()
    for name, handler in HANDLERS.items():
        assert handler.widget and f'"{handler.widget}"' in macro, name
    assert "question.type" not in macro.split("{% macro render_question")[1]
