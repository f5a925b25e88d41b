"""The demo's own SMTP server on loopback: every email the demo sends is
written to a log file you can read, and nothing leaves the machine."""

from __future__ import annotations

import socket
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


def start(log_path: Path, port: int = 0) -> Controller:
    """Start on a free port (0), so demos on other --port values can run side by side."""
    if port == 0:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    controller = Controller(_LogHandler(log_path), hostname="127.0.0.1", port=port)
    controller.start()
    return controller
