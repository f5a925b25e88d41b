"""Checks every HTML page the test client fetches, as GOV.UK Notify does:
the HTML parses, there is exactly one <h1>, the <title> starts with it,
no id is used twice, every form has an action, every script carries the
CSP nonce or a src."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import html5lib
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"


@cache
def error_prefixes() -> tuple[str, ...]:
    """ "Error: " in English and in every catalogue, as page titles begin."""
    found = ["Error: "]
    for po in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        with po.open("rb") as handle:
            message = read_po(handle).get("Error:")
        if message and message.string:
            found.append(f"{message.string} ")
    return tuple(found)


class PageProblem(AssertionError):
    pass


def check_page(html: str, url: str) -> BeautifulSoup:
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(html)
    # Only errors that mean broken markup; html5lib also warns about things browsers accept.
    serious = [e for e in parser.errors if e[1] not in {"unexpected-start-tag-implies-end-tag"}]
    if serious:
        raise PageProblem(f"{url}: HTML does not parse cleanly: {serious[:3]}")
    soup = BeautifulSoup(html, "html.parser")
    headings = soup.find_all("h1")
    if len(headings) != 1:
        raise PageProblem(f"{url}: expected exactly one <h1>, found {len(headings)}")
    heading = " ".join(headings[0].get_text().split())
    title = " ".join(soup.title.get_text().split()) if soup.title else ""
    for prefix in error_prefixes():
        title = title.removeprefix(prefix)
    if not title.startswith(heading):
        raise PageProblem(f"{url}: <title> {title!r} does not start with the <h1> {heading!r}")
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    duplicates = [i for i, n in ids.items() if n > 1]
    if duplicates:
        raise PageProblem(f"{url}: duplicate ids {duplicates}")
    for form in soup.find_all("form"):
        if not form.get("action"):
            raise PageProblem(f"{url}: a <form> has no action")
    for script in soup.find_all("script"):
        if not script.get("src") and not script.get("nonce"):
            raise PageProblem(f"{url}: an inline <script> has no CSP nonce")
    html_tag = soup.find("html")
    if not html_tag or not html_tag.get("lang"):
        raise PageProblem(f"{url}: <html> has no lang")
    return soup


class CheckedClient(FlaskClient):
    """A test client that checks every HTML page it receives."""

    def open(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = super().open(*args, **kwargs)
        if response.mimetype == "text/html" and response.status_code != 302:
            check_page(response.get_data(as_text=True), response.request.path)
        return response

    def soup(self, url: str, **kwargs) -> BeautifulSoup:  # type: ignore[no-untyped-def]
        response = self.get(url, **kwargs)
        return BeautifulSoup(response.get_data(as_text=True), "html.parser")

    def csrf_token(self, url: str) -> str:
        html = self.get(url).get_data(as_text=True)
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
            r'value="([^"]+)"[^>]*name="csrf_token"', html
        )
        if not match:
            raise PageProblem(f"{url}: no CSRF token on the page")
        return match.group(1)

    def submit_form(self, url: str, data: dict, **kwargs):  # type: ignore[no-untyped-def]
        """GET the page, then POST ``data`` with the page's CSRF token, as a browser would."""
        token = self.csrf_token(url)
        return self.post(url, data={"csrf_token": token, **data}, **kwargs)
