"""message_deliver(): claim, send once, retry on transient failures, fail for good after the last."""

import datetime as dt
import socket

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from notifications.models import Delivery, Message, MessageStatus
from notifications.services import message_deliver, message_resend, notify
from notifications.tasks import deliver_message
from reports.events import ReportEvent


@pytest.fixture
def incident(standing):
    rows = notify(
        event=ReportEvent.URGENT,
        subject="Sự cố tại điểm thi C15",
        dedupe_key="su-co:c15:1",
        urgent=True,
        context={
            "paragraphs": ["Mất điện phòng thi số 3 lúc 8:05.", "Đã chuyển sang phòng dự phòng."],
            "facts": [["Điểm thi", "C15 — THPT Phan Ngọc Hiển"], ["Mức độ", "Nghiêm trọng"]],
            "url": "/ban-chi-dao/",
        },
    )
    return rows[0]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.NOTIFICATIONS_SMTP_TIMEOUT = 2


@pytest.fixture
def smtp_refusing(settings):
    """A real SMTP server that refuses every recipient for good (550)."""
    from aiosmtpd.controller import Controller

    class Refuse:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            return "550 5.1.1 Hộp thư không tồn tại"

    controller = Controller(Refuse(), hostname="127.0.0.1", port=closed_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    yield
    controller.stop()


def test_a_row_is_sent_once_as_a_vietnamese_email_with_a_stable_message_id(incident):
    assert message_deliver(message_id=incident.pk).sent
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.subject == "[KHẨN] Sự cố tại điểm thi C15"
    assert email.extra_headers["Message-ID"] == f"<thong-bao-{incident.pk}@127.0.0.1>"
    assert "Kính gửi Phó Trưởng ban Mẫu" in email.body
    assert "Mất điện phòng thi số 3" in email.body and "C15 — THPT Phan Ngọc Hiển" in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html" and 'lang="vi"' in html
    incident.refresh_from_db()
    assert incident.status == MessageStatus.SENT and incident.attempts == 1
    assert incident.sent_at is not None


def test_running_the_task_twice_sends_once(incident):
    deliver_message.apply(args=(incident.pk,))
    deliver_message.apply(args=(incident.pk,))
    assert len(mail.outbox) == 1
    incident.refresh_from_db()
    assert incident.attempts == 1


def test_a_row_claimed_by_a_live_worker_is_left_alone(incident):
    Message.objects.filter(pk=incident.pk).update(
        status=MessageStatus.SENDING, claimed_at=timezone.now()
    )
    assert not message_deliver(message_id=incident.pk).sent
    assert mail.outbox == []


def test_a_claim_older_than_the_lease_belongs_to_a_dead_worker_and_is_taken_over(
    incident, settings
):
    stale = timezone.now() - dt.timedelta(seconds=settings.NOTIFICATIONS_CLAIM_LEASE_SECONDS + 1)
    Message.objects.filter(pk=incident.pk).update(
        status=MessageStatus.SENDING, claimed_at=stale, attempts=1
    )
    assert message_deliver(message_id=incident.pk).sent
    incident.refresh_from_db()
    assert incident.status == MessageStatus.SENT and incident.attempts == 2


def test_digest_rows_are_never_sent_one_by_one(standing):
    (row, _) = notify(event=ReportEvent.SUBMITTED, subject="Báo cáo C01", dedupe_key="bc:1")
    assert row.delivery == Delivery.DIGEST
    assert not message_deliver(message_id=row.pk).sent
    assert mail.outbox == []


def test_smtp_down_schedules_retries_with_growing_delays_then_fails_for_good(
    incident, smtp_down, settings
):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    settings.NOTIFICATIONS_RETRY_DELAYS = [10, 30]
    with time_machine.travel(dt.datetime(2020, 8, 9, 9, 0, tzinfo=dt.UTC), tick=False):
        first = message_deliver(message_id=incident.pk)
        incident.refresh_from_db()
        assert first.retry_in == 10
        assert incident.status == MessageStatus.PENDING and incident.attempts == 1
        assert "ConnectionRefusedError" in incident.last_error
        assert incident.next_attempt_at == timezone.now() + dt.timedelta(seconds=10)
        assert message_deliver(message_id=incident.pk).retry_in == 30
        last = message_deliver(message_id=incident.pk)
    assert last.retry_in is None and not last.sent
    incident.refresh_from_db()
    assert incident.status == MessageStatus.FAILED and incident.attempts == 3
    assert message_deliver(message_id=incident.pk) == last  # nothing more happens


def test_a_permanent_refusal_fails_at_once(incident, smtp_refusing):
    outcome = message_deliver(message_id=incident.pk)
    incident.refresh_from_db()
    assert outcome.retry_in is None
    assert incident.status == MessageStatus.FAILED and incident.attempts == 1
    assert "550" in incident.last_error


def test_resend_puts_failed_rows_back_and_they_are_sent_once(
    incident, filesystem_broker, django_capture_on_commit_callbacks
):
    Message.objects.filter(pk=incident.pk).update(
        status=MessageStatus.FAILED, attempts=5, last_error="SMTP down"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert message_resend(message_ids=[incident.pk]) == 1
        assert message_resend(message_ids=[incident.pk]) == 0  # no longer failed
    assert filesystem_broker.message_ids() == [incident.pk]
    incident.refresh_from_db()
    assert (incident.status, incident.attempts, incident.last_error) == ("cho-gui", 0, "")
    message_deliver(message_id=incident.pk)
    assert len(mail.outbox) == 1
