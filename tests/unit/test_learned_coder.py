"""The learned half of the coder: deterministic training, safe storage, the
flag raised by rules or model, explanations from public examples only, and a
regression guard on the real corpus's test part."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import numpy as np
import pytest

from analysis import Coder, Example, LearnedModel, code, corpus, scoring, train, training

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real-responses.jsonl"


def test_training_is_deterministic_and_a_stored_model_reads_back_the_same():
    first, second = train(), train()
    assert first.to_bytes() == second.to_bytes() and first.version == second.version
    again = LearnedModel.from_bytes(first.to_bytes())
    text = "my foster carer shouts at me and I miss my brother"
    assert Coder(again, None, training.encoder_function()).code(text) == Coder(
        first, None, training.encoder_function()
    ).code(text)


def test_the_shipped_corpora_never_hold_the_test_part():
    ids = [e.id for e in corpus.shipped() if e.id.startswith("r")]
    assert ids and not [i for i in ids if corpus.is_test_part(i)]


def test_a_stored_model_is_plain_arrays_not_a_pickle():
    data = train().to_bytes()
    assert data[:2] == b"PK"  # a numpy .npz (zip of .npy arrays), read with allow_pickle=False
    smuggled = io.BytesIO()
    np.savez(smuggled, meta=np.array([{"a": "pickled object"}], dtype=object))
    with pytest.raises(ValueError):
        LearnedModel.from_bytes(smuggled.getvalue())


def test_the_model_raises_a_flag_the_rules_miss_and_shows_public_examples():
    text = (
        "there's this older boy who picks me up after school and says I owe him for everything he bought me"
    )
    coding = code(text)
    model = coding.evidence["safeguarding_model"]
    assert coding.safeguarding and model["raised"]
    public = {e.text for e in corpus.shipped()}
    assert len(model["reads_like"]) == 3
    assert all(e["text"] in public and e["category"] for e in model["reads_like"])


def test_the_model_never_takes_away_a_flag_the_rules_raised():
    rules_only = Coder().code("I cut myself last night")
    assert rules_only.safeguarding
    assert code("I cut myself last night").safeguarding


def hair_corrections() -> list[Example]:
    """Three corrections a council might make: hair care is about identity."""
    texts = [
        "they keep getting my hair wrong",
        "nobody here does my hair properly",
        "my hair products ran out",
    ]
    return [
        Example(f"c{i}", text, themes=("identity",), sentiment="negative") for i, text in enumerate(texts)
    ]


def test_corrections_add_to_what_the_model_learns():
    extra = hair_corrections()
    model = train(extra, label="council")
    assert model.info["extra_examples"] == 3 and model.version != train().version


def test_a_wording_close_to_a_councils_corrections_takes_their_theme():
    """The nearest labelled texts vote beside the regression, so a handful of
    corrections is enough to teach a council's own way of saying something."""
    extra = hair_corrections()
    text = "the products for my hair have run out again"
    encode = training.encoder_function()
    assert "identity" not in Coder(train(), None, encode).code(text).themes
    assert "identity" in Coder(train(extra, label="council"), None, encode).code(text).themes


def test_a_model_stored_before_neighbours_were_kept_still_codes():
    """A council's retrained model from an earlier release (format 1, no
    neighbours) keeps working: its themes come from the regression alone."""
    current = train()
    with np.load(io.BytesIO(current.to_bytes()), allow_pickle=False) as arrays:
        kept = {k: arrays[k] for k in arrays.files if not k.startswith("neighbour_")}
    meta = json.loads(kept["meta"].tobytes())
    kept["meta"] = np.frombuffer(json.dumps({**meta, "format": 1}).encode(), dtype=np.uint8)
    older = io.BytesIO()
    np.savez(older, **kept)
    model = LearnedModel.from_bytes(older.getvalue())
    assert not len(model.neighbour_vectors)
    coding = Coder(model, None, training.encoder_function()).code("I want to see my mum more often")
    assert "family_time" in coding.themes


@pytest.mark.skipif(not REAL.exists(), reason="the real corpus sits in ../shared beside the project")
def test_on_the_real_corpus_test_part_the_coder_holds():
    """A regression guard on fixed data the coder never learned from."""
    examples = corpus.split(corpus.read_jsonl(REAL), "test")
    scores = scoring.score(examples, training.default_coder())
    assert scores.flag_recall >= 0.95, scores.flags["both"].missed
    assert scores.flag_precision >= 0.5
    assert scores.sentiment_accuracy >= 0.70
    assert scores.theme_f1 >= 0.70


def test_everyday_answers_it_never_learned_from_rarely_raise_the_flag():
    """An alert for "I play netball on Wednesdays" teaches IROs to ignore alerts."""
    checks = list(corpus.read_jsonl(Path(corpus.__file__).parent / "checks" / "everyday-check.jsonl"))
    shipped = {e.text for e in corpus.shipped()}
    assert len(checks) > 50 and not [e.text for e in checks if e.text in shipped]
    scores = scoring.score(checks, training.default_coder())
    assert scores.flags["both"].everyday_alarms <= 0.05 * len(checks)


@pytest.mark.parametrize("name", ["disclosure-check.jsonl", "disclosure-check-2.jsonl"])
def test_disclosures_in_wordings_it_never_saw_reach_a_person(name):
    """Written after the coder was built and never learned from: how it does on
    a child's own words matters more than on the quotes it was trained on."""
    checks = list(corpus.read_jsonl(Path(corpus.__file__).parent / "checks" / name))
    shipped = {e.text.lower() for e in corpus.shipped()}
    assert len(checks) > 60 and not [e.text for e in checks if e.text.lower() in shipped]
    scores = scoring.score(checks, training.default_coder())
    assert scores.flag_recall >= 0.9, scores.flags["both"].missed
    assert scores.flag_precision >= 0.5


def test_texts_labelled_for_the_flag_only_teach_the_flag_and_nothing_about_themes():
    flag_only = [e for e in corpus.shipped() if e.flag_only]
    assert flag_only and not any(e.themes for e in flag_only)
    assert any(e.safeguarding for e in flag_only) and any(e.safeguarding is False for e in flag_only)
    model = train()
    assert model.info["examples"] == len(corpus.shipped())

    def words(examples):  # type: ignore[no-untyped-def]
        return {w for e in examples for w in re.findall(r"[a-z]+", e.text.lower())}

    only_flag = words(flag_only) - words(e for e in corpus.shipped() if not e.flag_only)
    assert len(only_flag) > 20 and not only_flag & set(model.vocabulary)


def test_a_councils_own_texts_are_never_written_to_the_vector_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MYREVIEW_MODEL_CACHE", str(tmp_path))
    child_words = Example("c1", "my carer's son keeps coming into my room", themes=("home_carers",))
    train([child_words], label="council")
    written = list(tmp_path.iterdir())
    assert len(written) == 1  # the shipped corpora's vectors, and nothing else
    assert len(np.load(written[0])) == len(corpus.shipped())
