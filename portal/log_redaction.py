"""Link tokens never reach a log. A personal link's token opens a child's saved
answers until they send them, so any access log line holding one (the dev
server's, gunicorn's) has the token replaced by "…" before it is written."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, MutableMapping
from typing import Any

TOKEN_PATH = re.compile(r"(/(?:c|f|l|account/password)/)[^/\s?#\"']+")
LOGGERS = ("werkzeug", "gunicorn.access", "gunicorn.error")


def redact(text: str) -> str:
    return TOKEN_PATH.sub(r"\1…", text)


def _clean(value: Any) -> Any:
    return redact(value) if isinstance(value, str) else value


class RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, MutableMapping):
            # In place: gunicorn's atoms are a dict that answers "-" for a missing key.
            for key, value in list(record.args.items()):
                record.args[key] = _clean(value)
        elif isinstance(record.args, Mapping):
            record.args = {key: _clean(value) for key, value in record.args.items()}
        elif isinstance(record.args, tuple):
            record.args = tuple(_clean(value) for value in record.args)
        return True


def install() -> None:
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactTokens) for f in logger.filters):
            logger.addFilter(RedactTokens())
