"""manage.py hotline_receive_email: the mail server's pipe into the hotline."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from hotline.models import InboundEmail, InboundStatus, Ticket
from tests.hotline.inbound.conftest import acknowledgements, sample

REPO = Path(__file__).resolve().parents[3]


def receive(raw: bytes) -> str:
    out = io.StringIO()
    call_command("hotline_receive_email", stdin=io.BytesIO(raw), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_piped_message_becomes_a_ticket_and_the_command_prints_its_code():
    raw = sample("outlook_alternative_base64.eml")

    output = receive(raw)

    ticket = Ticket.objects.get()
    assert output.splitlines() == [
        f"{InboundStatus.NEW_TICKET} {ticket.code} (thư #{ticket.source_email_id})"
    ]
    assert bytes(ticket.source_email.raw) == raw
    assert acknowledgements("tranvanbinh1975@example.net").count() == 1


@pytest.mark.django_db
def test_a_reply_prints_the_code_of_the_ticket_it_joined(ticket_123):
    output = receive(sample("gmail_reply_with_code.eml"))

    assert output.startswith(f"{InboundStatus.JOINED} HL-2020-000123 ")


@pytest.mark.django_db
def test_an_unreadable_message_is_stored_and_the_command_succeeds():
    # Exit status 0: the mail server must not bounce what staff can read in the admin.
    output = receive(b"\x00\x01 not a message \xff")

    assert output.startswith(f"{InboundStatus.FAILED} (thư #")
    assert InboundEmail.objects.get().status == InboundStatus.FAILED


@pytest.mark.django_db
def test_a_message_piped_twice_is_one_ticket():
    raw = sample("html_only.eml")

    first, second = receive(raw), receive(raw)

    assert first == second
    assert Ticket.objects.count() == 1


def test_the_mail_server_is_told_to_retry_when_the_message_cannot_be_stored(tmp_path):
    # Nothing listens on port 9: the database is down. EX_TEMPFAIL makes Postfix keep the
    # message in its queue and try again, instead of bouncing it to the sender.
    env = {
        **os.environ,
        "DEBUG": "true",
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/camau_khong_co",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "hotline_receive_email"],
        input=sample("gmail_alternative_qp.eml"),
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=60,
        check=False,
    )

    assert result.returncode == 75, result.stderr.decode()
    assert "máy chủ thư sẽ gửi lại sau" in result.stderr.decode()
