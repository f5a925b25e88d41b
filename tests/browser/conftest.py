"""Browser tests: the real portal served on loopback, driven by Debian's
chromium through Playwright, with axe-core injected for accessibility checks."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from portal import create_app, languages
from portal.db import engine_for, make_engine

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@dataclass
class LiveServer:
    app: Flask
    url: str

    def session(self) -> Session:
        return Session(make_engine(self.app.config["DATABASE_URL"]), expire_on_commit=False)


@pytest.fixture
def serve(tmp_path: Path, migrated_sqlite: Path) -> Iterator[Callable[..., LiveServer]]:
    """Start the real portal on loopback with a fresh database (a copy of
    ``database_from`` when given); settings may be overridden."""
    started: list[tuple[object, threading.Thread, Flask]] = []

    def start(database_from: Path | None = None, **overrides: object) -> LiveServer:
        database = tmp_path / f"browser-{len(started)}.sqlite"
        shutil.copy(database_from or migrated_sqlite, database)
        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{database}",
                "SECRET_KEY": "browser-tests",
                "LANGUAGES": tuple(languages.registry()),
                **overrides,
            }
        )
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        started.append((server, thread, app))
        return LiveServer(app, f"http://127.0.0.1:{server.server_port}")

    yield start
    for server, thread, app in started:
        server.shutdown()  # type: ignore[attr-defined]
        thread.join(timeout=5)
        engine_for(app).dispose()


@pytest.fixture
def live_server(serve: Callable[..., LiveServer]) -> LiveServer:
    return serve()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/setup --test installs Debian's chromium")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


@pytest.fixture
def phone(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A 375 CSS pixel wide page, as on a small phone. CSP is bypassed only so
    axe-core can be injected; the portal's own pages never need that."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


# WCAG 2.5.8: each target is at least 24 by 24 CSS pixels, unless it is a link
# inside a sentence, or (the spacing exception) a 24px circle on its centre
# overlaps no other target. Returns the targets that fail.
SMALL_TARGETS = """() => {
  const targets = [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]'
  )].filter((el) => {
    const box = el.getBoundingClientRect();
    // Hidden from everyone (aria-hidden, out of the tab order, 1px): not a target anyone taps.
    const hidden = el.closest('[aria-hidden="true"]') && el.tabIndex < 0;
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden' && !hidden;
  });
  const inSentence = (el) => el.tagName === 'A' && el.closest('p, li, dd, td')
    && el.closest('p, li, dd, td').textContent.trim() !== el.textContent.trim();
  // GOV.UK radios and checkboxes hide the input under a 40px label ring: measure what is tapped.
  const box = (el) => {
    const label = (el.type === 'radio' || el.type === 'checkbox') && el.labels && el.labels[0];
    const own = el.getBoundingClientRect();
    if (!label) return own;
    return {x: own.x, y: own.y, width: Math.max(own.width, 40), height: Math.max(own.height, 40)};
  };
  const centre = (b) => [b.x + b.width / 2, b.y + b.height / 2];
  return targets.filter((el) => {
    if (inSentence(el)) return false;
    const b = box(el);
    if (b.width >= 24 && b.height >= 24) return false;
    const [cx, cy] = centre(b);
    const crowded = targets.some((other) => {
      if (other === el) return false;
      const o = other.getBoundingClientRect();
      const nx = Math.max(o.x, Math.min(cx, o.x + o.width));
      const ny = Math.max(o.y, Math.min(cy, o.y + o.height));
      return Math.hypot(nx - cx, ny - cy) < 12;
    });
    return crowded;
  }).map((el) => el.outerHTML.slice(0, 100));
}"""


def axe_violations(page) -> list[dict]:  # type: ignore[no-untyped-def]
    """Run axe-core for WCAG 2.0, 2.1 and 2.2 A and AA rules on the current page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]


def screenshot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
