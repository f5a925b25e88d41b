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
    from analysis.scoring import score

    labelled = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line]
    scores = score(labelled)
    assert scores.flag_recall == 1.0, scores.missed_disclosures
    assert scores.theme_f1 >= 0.85
    result = run("score", str(DEV_SET))
    assert result.returncode == 0
    assert "theme micro-F1" in result.stdout and "safeguarding recall   1.000" in result.stdout


def test_scoring_counts_by_hand(tmp_path):
    from analysis.scoring import score

    labelled = [
        {
            "id": "x",
            "text": "he hits me",
            "themes": ["safety"],
            "sentiment": "negative",
            "safeguarding": True,
        },
        {
            "id": "y",
            "text": "I go to football",
            "themes": ["friends_activities", "education"],
            "sentiment": "positive",
            "safeguarding": True,
        },
    ]
    scores = score(labelled)
    assert scores.theme_tp["safety"] == 1 and scores.theme_tp["friends_activities"] == 1
    assert scores.theme_fn["education"] == 1
    assert scores.flag_tp == 1 and scores.flag_fn == 1 and scores.missed_disclosures == ["y"]
    assert scores.flag_recall == 0.5
    assert scores.sentiment_right == 1  # "I go to football" is neutral, not positive
