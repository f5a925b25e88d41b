"""Sending without making anyone wait. A message queued in a request is
handed, once its transaction has committed, to this process's background
sender; a child's page or a sign-in never waits on a slow mail relay. The
`myreview worker` process (or cron running `send-pending`) sends what is
left: retries, and anything a stopped process had not sent. Each message is
claimed before it is sent, so it goes once however many senders run."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Iterable

from flask import Flask, current_app

from portal import db
from portal.messaging import outbox
from portal.models import OutboundMessage

log = logging.getLogger(__name__)
EXTENSION_KEY = "myreview.background_sender"


class BackgroundSender:
    """One thread per process that sends messages by id, in the order given."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.jobs: queue.Queue[int] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def send_soon(self, message_ids: Iterable[int]) -> None:
        for message_id in message_ids:
            self.jobs.put(message_id)
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="outbox-sender", daemon=True)
                self._thread.start()

    def idle(self, timeout: float) -> bool:
        """Wait until everything handed over has been tried (tests, and a clean shutdown)."""
        deadline = time.monotonic() + timeout
        while self.jobs.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.02)
        return not self.jobs.unfinished_tasks

    def _run(self) -> None:
        while True:
            message_id = self.jobs.get()
            try:
                with self.app.app_context():
                    outbox.deliver_claimed(db.session(), message_id, self.app.config)
            except Exception:  # noqa: BLE001 - the worker retries it; never the message's content here
                log.exception("outbox message %s: sending failed; the worker will retry it", message_id)
            finally:
                self.jobs.task_done()


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION_KEY] = BackgroundSender(app)


def sender(app: Flask) -> BackgroundSender:
    return app.extensions[EXTENSION_KEY]


def send_soon(messages: Iterable[OutboundMessage]) -> None:
    """Send committed messages in the background, straight away."""
    sender(current_app._get_current_object()).send_soon([m.id for m in messages])  # type: ignore[attr-defined]
