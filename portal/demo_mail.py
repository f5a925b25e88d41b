"""The demo's own SMTP server on loopback: every email the demo sends is
written to a log file you can read, and nothing leaves the machine."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller


class _LogHandler:
    def __init__(self, path: Path) -> None:
        self.path = path

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        message = message_from_bytes(envelope.content, policy=default)
        body = message.get_body(("plain",))
        with self.path.open("a", encoding="utf-8") as log:
            log.write(f"--- To: {', '.join(envelope.rcpt_tos)}\nSubject: {message['Subject']}\n\n")
            log.write((body.get_content() if body else "") + "\n")
        return "250 Message accepted"


def start(log_path: Path, port: int = 8025) -> Controller:
    controller = Controller(_LogHandler(log_path), hostname="127.0.0.1", port=port)
    controller.start()
    return controller
