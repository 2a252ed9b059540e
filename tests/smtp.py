"""An SMTP server on loopback that records what it accepts: the integration and browser tests."""

from __future__ import annotations

import asyncio
import email
import threading
from collections import Counter
from email import policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


class _Recorder:
    """aiosmtpd handler: keeps every accepted message, after an optional delay per message."""

    def __init__(self, sink: SmtpSink):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        if self.sink.delay:
            # Before the reply: a client that dies meanwhile never had its message accepted.
            await asyncio.sleep(self.sink.delay)
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        self.sink._record(message)
        return "250 Message accepted for delivery"


class SmtpSink:
    """An SMTP server on 127.0.0.1 that records what it accepts, thread-safely."""

    host = "127.0.0.1"

    def __init__(self, port: int):
        self.port = port
        self.delay = 0.0
        self._messages: list[EmailMessage] = []
        self._changed = threading.Condition()
        self._controller: Controller | None = None

    def start(self) -> None:
        """Listen on the same port as before (a fresh controller: a stopped one cannot restart)."""
        assert self._controller is None, "the SMTP sink is already running"
        controller = Controller(_Recorder(self), hostname=self.host, port=self.port)
        controller.start()
        self._controller = controller

    def stop(self) -> None:
        """Stop listening: connections are refused until `start()`."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def running(self) -> bool:
        return self._controller is not None

    def _record(self, message: EmailMessage) -> None:
        with self._changed:
            self._messages.append(message)
            self._changed.notify_all()

    @property
    def messages(self) -> list[EmailMessage]:
        with self._changed:
            return list(self._messages)

    def clear(self) -> None:
        """Forget what arrived so far (a new test begins)."""
        with self._changed:
            self._messages.clear()

    def message_ids(self) -> list[str]:
        return [m["Message-ID"] for m in self.messages]

    def id_counts(self) -> Counter[str]:
        return Counter(self.message_ids())

    def wait_for(self, count: int, *, timeout: float) -> list[EmailMessage]:
        """Wait until at least `count` messages arrived in all; fail the test after `timeout`."""
        with self._changed:
            arrived = self._changed.wait_for(lambda: len(self._messages) >= count, timeout)
            if not arrived:
                pytest.fail(
                    f"The SMTP sink received {len(self._messages)} of {count} messages "
                    f"in {timeout} s",
                    pytrace=False,
                )
            return list(self._messages)

    def wait_quiet(self, seconds: float) -> list[EmailMessage]:
        """Wait until nothing arrived for `seconds`: a late duplicate would show up here."""
        with self._changed:
            while True:
                before = len(self._messages)
                self._changed.wait(seconds)
                if len(self._messages) == before:
                    return list(self._messages)
