"""The app starts in a fresh interpreter, as gunicorn starts it: an import
cycle that a test run's import order happens to hide still fails here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_app_is_created_in_a_fresh_process(tmp_path):
    env = {
        **os.environ,
        "MYREVIEW_ENV": "development",
        "MYREVIEW_INSTANCE_PATH": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite'}",
    }
    started = subprocess.run(
        [sys.executable, "-c", "from portal import create_app; create_app({'CODER_WARM_UP': False})"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode == 0, started.stderr[-2000:]
