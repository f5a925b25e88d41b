"""Every kind of harm in the coding frame reaches a person, in the indirect
words children, parents and carers use; and what only sounds like harm does not.

The wordings are written for these tests (none is copied from the real
corpus's test part), several per kind of harm."""

from __future__ import annotations

import pytest

from analysis import Coder, code

BY_CATEGORY = {
    "physical": [
        "my stepmum takes her anger out on me and I had a black eye last week",
        "he belted me again when I got in late",
        "I had bruises on my arms from where she grabbed me",
        "my daughter came back from contact with marks on her back and nobody will tell me why",
    ],
    "sexual": [
        "my uncle touches me when nobody else is in the house",
        "he makes me do things I don't want to and says it's our secret",
        "mum's boyfriend comes into my room at night",
    ],
    "emotional": [
        "she tells me I'm lazy and spoilt every single day",
        "he calls me names and puts me down in front of everyone",
        "my dad loses his temper at me over nothing and I never know when he will snap",
        "she tells me every day she wishes I was never born",
    ],
    "neglect": [
        "there are no sheets on my bed so I slept on my jacket",
        "mum disappears for days and there's no food in the house",
        "nobody came home and I haven't eaten since yesterday",
    ],
    "domestic_abuse": [
        "my dad hits my mum when he's been drinking",
        "there's always shouting and fighting at night and I hide under my bed",
        "I'm scared of my stepdad because of what he does to mum",
    ],
    "unsafe_where_live": [
        "I'm scared to leave my room because of the other kids here",
        "there are girls in the house who scare me",
        "I don't feel safe where I live",
    ],
    "self_harm": [
        "I've started cutting my arms again",
        "when it gets bad I bang my head on the wall",
        "I scratch myself until it bleeds",
    ],
    "suicidal": [
        "sometimes I stand on the bridge and think I could just jump",
        "I can't see a way out of this anymore",
        "everyone would be better off without me",
        "I stood on the bridge last week and thought about jumping",
    ],
    "missing": [
        "I stayed out all weekend and didn't tell anyone where I was",
        "I keep running off from the home at night",
        "the staff reported me missing again",
        "I keep running off because I hate it here",
    ],
    "cse": [
        "an older guy buys me vodka and takes me to parties at his flat",
        "he gives me presents and says I owe him now",
        "I felt trapped and couldn't say no to him",
    ],
    "cce": [
        "they gave me a phone with numbers to ring and said our boss would be angry if I didn't",
        "some older lads pay me to carry bags to other towns",
        "I owe them money so I have to keep dropping stuff off",
        "he came home with a lot of cash and new trainers and won't say where from",
    ],
    "online": [
        "someone online said he would share my photos unless I pay him",
        "a guy I met in a game keeps asking me to send pictures",
        "they hacked my account and said they'd ruin my life",
    ],
    "bullying": [
        "the kids at school throw stones at me on the way home",
        "I'm being bullied every day and nobody will sit with me",
        "they laugh at me and push me around in the corridor",
    ],
    "homelessness": [
        "I'm on the streets again since they kicked me out",
        "I've been sofa surfing for weeks and have nowhere to go",
        "I slept in the park last night",
    ],
    "confinement": [
        "I'm not allowed out of my room except for school",
        "they lock me in the bedroom when visitors come",
        "she keeps me in the house and won't let me see anyone",
    ],
    "harm_ignored": [
        "they closed the case even though I told them he hurt me",
        "I told my social worker what he did and nobody did anything about it",
        "everyone knew about the drinking at home and no one talked about it",
    ],
}

HARD_NEGATIVES = [
    "I hit the gym after school",
    "I'm a bit scared of the meeting",
    "I feel safe here now and my carers are lovely",
    "I killed it in my exams",
    "I love my foster family and I want to stay here",
]


@pytest.mark.parametrize(
    "category,text", [(c, t) for c, texts in BY_CATEGORY.items() for t in texts], ids=lambda v: v[:40]
)
def test_every_kind_of_harm_raises_the_flag(category, text):
    assert code(text).safeguarding, f"missed ({category}): {text}"


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_what_only_sounds_like_harm_does_not(text):
    coding = code(text)
    assert not coding.safeguarding, coding.evidence


def test_fear_negated_just_before_is_not_a_disclosure_to_the_rules():
    assert not Coder().code("I'm not scared of anyone at my new school").evidence["safeguarding"]
    assert Coder().code("I'm scared of my carer's son").evidence["safeguarding"]


def test_harm_told_as_over_does_not_flag_by_rules_but_present_harm_beside_it_does():
    rules = Coder()
    assert not rules.code("I used to self harm but I stopped now and I'm safe here").evidence["safeguarding"]
    still = rules.code("I used to self harm and I stopped. But he still hits me every night.")
    assert still.safeguarding and "physical" in still.evidence["safeguarding"]
    assert rules.code("he used to hit me").safeguarding  # past but never said to be over


def test_harm_after_a_turn_or_said_to_go_on_is_never_read_as_past():
    rules = Coder()
    for text in (
        "my carer used to be kind but she stopped being nice and now she hits me",
        "I used to self harm but I stopped, now I have started cutting again",
        "it used to be ok here but not any more, he hits me every night",
        "I used to cut myself, I stopped for a while but I still do it sometimes",
        "I used to get hit and I don't feel safe",
        "It used to be kind here and it stopped But He Hits Me",
    ):
        assert rules.code(text).evidence["safeguarding"], text
    over = "I used to be scared at home but now I live with my nan and I feel safe"
    assert not rules.code(over).evidence["safeguarding"]


def test_everyday_words_near_the_cues_are_not_disclosures_to_the_rules():
    rules = Coder()
    for text in (
        "my carer makes me do my homework",
        "I'm terrified of clowns",
        "I'd like a lock on my door",
        "I want to earn loads of money when I'm older",
        "I think about jumping in the pool all week",
    ):
        assert not rules.code(text).evidence["safeguarding"], text


def test_the_rules_hear_warning_signs_told_indirectly():
    rules = Coder()
    found = {
        "I've been saving up my tablets": "suicidal",
        "I wrote a goodbye note for my mum": "suicidal",
        "I don't see the point in anything any more": "suicidal",
        "they sent me to another town to drop things off": "cce",
        "I'm being made to sell for them": "cce",
        "he said it was our special game": "sexual",
        "she says I'm the reason the family broke up": "emotional",
        "I told my teacher and nobody did anything": "harm_ignored",
        "we haven't had a proper meal in days": "neglect",
    }
    for text, kind in found.items():
        assert kind in rules.code(text).evidence["safeguarding"], text


def test_the_rules_name_the_kind_of_harm_they_found():
    rules = Coder()
    assert "neglect" in rules.code("there's no food in the house").evidence["safeguarding"]
    assert "cce" in rules.code("they want me to sell drugs for them").evidence["safeguarding"]
    assert "homelessness" in rules.code("I'm sleeping rough").evidence["safeguarding"]


def test_what_may_disclose_harm_is_coded_as_about_safety_too():
    for coder in (Coder(), None):
        text = "mum disappears for days and we have to look after my little brother on our own"
        coding = coder.code(text) if coder else code(text)
        assert coding.safeguarding and "safety" in coding.themes
        assert coding.evidence["themes"]["safety"]  # the words that raised it
