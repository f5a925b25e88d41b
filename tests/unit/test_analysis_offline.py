"""The analysis runs with the network off and no NLTK data on the machine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = r"""
import socket
def refuse(*args, **kwargs):
    raise OSError("network is off in this test")
class NoNetwork(socket.socket):
    connect = connect_ex = sendto = refuse
socket.socket = NoNetwork
socket.create_connection = refuse
socket.getaddrinfo = refuse
from analysis import code
coding = code("I don't feel safe at home and my social worker never comes")
assert coding.safeguarding and coding.sentiment == "negative", coding
assert "social_worker" in coding.themes
import nltk.data
try:
    nltk.data.find("tokenizers/punkt")
except LookupError:
    print("no nltk data")
print("coded offline")
"""


def test_the_coder_runs_with_no_network_and_no_nltk_data(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "NLTK_DATA": str(tmp_path / "none"),
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "coded offline" in result.stdout
    assert "no nltk data" in result.stdout


def test_nothing_in_the_code_downloads_corpora():
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("analysis", "portal", "forms")
        for path in (ROOT / folder).rglob("*.py")
        if "download_corpora" in path.read_text(encoding="utf-8")
        or "nltk.download" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
