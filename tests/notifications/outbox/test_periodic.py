"""The beat sweeper and the digests: nothing left behind, nothing sent twice."""

import datetime as dt

from django.core import mail
from django.utils import timezone

from notifications.events import NotificationEvent
from notifications.models import Message, MessageStatus
from notifications.services import digests_build, message_deliver, messages_sweep, notify
from notifications.tasks import build_digests
from reports.events import ReportEvent


def later(seconds: int) -> dt.datetime:
    return timezone.now() + dt.timedelta(seconds=seconds)


def test_rows_whose_enqueue_was_lost_are_enqueued_again_after_the_grace_period(
    standing, filesystem_broker, settings
):
    # notify() outside the test's captured on-commit: the enqueue never happened (broker down).
    rows = notify(event=ReportEvent.URGENT, subject="Sự cố", dedupe_key="k", urgent=True)
    grace = settings.NOTIFICATIONS_SWEEP_GRACE_SECONDS
    assert messages_sweep(now=later(grace - 5)) == 0
    assert messages_sweep(now=later(grace + 1)) == 2
    assert sorted(filesystem_broker.message_ids()) == sorted(m.pk for m in rows)
    assert {queue for _task, queue, _args in filesystem_broker.published()} == {"urgent"}
    # Just enqueued: the next sweep leaves them alone.
    assert messages_sweep(now=later(grace + 2)) == 0


def test_a_row_held_by_a_dead_worker_is_enqueued_again_after_the_lease(
    standing, filesystem_broker, settings
):
    (row, _other) = notify(event=ReportEvent.URGENT, subject="Sự cố", dedupe_key="k")
    Message.objects.exclude(pk=row.pk).update(status=MessageStatus.SENT, sent_at=timezone.now())
    Message.objects.filter(pk=row.pk).update(
        status=MessageStatus.SENDING, claimed_at=timezone.now()
    )
    lease = settings.NOTIFICATIONS_CLAIM_LEASE_SECONDS
    assert messages_sweep(now=later(lease - 1)) == 0
    assert messages_sweep(now=later(lease + 1)) == 1
    assert filesystem_broker.message_ids() == [row.pk]


def test_sent_failed_and_digest_rows_are_not_swept(standing, filesystem_broker):
    notify(event=ReportEvent.SUBMITTED, subject="Báo cáo", dedupe_key="digest-only")
    (a, b) = notify(event=ReportEvent.URGENT, subject="Sự cố", dedupe_key="k")
    Message.objects.filter(pk=a.pk).update(status=MessageStatus.SENT, sent_at=timezone.now())
    Message.objects.filter(pk=b.pk).update(status=MessageStatus.FAILED)
    assert messages_sweep(now=later(3600)) == 0
    assert filesystem_broker.published() == []


def test_waiting_rows_become_one_digest_per_reader_and_are_sent_once(
    standing, filesystem_broker, django_capture_on_commit_callbacks
):
    for n in range(3):
        notify(
            event=ReportEvent.SUBMITTED,
            subject=f"Điểm thi C0{n + 1} đã gửi báo cáo nhanh",
            dedupe_key=f"bc:{n}",
            context={"paragraphs": [f"Có mặt {500 - n} thí sinh."], "url": f"/ban-chi-dao/{n}/"},
        )
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_build() == 2
        assert build_digests.apply().get() == 0  # a second run finds nothing left to bundle
    digests = Message.objects.filter(event=NotificationEvent.DIGEST)
    assert digests.count() == 2
    assert sorted(filesystem_broker.message_ids()) == sorted(d.pk for d in digests)
    for digest in digests:
        assert digest.bundled.count() == 3
        message_deliver(message_id=digest.pk)
        message_deliver(message_id=digest.pk)
    assert len(mail.outbox) == 2
    body = mail.outbox[0].body
    assert "Bản tin tổng hợp gồm 3 thông báo" in body
    assert "Điểm thi C03 đã gửi báo cáo nhanh" in body and "Có mặt 498 thí sinh." in body
    assert not Message.objects.exclude(status=MessageStatus.SENT).exists()


def test_rows_arriving_after_a_digest_wait_for_the_next_one(standing):
    notify(event=ReportEvent.SUBMITTED, subject="Báo cáo 1", dedupe_key="a")
    assert digests_build() == 2
    notify(event=ReportEvent.SUBMITTED, subject="Báo cáo 2", dedupe_key="b")
    assert digests_build() == 2
    for digest in Message.objects.filter(event=NotificationEvent.DIGEST):
        assert digest.bundled.count() == 1
