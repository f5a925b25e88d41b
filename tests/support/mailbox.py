"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives."""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass, field
from email import message_from_bytes
from email.policy import default
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Received:
    to: list[str]
    subject: str
    body: str

    def link(self) -> str:
        found = re.search(r"https?://\S+", self.body)
        assert found, f"no link in: {self.body}"
        return found.group(0)


@dataclass
class Mailbox:
    port: int
    messages: list[Received] = field(default_factory=list)

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802
        message = message_from_bytes(envelope.content, policy=default)
        self.messages.append(
            Received(
                list(envelope.rcpt_tos), str(message["Subject"]), message.get_body(("plain",)).get_content()
            )
        )
        return "250 OK"

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.to]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start() -> tuple[Mailbox, Controller]:
    box = Mailbox(free_port())
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    return box, controller


class SilentRelay:
    """A mail relay that accepts connections and never says a word: the slow
    relay a council's network sometimes has."""

    def __init__(self) -> None:
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(32)
        self.port = self.listener.getsockname()[1]

    def close(self) -> None:
        self.listener.close()
