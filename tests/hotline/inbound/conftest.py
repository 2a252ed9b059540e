"""E-mail samples (as Gmail, Outlook, Thunderbird, Yahoo and mail servers send them) and helpers.

The .eml files are the bytes a mail server hands over, kept unchanged (see samples/.gitattributes);
de-cuong-on-tap.pdf and giay-bao-du-thi.png are the very files attached to
thunderbird_mixed_attachments.eml (PNG also to disguised_program.eml).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from hotline.events import HotlineEvent
from hotline.models import Category, Channel, Ticket, TicketSequence
from hotline.services import ticket_submit
from notifications.models import Message

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def acknowledgements(address: str):
    """The acknowledgement rows written for `address` (sent by the worker after commit)."""
    return Message.objects.filter(event=HotlineEvent.ACK, recipient__email=address)


def with_headers(raw: bytes, *lines: str) -> bytes:
    """The message with header lines put first, as a mail server adds its own."""
    return "".join(f"{line}\n" for line in lines).encode() + raw


@pytest.fixture
def ticket_123(db) -> Ticket:
    """HL-2020-000123, the question Nguyễn Thị Hoàng sent through the web form in August 2020."""
    TicketSequence.objects.create(year=2020, last_number=122)
    ticket = ticket_submit(
        channel=Channel.WEB,
        category=Category.QUESTION,
        subject="Hỏi về lịch thi môn Ngữ văn",
        message="Buổi thi môn Ngữ văn bắt đầu lúc mấy giờ?",
        name="Nguyễn Thị Hoàng",
        email="nguyenthihoang.cm@example.com",
        received_at=timezone.make_aware(dt.datetime(2020, 8, 3, 9, 0)),
    )
    assert ticket.code == "HL-2020-000123"
    return ticket
