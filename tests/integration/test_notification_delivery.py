"""The Celery worker delivers each notification exactly once and loses none, with real parts.

A real `celery worker` (prefork) on a real broker, a real SMTP server on loopback and the test
database shared with the worker. Each test writes rows through `notify()` as the portal does,
breaks something (the SMTP server, Redis, the worker itself), and counts what the SMTP server
received, by Message-ID.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.utils import timezone

from hotline.events import HotlineEvent
from notifications import services
from notifications.models import Message, MessageStatus, Recipient, RecipientRole
from reports.events import ReportEvent

from .conftest import WORKER_ENV, wait_until

# The worker only sees committed rows, and notify() enqueues only on commit.
pytestmark = pytest.mark.django_db(transaction=True)

# Long enough for a late duplicate (a retry, a redelivered task) to reach the sink.
QUIET = 1.5


def make_recipients(count: int, prefix: str = "nguoi-nhan") -> list[Recipient]:
    return Recipient.objects.bulk_create(
        Recipient(
            name=f"Người nhận {i}",
            email=f"{prefix}-{i}@example.org",
            role=RecipientRole.MEMBER,
        )
        for i in range(count)
    )


def write_notifications(recipients: list[Recipient], *, batch: int = 10, key="bao-cao"):
    """notify() as the portal calls it: in the caller's transaction, one call per batch; every
    third batch is urgent, so both queues are used. Returns the rows written."""
    rows = []
    for number, start in enumerate(range(0, len(recipients), batch)):
        urgent = number % 3 == 2
        with transaction.atomic():
            rows += services.notify(
                event=ReportEvent.URGENT if urgent else ReportEvent.SUBMITTED,
                subject=f"Báo cáo nhanh số {number}",
                dedupe_key=f"{key}:{number}",
                context={"body": "Điểm thi C01 đã gửi báo cáo nhanh buổi sáng."},
                urgent=urgent,
                recipients=recipients[start : start + batch],
            )
    return rows


def write_while_redis_is_down(recipients, *, per_call: int = 4) -> tuple[list, list[float]]:
    """notify() + commit, one transaction per group of recipients; returns rows and timings."""
    rows, timings = [], []
    for number, start in enumerate(range(0, len(recipients), per_call)):
        began = time.monotonic()
        with transaction.atomic():
            rows += services.notify(
                event=ReportEvent.AMENDED,
                subject=f"Đính chính báo cáo số {number}",
                dedupe_key=f"dinh-chinh:{number}",
                urgent=number == 0,
                recipients=recipients[start : start + per_call],
            )
        timings.append(time.monotonic() - began)
    return rows, timings


def statuses(rows) -> Counter[str]:
    return Counter(
        Message.objects.filter(pk__in=[r.pk for r in rows]).values_list("status", flat=True)
    )


def wait_all(rows, status: str, *, timeout: float) -> None:
    wait_until(
        lambda: statuses(rows) == Counter({status: len(rows)}),
        timeout=timeout,
        what=lambda: f"every row to be {status!r} (now {dict(statuses(rows))})",
    )


def assert_each_delivered_once(sink, rows) -> None:
    counts = sink.id_counts()
    expected = {row.message_id for row in rows}
    assert set(counts) == expected
    assert {mid: n for mid, n in counts.items() if n > 1} == {}


def sweep_until_all_sent(rows, *, rounds: int = 4, wait: float = 15) -> int:
    """Run the sweeper as beat would, a grace period apart each time, until every row is sent.

    The worker may still be reconnecting (its back-off grows by 2 s a try), and a publish that
    fails leaves its rows for the next round, as in production. Returns the rounds it took.
    """
    grace = dt.timedelta(seconds=django_settings.NOTIFICATIONS_SWEEP_GRACE_SECONDS + 1)
    now = timezone.now()
    for round_ in range(1, rounds + 1):
        now += grace
        services.messages_sweep(now=now)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if statuses(rows) == Counter({MessageStatus.SENT: len(rows)}):
                return round_
            time.sleep(0.2)
    pytest.fail(f"Rows not sent after {rounds} sweeps: {dict(statuses(rows))}", pytrace=False)


@pytest.mark.redis
def test_fifty_notifications_reach_the_smtp_server_exactly_once_each(
    private_redis, celery_worker_process, smtp_sink
):
    celery_worker_process(concurrency=4)
    rows = write_notifications(make_recipients(50))
    assert len(rows) == 50

    smtp_sink.wait_for(50, timeout=60)
    wait_all(rows, MessageStatus.SENT, timeout=15)
    smtp_sink.wait_quiet(QUIET)

    assert_each_delivered_once(smtp_sink, rows)
    assert set(Message.objects.values_list("attempts", flat=True)) == {1}
    urgent = [m for m in smtp_sink.messages if m["Importance"] == "high"]
    assert len(urgent) == 10  # the third batch of ten went through the urgent queue


@pytest.mark.redis
def test_notify_called_twice_with_one_dedupe_key_sends_one_message(
    private_redis, celery_worker_process, smtp_sink
):
    celery_worker_process()
    (recipient,) = make_recipients(1)
    calls = []
    for _ in range(2):
        with transaction.atomic():
            calls.append(
                services.notify(
                    event=HotlineEvent.ESCALATED,
                    subject="Phản ánh chuyển Ban Chỉ đạo",
                    dedupe_key="duong-day-nong:42",
                    recipients=[recipient],
                )
            )

    assert [len(rows) for rows in calls] == [1, 0]
    smtp_sink.wait_for(1, timeout=30)
    wait_all(calls[0], MessageStatus.SENT, timeout=10)
    smtp_sink.wait_quiet(QUIET)
    assert smtp_sink.message_ids() == [calls[0][0].message_id]


@pytest.mark.redis
def test_rows_written_while_the_smtp_server_is_down_are_delivered_once_it_is_back(
    private_redis, celery_worker_process, smtp_sink
):
    celery_worker_process()
    smtp_sink.stop()
    rows = write_notifications(make_recipients(10))

    # Every row has failed at least once and waits for its retry (1 s, 1 s, 2 s, 2 s apart).
    wait_until(
        lambda: all(
            m.status in (MessageStatus.PENDING, MessageStatus.SENDING) and m.last_error
            for m in Message.objects.all()
        ),
        timeout=20,
        what="every row to fail its first attempt",
    )
    assert smtp_sink.messages == []
    smtp_sink.start()

    smtp_sink.wait_for(10, timeout=30)
    wait_all(rows, MessageStatus.SENT, timeout=15)
    smtp_sink.wait_quiet(QUIET)
    assert_each_delivered_once(smtp_sink, rows)
    assert all(m.attempts >= 2 and m.last_error == "" for m in Message.objects.all())


@pytest.mark.redis
def test_rows_that_outlast_every_attempt_end_failed_and_a_resend_delivers_them_once(
    private_redis, celery_worker_process, smtp_sink
):
    celery_worker_process(NOTIFICATIONS_MAX_ATTEMPTS="3")
    smtp_sink.stop()
    rows = write_notifications(make_recipients(5))

    wait_all(rows, MessageStatus.FAILED, timeout=30)
    failed = list(Message.objects.all())
    assert {m.attempts for m in failed} == {3}
    assert all("Connection refused" in m.last_error for m in failed), failed[0].last_error
    assert smtp_sink.messages == []

    smtp_sink.start()
    assert services.message_resend(message_ids=[m.pk for m in failed]) == 5

    smtp_sink.wait_for(5, timeout=30)
    wait_all(rows, MessageStatus.SENT, timeout=15)
    smtp_sink.wait_quiet(QUIET)
    assert_each_delivered_once(smtp_sink, rows)
    assert {m.attempts for m in Message.objects.all()} == {1}


@pytest.mark.redis
def test_callers_commit_at_once_while_redis_is_down(private_redis, record_property):
    recipients = make_recipients(8)
    private_redis.stop()

    rows, timings = write_while_redis_is_down(recipients, per_call=4)
    record_property("commit_seconds_with_redis_down", [round(t, 2) for t in timings])

    # The callers' work is saved: every row is in the outbox, nothing raised.
    assert statuses(rows) == Counter({MessageStatus.PENDING: 8})
    # A web request must not hang on the broker (settings.py: "fail fast, the sweeper retries").
    assert max(timings) < 5, f"commit took {max(timings):.1f} s with Redis down"


@pytest.mark.redis
def test_rows_written_while_redis_is_down_are_delivered_once_by_the_sweeper_when_it_is_back(
    private_redis, celery_worker_process, smtp_sink, record_property
):
    celery_worker_process()
    recipients = make_recipients(8)
    private_redis.stop()
    rows, _timings = write_while_redis_is_down(recipients, per_call=8)
    assert statuses(rows) == Counter({MessageStatus.PENDING: 8})

    private_redis.start()  # empty: the publishes of the commit above are gone for good
    rounds = sweep_until_all_sent(rows)
    record_property("sweeps_needed", rounds)
    print(f"sweeps needed after Redis came back: {rounds}")
    smtp_sink.wait_quiet(QUIET)
    assert_each_delivered_once(smtp_sink, rows)


@pytest.mark.redis
def test_a_worker_killed_mid_batch_loses_nothing_and_repeats_only_what_it_was_sending(
    private_redis, celery_worker_process, smtp_sink, settings, record_property
):
    # This process sweeps with the worker's lease and grace.
    settings.NOTIFICATIONS_CLAIM_LEASE_SECONDS = int(
        WORKER_ENV["NOTIFICATIONS_CLAIM_LEASE_SECONDS"]
    )
    settings.NOTIFICATIONS_SWEEP_GRACE_SECONDS = int(
        WORKER_ENV["NOTIFICATIONS_SWEEP_GRACE_SECONDS"]
    )
    smtp_sink.delay = 0.2  # two sends in flight at a time, each 0.2 s: the kill lands mid-send
    first = celery_worker_process(concurrency=2)
    rows = write_notifications(make_recipients(40))

    smtp_sink.wait_for(12, timeout=60)
    # Anywhere in the next pair of sends: mid-SMTP, just accepted, or between two rows.
    time.sleep(random.uniform(0, 0.4))
    first.kill()
    at_kill = {
        status: set(ids)
        for status in MessageStatus.values
        if (ids := Message.objects.filter(status=status).values_list("pk", flat=True))
    }
    received_at_kill = len(smtp_sink.messages)
    assert received_at_kill < len(rows), "the worker finished before it was killed"
    sending_at_kill = {Message(pk=pk).message_id for pk in at_kill.get(MessageStatus.SENDING, ())}

    # The dead worker's claims outlive their lease. The worker judges a lease by its own clock,
    # so the claims are moved back by the lease instead of waiting 91 s; the sweeper then runs
    # as beat would, past the grace of the rows the dead worker had fetched but not started.
    lease = dt.timedelta(seconds=settings.NOTIFICATIONS_CLAIM_LEASE_SECONDS + 1)
    Message.objects.filter(status=MessageStatus.SENDING).update(claimed_at=timezone.now() - lease)
    celery_worker_process(concurrency=2)
    sweep_until_all_sent(rows, wait=30)
    smtp_sink.wait_quiet(QUIET)

    counts = smtp_sink.id_counts()
    duplicates = {mid for mid, n in counts.items() if n > 1}
    observed = {
        "rows": len(rows),
        "received_before_kill": received_at_kill,
        "status_at_kill": {status: len(ids) for status, ids in at_kill.items()},
        "duplicates": len(duplicates),
    }
    record_property("worker_kill", observed)
    print(f"worker kill: {observed}")

    assert set(counts) == {row.message_id for row in rows}, "a row was lost"
    assert max(counts.values()) <= 2
    # The one unavoidable window: the SMTP server accepted, the row was not yet marked sent.
    assert duplicates <= sending_at_kill


def test_the_embedded_filesystem_broker_delivers_a_notification(
    embedded_broker, celery_worker_process, smtp_sink
):
    celery_worker_process(concurrency=1)
    recipients = make_recipients(2)
    with transaction.atomic():
        rows = services.notify(
            event=ReportEvent.URGENT,
            subject="Sự cố tại điểm thi C01",
            dedupe_key="su-co:1",
            urgent=True,
            recipients=recipients[:1],
        )
        rows += services.notify(
            event=ReportEvent.SUBMITTED,
            subject="Báo cáo nhanh",
            dedupe_key="bao-cao:1",
            recipients=recipients[1:],
        )

    smtp_sink.wait_for(2, timeout=30)
    wait_all(rows, MessageStatus.SENT, timeout=10)
    smtp_sink.wait_quiet(QUIET)
    assert_each_delivered_once(smtp_sink, rows)
