"""The coder on the traps the analysis issue names, and on disclosures and
ordinary sentences written differently from the development set."""

from __future__ import annotations

import pytest

from analysis import code

DISCLOSURES = [
    # harm and being hurt
    "my mums boyfriend hit me with a belt",
    "dad punched me in the face",
    "she slaps me if I dont do my chores",
    "I get hit at home",
    "they beat me up after school",
    "my foster carer grabbed my arm really hard",
    "i get beatn when i come home late",
    "he choked me",
    "she pinches me and pulls my hair",
    "mum gets really drunk and hits my brother",
    "my dad beats my mum",
    "I got kicked out last night",
    # sexual harm, secrets, online
    "my uncle touches me at night",
    "he makes me touch him",
    "someone comes into my room at night",
    "he sent me pictures and asked for nudes",
    "a man online wants to meet me",
    "he said its our little secret",
    "I'm not allowed to tell anyone what happens at home",
    "he does stuff to me i dont like",
    "he keeps coming in the bathroom when I'm in there",
    "my stepdad toches me",
    # neglect
    "there is never food in the fridge and im always hungry",
    "mum leaves us home alone for days",
    "I sleep on the floor",
    "they lock me in my room",
    "nobody looks after me",
    # feeling unsafe, fear
    "I'm scared of my stepdad",
    "I'm scared to go home",
    "I don't feel safe in my placement",
    "I feel unsafe at night",
    "i dont feel safe wen hes around",
    "I'm frightened of him",
    # self-harm and suicide
    "sometimes I think about killing myself",
    "i wanna kms",
    "I want to unalive myself",
    "I wish I wasn't alive",
    "I don't want to be here anymore",
    "I hurt myself when I'm sad",
    "I've been self harming again",
    "I took a load of tablets last week",
    "everyone would be better off without me",
    "I cut myself",
    "I want to end it all",
    # going missing and exploitation
    "I ran away last weekend",
    "I keep going missing",
    "I stay out all night with older boys",
    "these older guys give me weed and drive me around",
    "I have to sell drugs to pay back what I owe",
    "my boyfriend is 24",
    "they give me money to carry bags for them",
    # threats and bullying
    "they said they'd hurt my little sister if I told",
    "he threatened to kill me",
    "I'm being bullied every day",
]

NOT_DISCLOSURES = [
    "I killed it at my exams!!",
    "this is killing me, I hate waiting for contact to be sorted",
    "I'm dying to see my nan",
    "we hit it off straight away",
    "I feel safe here and my carers are kind",
    "I'm not scared of anyone here, I'm happy",
    "I hit the gym on saturdays",
    "I want to keep in touch with my old carers",
    "I hurt my knee playing football",
    "I get scared of the dark sometimes",
    "can I have more pocket money",
    "I want to see my brother more",
    "school is ok but maths is hard",
]


@pytest.mark.parametrize("text", DISCLOSURES)
def test_a_disclosure_raises_the_flag_with_its_evidence(text):
    coding = code(text)
    assert coding.safeguarding, text
    assert coding.evidence["safeguarding"], "the flag must say which words raised it"


@pytest.mark.parametrize("text", NOT_DISCLOSURES)
def test_ordinary_sentences_and_idioms_do_not_raise_the_flag(text):
    assert not code(text).safeguarding, code(text).evidence["safeguarding"]


@pytest.mark.parametrize(
    "text",
    ["I want to die", "he touches me", "I get locked out", "an older lad gives me money to take parcels"],
)
def test_the_named_disclosures_are_flagged(text):
    assert code(text).safeguarding


@pytest.mark.parametrize("text", ["I don't feel safe at home", "I don't feel happy", "I do not feel happy"])
def test_negation_through_contractions_is_negative(text):
    assert code(text).sentiment == "negative"
    assert code(text).polarity < 0


@pytest.mark.parametrize("word", ["hurt", "scared", "unsafe", "bullied", "worried"])
def test_words_missing_from_the_general_lexicon_are_negative(word):
    assert code(f"I am {word}").sentiment == "negative"


def test_hit_is_negative():
    assert code("he hit me").sentiment == "negative"


def test_text_speak_and_misspellings_are_understood():
    coding = code("mi social worker never comes wen she sez she will")
    assert "social_worker" in coding.themes
    assert coding.sentiment == "negative"
    assert code("i wanna kms").evidence["safeguarding"]["suicidal"] == ["kill myself"]


def test_the_flag_is_never_suppressed_by_positive_sentiment():
    coding = code("I love my new phone, he gives me money to take parcels and he is so kind")
    assert coding.sentiment == "positive"
    assert coding.safeguarding


def test_mixed_feelings_across_but():
    assert code("school is ok but I'm behind in maths").sentiment == "mixed"


SAYS_NOTHING = ["no", "Nothing!!", "n/a", "idk", "not sure", "um no thanks", "I don't know", "ok"]


@pytest.mark.parametrize("text", SAYS_NOTHING)
def test_an_answer_that_says_nothing_is_neutral_and_about_no_theme(text):
    """Children leave many of these: a "no" must not count as a complaint in the report."""
    coding = code(text)
    assert (coding.sentiment, coding.themes, coding.safeguarding) == ("neutral", (), False)


@pytest.mark.parametrize("text", ["no 😢", "nothing is going well", "no one listens to me"])
def test_a_short_answer_with_something_in_it_is_read_as_usual(text):
    assert code(text).sentiment == "negative"


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_text_is_not_analysed_and_does_not_crash(text):
    coding = code(text)
    assert (coding.themes, coding.analysed, coding.safeguarding) == ((), False, False)
    assert coding.evidence["not_analysed"] == "empty"


@pytest.mark.parametrize(
    "text",
    [
        "Dw i\u2019n hapus iawn yma gyda fy nheulu",
        "Chc\u0119 zobaczy\u0107 mam\u0119",
        "\u0623\u0631\u064a\u062f \u0623\u0646 \u0623\u0631\u0649 \u0623\u0645\u064a",
        "\u042f \u0445\u043e\u0447\u0443 \u0434\u043e\u0434\u043e\u043c\u0443",
    ],
)
def test_other_languages_are_not_analysed_rather_than_guessed(text):
    coding = code(text)
    assert coding.analysed is False
    assert coding.themes == ()
    assert coding.evidence["not_analysed"].startswith("not English")


THEME_EXAMPLES = {
    "voice": "they never ask what I think",
    "iro": "my IRO rang me before the meeting",
    "social_worker": "my social worker keeps changing",
    "family_time": "I want to phone my sister more",
    "home_carers": "I have settled in well with my foster carers",
    "education": "I got a detention at school",
    "health_wellbeing": "I have been to the dentist and the doctor",
    "friends_activities": "I go to cadets with my mate",
    "identity": "I want to go to church on sundays",
    "meeting": "can my review be on zoom",
    "preparation": "nobody sent me the report",
    "plans_decisions": "the court keeps putting it off, so much delay",
    "future": "I need help with money when I leave care",
    "rights_support": "I want an advocate",
    "safety": "I feel safe here",
}


@pytest.mark.parametrize(("theme", "text"), THEME_EXAMPLES.items())
def test_every_theme_is_found_with_its_evidence(theme, text):
    coding = code(text)
    assert theme in coding.themes, coding.themes
    assert coding.evidence["themes"][theme]


@pytest.mark.parametrize(
    ("theme", "text"),
    [
        ("identity", "I want to be called Jay, not Jayden"),
        ("preparation", "nobody told me when my review was"),
    ],
)
def test_what_children_often_write_in_few_words_finds_its_theme(theme, text):
    assert theme in code(text).themes


def test_theme_ids_are_exactly_those_in_themes_md():
    from analysis import load_lexicon

    assert [t.id for t in load_lexicon().themes] == [
        "voice",
        "iro",
        "social_worker",
        "family_time",
        "home_carers",
        "education",
        "health_wellbeing",
        "friends_activities",
        "identity",
        "meeting",
        "preparation",
        "plans_decisions",
        "future",
        "rights_support",
        "safety",
    ]
