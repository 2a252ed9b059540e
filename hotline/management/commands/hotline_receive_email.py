"""Receive one e-mail for the hotline from standard input, as a mail server's pipe delivers it
(scripts/receive-hotline-mail; docs/deploy.md, "Hotline mail").

The exit status is what the mail server acts on: 0 once the message is stored (whatever became
of it: a ticket, an addition, kept for staff), 75 (EX_TEMPFAIL) when it could not even be stored,
so the server keeps it and tries again later instead of bouncing it to the sender.
"""

from __future__ import annotations

import logging
import sys

from django.core.management.base import BaseCommand, CommandError

from hotline.inbound import inbound_email_receive
from hotline.models import InboundStatus

logger = logging.getLogger(__name__)

EX_TEMPFAIL = 75


class Command(BaseCommand):
    help = (
        "Nhận một thư điện tử (RFC 822) từ đầu vào chuẩn và ghi nhận vào đường dây nóng "
        "(dùng cho lệnh pipe của máy chủ thư)."
    )
    # A failing unrelated check must not make the mail server bounce a citizen's message.
    requires_system_checks = []
    # call_command(..., stdin=<binary stream>) in tests; the pipe otherwise.
    stealth_options = ("stdin",)

    def handle(self, *args, **options) -> None:
        stream = options.get("stdin") or sys.stdin.buffer
        try:
            raw = stream.read()
            inbound = inbound_email_receive(raw=raw)
        except Exception as exc:
            logger.exception("Could not store an inbound e-mail; the mail server will retry")
            raise CommandError(
                f"Không lưu được thư ({type(exc).__name__}: {exc}); máy chủ thư sẽ gửi lại sau.",
                returncode=EX_TEMPFAIL,
            ) from exc
        self.stdout.write(_outcome(inbound))


def _outcome(inbound) -> str:
    """One line for the mail server's log: what became of the message."""
    ticket = getattr(inbound, "ticket", None)
    if ticket is None and inbound.status == InboundStatus.JOINED:
        ticket = inbound.entry.ticket
    code = f" {ticket.code}" if ticket is not None else ""
    return f"{inbound.status}{code} (thư #{inbound.pk})"
