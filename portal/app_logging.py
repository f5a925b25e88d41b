"""Structured application logs: one JSON object a line, with a request id,
the route's pattern (never the address itself, which may hold a link token or
an id), status, time taken and the staff user's id. Nothing a child wrote,
no names and no tokens: only the patterns and numbers below are ever logged."""

from __future__ import annotations

import json
import logging
import re
import secrets
import sys
import time
from typing import Any

from flask import Flask, Response, g, request
from flask_login import current_user

REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
log = logging.getLogger("portal.requests")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["error"] = record.exc_info[0].__name__ if record.exc_info[0] else "unknown"
        return json.dumps(entry, ensure_ascii=False)


def init_app(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_finish)
    portal_logger = logging.getLogger("portal")
    if not app.testing and not any(getattr(h, "myreview", False) for h in portal_logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        handler.myreview = True  # type: ignore[attr-defined]
        portal_logger.addHandler(handler)
        portal_logger.setLevel(logging.INFO)
        portal_logger.propagate = False


def _start() -> None:
    g.started = time.perf_counter()
    asked = request.headers.get("X-Request-Id", "")
    g.request_id = asked if REQUEST_ID.fullmatch(asked) else secrets.token_hex(8)


def _finish(response: Response) -> Response:
    staff_id = current_user.get_id() if current_user and current_user.is_authenticated else None
    fields = {
        "request_id": g.get("request_id", ""),
        "method": request.method,
        # The rule's pattern ("/c/<token>"), never the path with the token or id in it.
        "route": request.url_rule.rule if request.url_rule else "(no route)",
        "status": response.status_code,
        "ms": round((time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 1),
        "staff_user_id": int(staff_id) if staff_id and str(staff_id).isdigit() else None,
    }
    log.info("request", extra={"fields": fields})
    response.headers["X-Request-Id"] = fields["request_id"]
    return response
