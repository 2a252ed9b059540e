"""imap_poll and the poll_imap task, against a fake IMAP server (the outside world).

The fake behaves as a real server does where it matters: FETCH BODY[] (without PEEK) and
STORE +FLAGS (\\Seen) mark a message read, SEARCH UNSEEN lists the unread ones by UID.
"""

from __future__ import annotations

import imaplib

import pytest
from django.db import OperationalError

from hotline.inbound import imap as inbound
from hotline.inbound import imap_poll
from hotline.models import InboundEmail, InboundStatus, Ticket
from hotline.tasks import poll_imap
from notifications.models import Message
from tests.hotline.inbound.conftest import acknowledgements, sample

pytestmark = pytest.mark.django_db

# Taken before any test replaces imaplib's classes with the fake.
IMAP_ERROR, IMAP_ABORT = imaplib.IMAP4.error, imaplib.IMAP4.abort


class FakeMailbox:
    def __init__(self, *raws: bytes, seen: tuple[int, ...] = ()):
        self.messages = {uid: raw for uid, raw in enumerate(raws, start=1)}
        self.seen = set(seen)
        self.connections: list[dict] = []
        self.marked: list[tuple[int, bool]] = []  # (uid, was its row stored when marked)
        self.drop_connection_on_store: set[int] = set()

    def unseen(self) -> list[int]:
        return sorted(set(self.messages) - self.seen)

    def server(self, host, port, timeout=None):
        return FakeIMAP(self, host, port, timeout)


class FakeIMAP:
    def __init__(self, mailbox: FakeMailbox, host, port, timeout):
        self.mailbox = mailbox
        self.record = {"host": host, "port": port, "timeout": timeout, "logged_out": False}
        mailbox.connections.append(self.record)

    def login(self, user, password):
        if (user, password) != ("duongdaynong@sogd.example.org", "mat-khau-hop-thu"):
            raise IMAP_ERROR("[AUTHENTICATIONFAILED] Invalid credentials")
        return "OK", [b"Logged in"]

    def select(self, mailbox="INBOX"):
        self.record["folder"] = mailbox
        return "OK", [str(len(self.mailbox.messages)).encode()]

    def uid(self, command, *args):
        command = command.upper()
        if command == "SEARCH":
            assert args == ("UNSEEN",)
            return "OK", [" ".join(map(str, self.mailbox.unseen())).encode()]
        uid = int(args[0])
        if command == "FETCH":
            raw = self.mailbox.messages[uid]
            if "PEEK" not in args[1].upper():
                self.mailbox.seen.add(uid)
            return "OK", [(f"{uid} (UID {uid} BODY[] {{{len(raw)}}}".encode(), raw), b")"]
        if command == "STORE":
            assert args[1:] == ("+FLAGS", "(\\Seen)")
            if uid in self.mailbox.drop_connection_on_store:
                raise IMAP_ABORT("socket error: EOF")
            stored = InboundEmail.objects.filter(raw=self.mailbox.messages[uid]).exists()
            self.mailbox.marked.append((uid, stored))
            self.mailbox.seen.add(uid)
            return "OK", [f"{uid} (FLAGS (\\Seen))".encode()]
        raise AssertionError(f"unexpected command {command}")

    def logout(self):
        self.record["logged_out"] = True
        return "BYE", [b"Logging out"]


@pytest.fixture
def imap_settings(settings):
    settings.HOTLINE_IMAP_HOST = "imap.sogd.example.org"
    settings.HOTLINE_IMAP_PORT = 993
    settings.HOTLINE_IMAP_SSL = True
    settings.HOTLINE_IMAP_USER = "duongdaynong@sogd.example.org"
    settings.HOTLINE_IMAP_PASSWORD = "mat-khau-hop-thu"
    settings.HOTLINE_IMAP_FOLDER = "INBOX"
    return settings


def serve(monkeypatch, mailbox: FakeMailbox) -> FakeMailbox:
    monkeypatch.setattr(imaplib, "IMAP4_SSL", mailbox.server)
    monkeypatch.setattr(imaplib, "IMAP4", mailbox.server)
    return mailbox


def test_unread_messages_become_tickets_and_are_marked_read_only_once_stored(
    imap_settings, monkeypatch
):
    already_read = sample("html_only.eml")
    mailbox = serve(
        monkeypatch,
        FakeMailbox(
            sample("gmail_alternative_qp.eml"),
            already_read,
            sample("outlook_alternative_base64.eml"),
            b"\x00garbage\xff",
            seen=(2,),
        ),
    )

    assert imap_poll() == 3

    assert mailbox.marked == [(1, True), (3, True), (4, True)]
    assert mailbox.unseen() == []
    assert sorted(Ticket.objects.values_list("email", flat=True)) == [
        "nguyenthihoang.cm@example.com",
        "tranvanbinh1975@example.net",
    ]
    assert not InboundEmail.objects.filter(raw=already_read).exists()  # never fetched
    # Garbage is kept for staff and not fetched again and again.
    assert InboundEmail.objects.get(raw=b"\x00garbage\xff").status == InboundStatus.FAILED
    (connection,) = mailbox.connections
    assert connection["host"] == "imap.sogd.example.org"
    assert connection["port"] == 993
    assert connection["timeout"]
    assert connection["folder"] == '"INBOX"'
    assert connection["logged_out"]


def test_a_message_that_could_not_be_stored_stays_unread_for_the_next_poll(
    imap_settings, monkeypatch
):
    outlook = sample("outlook_alternative_base64.eml")
    mailbox = serve(monkeypatch, FakeMailbox(sample("gmail_alternative_qp.eml"), outlook))
    real_receive = inbound.inbound_email_receive

    def database_down_for_outlook(*, raw):
        if raw == outlook:
            raise OperationalError("could not connect to server")
        return real_receive(raw=raw)

    monkeypatch.setattr(inbound, "inbound_email_receive", database_down_for_outlook)

    assert imap_poll() == 1
    assert mailbox.unseen() == [2]
    assert not InboundEmail.objects.filter(raw=outlook).exists()

    monkeypatch.setattr(inbound, "inbound_email_receive", real_receive)
    assert imap_poll() == 1
    assert mailbox.unseen() == []
    assert Ticket.objects.filter(email="tranvanbinh1975@example.net").count() == 1


def test_a_message_stored_but_not_marked_read_is_not_received_twice(imap_settings, monkeypatch):
    mailbox = serve(monkeypatch, FakeMailbox(sample("thunderbird_mixed_attachments.eml")))
    mailbox.drop_connection_on_store.add(1)

    with pytest.raises(IMAP_ABORT):
        imap_poll()
    assert mailbox.unseen() == [1]
    assert Ticket.objects.count() == 1

    mailbox.drop_connection_on_store.clear()
    assert imap_poll() == 1

    assert mailbox.unseen() == []
    assert InboundEmail.objects.count() == 1
    ticket = Ticket.objects.get()
    assert ticket.attachments.count() == 2
    assert acknowledgements("pmtuan.12a3@sogd.example.org").count() == 1


def test_a_poll_takes_at_most_its_limit_and_leaves_the_rest_unread(imap_settings, monkeypatch):
    mailbox = serve(
        monkeypatch,
        FakeMailbox(
            sample("gmail_alternative_qp.eml"),
            sample("outlook_alternative_base64.eml"),
            sample("html_only.eml"),
        ),
    )

    assert imap_poll(limit=2) == 2

    assert mailbox.unseen() == [3]
    assert Ticket.objects.count() == 2


def test_plain_imap_is_used_when_ssl_is_off(imap_settings, monkeypatch):
    imap_settings.HOTLINE_IMAP_SSL = False
    imap_settings.HOTLINE_IMAP_PORT = 143
    mailbox = FakeMailbox(sample("html_only.eml"))
    monkeypatch.setattr(imaplib, "IMAP4", mailbox.server)
    monkeypatch.setattr(imaplib, "IMAP4_SSL", None)

    assert imap_poll() == 1
    assert mailbox.connections[0]["port"] == 143


def test_nothing_is_polled_without_a_host(settings, monkeypatch):
    settings.HOTLINE_IMAP_HOST = ""
    monkeypatch.setattr(imaplib, "IMAP4_SSL", None)
    monkeypatch.setattr(imaplib, "IMAP4", None)

    assert imap_poll() == 0


def test_the_task_run_twice_receives_each_message_once(imap_settings, monkeypatch):
    mailbox = serve(
        monkeypatch,
        FakeMailbox(sample("gmail_alternative_qp.eml"), sample("disguised_program.eml")),
    )

    assert poll_imap.apply().get() == 2
    messages = Message.objects.count()
    assert poll_imap.apply().get() == 0

    assert len(mailbox.connections) == 2
    assert InboundEmail.objects.count() == 2
    assert Ticket.objects.count() == 2
    assert Message.objects.count() == messages
    assert acknowledgements("vothanhtung@webmail.example.net").count() == 1
