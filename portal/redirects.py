"""Where a form may send a person back to: only somewhere on this site."""

from __future__ import annotations

from urllib.parse import urlsplit


def local_path(target: str | None, default: str) -> str:
    """``target`` when it is a path on this site, else ``default``: never an open redirect.
    Browsers read a backslash as a slash, so "/\\evil.example" is another site too."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(c in target for c in "\\\r\n\t"):
        return default
    return target
