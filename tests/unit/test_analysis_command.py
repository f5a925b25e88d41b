"""`python -m analysis code` and `score`, run as a person would run them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEV_SET = ROOT.parent / "shared" / "data" / "dev-responses.jsonl"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        input=stdin,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_code_writes_one_line_per_input_in_order():
    lines = [
        {"id": "a", "text": "he hits me when nobody is looking", "audience": "child"},
        {"id": "b", "text": "The chair explained everything before we went in.", "audience": "parent"},
        {"id": "c", "text": "", "audience": "carer"},
    ]
    result = run("code", stdin="".join(json.dumps(x) + "\n" for x in lines))
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c"]
    assert out[0]["safeguarding"] is True and out[0]["evidence"]["safeguarding"]
    assert set(out[1]) >= {"id", "themes", "sentiment", "polarity", "safeguarding", "evidence", "coder"}
    assert "iro" in out[1]["themes"] and out[1]["sentiment"] == "positive"
    assert out[2]["themes"] == [] and out[2]["analysed"] is False
    assert len({o["coder"] for o in out}) == 1


def test_a_bad_line_is_reported_with_its_number_and_the_rest_are_coded():
    stdin = (
        "\n".join(
            [
                json.dumps({"id": "1", "text": "I feel safe here"}),
                "{not json",
                json.dumps({"id": "3", "text": 42}),
                json.dumps({"id": "4", "text": "ok", "audience": "dog"}),
                json.dumps({"id": "5", "text": "sometimes i want to die"}),
            ]
        )
        + "\n"
    )
    result = run("code", stdin=stdin)
    assert result.returncode == 2
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["1", "5"]
    errors = result.stderr.splitlines()
    assert [e.split(":")[0] for e in errors] == ["line 2", "line 3", "line 4"]
    assert "want to die" not in result.stderr  # a child's words never go to the error stream


@pytest.mark.skipif(not DEV_SET.exists(), reason="shared/ is beside the project in CI")
def test_on_the_dev_set_every_disclosure_is_caught_and_themes_reach_the_target():
    from analysis import corpus, default_coder
    from analysis.scoring import score

    scores = score(list(corpus.read_jsonl(DEV_SET)), default_coder())
    assert scores.flag_recall == 1.0, scores.flags["both"].missed
    assert scores.theme_f1 >= 0.85
    result = run("score", str(DEV_SET), "--no-cv")
    assert result.returncode == 0, result.stderr
    assert "theme micro-F1" in result.stdout
    recall_line = next(line for line in result.stdout.splitlines() if line.strip().startswith("recall "))
    assert recall_line.split()[-2] == "1.000"  # both together: every disclosure


def test_scoring_counts_by_hand():
    from analysis import Coder, Example
    from analysis.scoring import score

    labelled = [
        Example(
            "x",
            "he hits me",
            themes=("safety",),
            sentiment="negative",
            safeguarding=True,
            category="physical",
        ),
        Example(
            "y",
            "I go to football",
            themes=("friends_activities", "education"),
            sentiment="positive",
            safeguarding=True,
            category="cse",
        ),
        Example(
            "z", "I am scared of the meeting", themes=("meeting",), sentiment="negative", hard_negative=True
        ),
    ]
    scores = score(labelled, Coder())  # the rules alone, so the counts are known
    assert scores.theme_tp["safety"] == 1 and scores.theme_tp["friends_activities"] == 1
    assert scores.theme_fn["education"] == 1
    rules = scores.flags["rules"]
    assert rules.tp == 1 and rules.fn == 1 and rules.missed == ["y"]
    assert rules.recall == 0.5
    assert rules.caught_by_category == {"physical": 1} and rules.by_category == {"physical": 1, "cse": 1}
    assert scores.hard_negatives == 1 and rules.hard_negative_alarms == 0
    assert scores.sentiment_right >= 1
