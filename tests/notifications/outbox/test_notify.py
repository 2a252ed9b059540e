"""notify(): one outbox row per recipient, in the caller's transaction, once per dedupe key."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from notifications.models import Delivery, Message, Recipient, RecipientRole, Subscription
from notifications.services import notify
from reports.events import ReportEvent


def urgent_incident(**extra):
    return notify(
        event=ReportEvent.URGENT,
        subject="Sự cố tại điểm thi C15",
        dedupe_key="su-co:c15:1",
        context={"paragraphs": ["Mất điện phòng thi số 3."], "url": "/ban-chi-dao/"},
        **extra,
    )


def test_one_row_per_active_subscriber(standing, django_capture_on_commit_callbacks):
    Recipient.objects.create(
        name="Đã nghỉ", email="nghi@example.org", role="thanh-vien", is_active=False
    )
    with django_capture_on_commit_callbacks() as callbacks:
        rows = urgent_incident()
    assert {m.recipient for m in rows} == set(standing)
    assert Message.objects.count() == 2
    assert len(callbacks) == 1  # enqueued once, after commit


def test_nothing_is_written_or_enqueued_when_the_caller_rolls_back(
    standing, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        urgent_incident()
        raise RuntimeError("the caller's own write failed")
    assert not Message.objects.exists()
    assert callbacks == []


def test_the_same_dedupe_key_twice_makes_one_message_per_recipient(
    standing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        first = urgent_incident()
        second = urgent_incident()
    assert len(first) == 2 and second == []
    assert Message.objects.count() == 2
    assert len(callbacks) == 1


def test_ordinary_news_follows_each_readers_choice_and_urgent_news_goes_at_once(standing):
    report = notify(
        event=ReportEvent.SUBMITTED,
        subject="Điểm thi C01 đã gửi báo cáo nhanh",
        dedupe_key="bao-cao:1",
    )
    assert {m.delivery for m in report} == {Delivery.DIGEST}
    assert all(m.enqueued_at is None for m in report)
    alarm = notify(
        event=ReportEvent.SUBMITTED,
        subject="Đình chỉ thi tại C01",
        dedupe_key="bao-cao:1:dinh-chi",
        urgent=True,
    )
    assert {m.delivery for m in alarm} == {Delivery.IMMEDIATE}
    assert {m.queue for m in alarm} == {"urgent"}


def test_explicit_users_become_recipients_of_their_own(db):
    user_model = get_user_model()
    site_head = user_model.objects.create_user(
        "diemthi-c15", email="c15@example.org", first_name="Hiển"
    )
    no_email = user_model.objects.create_user("khong-thu")
    rows = notify(
        event=ReportEvent.REMINDER,
        subject="Nhắc gửi báo cáo nhanh",
        dedupe_key="nhac:c15",
        users=[site_head, no_email],
    )
    assert [m.recipient.email for m in rows] == ["c15@example.org"]
    assert Recipient.objects.get(user=site_head).role == RecipientRole.SITE
    again = notify(
        event=ReportEvent.REMINDER, subject="Nhắc lại", dedupe_key="nhac:c15:2", users=[site_head]
    )
    assert Recipient.objects.filter(user=site_head).count() == 1
    assert again[0].recipient == rows[0].recipient


def test_an_unknown_event_is_a_programming_error(db):
    with pytest.raises(ValueError, match="Unknown notification event"):
        notify(event="khong-co", subject="x", dedupe_key="x")


def test_subscribers_who_left_are_not_told(standing):
    standing[0].is_active = False
    standing[0].save()
    rows = urgent_incident()
    assert [m.recipient for m in rows] == [standing[1]]
    Subscription.objects.filter(recipient=standing[1]).delete()
    assert notify(event=ReportEvent.URGENT, subject="y", dedupe_key="k2") == []
