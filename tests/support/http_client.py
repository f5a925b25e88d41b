"""Just enough of a browser over plain HTTP, for a server started as a process
(gunicorn): it keeps cookies by hand, so Secure cookies behind a pretend TLS
proxy still come back, and it fills in a form's CSRF token."""

from __future__ import annotations

import http.client
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

CSRF = (
    re.compile(r'name="csrf_token"[^>]*value="([^"]+)"'),
    re.compile(r'value="([^"]+)"[^>]*name="csrf_token"'),
)


class Browser:
    def __init__(self, port: int, headers: dict[str, str] | None = None) -> None:
        self.port = port
        self.headers = headers or {}
        self.cookies: dict[str, str] = {}

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        """(status, Location, page) for one request."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = dict(self.headers)
        if self.cookies:
            headers["Cookie"] = self.cookie_header()
        body = None
        if form is not None:
            body, headers["Content-Type"] = urlencode(form), "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        page = response.read().decode("utf-8", "replace")
        location = response.headers.get("Location", "")
        connection.close()
        return response.status, location, page

    def submit(self, path: str, fields: dict[str, str]) -> tuple[int, str, str]:
        """GET the page, then POST ``fields`` with its CSRF token, as a browser would."""
        page = self.request("GET", path)[2]
        found = CSRF[0].search(page) or CSRF[1].search(page)
        assert found, f"no CSRF token on {path}"
        return self.request("POST", path, {"csrf_token": found.group(1), **fields})
