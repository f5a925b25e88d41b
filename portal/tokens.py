"""Personal link tokens: 256 bits from ``secrets``, stored only as SHA-256.

A fast hash is right here (unlike passwords): the token is already
high-entropy, and a lookup must be one indexed query.
"""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
