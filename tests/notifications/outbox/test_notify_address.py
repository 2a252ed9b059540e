"""notify_address(): one message to an address the caller names, once per key and address; the
caller keeps its own record, and reads how delivery went through delivery_states()."""

from django.utils import timezone

from notifications.models import Message, MessageStatus, Recipient, RecipientRole
from notifications.selectors import delivery_states
from notifications.services import notify_address, render_message
from pressroom.events import PressEvent


def send(email="PV.A@example.org", name="Phóng viên A", key="k", **extra):
    return notify_address(
        event=PressEvent.RELEASE,
        subject="Thông cáo báo chí",
        dedupe_key=key,
        email=email,
        name=name,
        organisation="Báo Mẫu",
        role=RecipientRole.PRESS,
        template="pressroom/emails/release",
        context={"paragraphs": ["Nội dung."], "facts": [], "url": "/bao-chi/"},
        **extra,
    )


def test_an_address_gets_a_key_once_whatever_its_case_or_row(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        first = send()
        assert send(email="pv.a@example.org") is None
        # The same address as a member of the public would be another row: still refused.
        public = notify_address(
            event=PressEvent.RELEASE, subject="x", dedupe_key="k", email="pv.a@example.org"
        )
        assert public is None
    assert first.recipient.role == RecipientRole.PRESS
    assert Message.objects.count() == 1
    assert len(callbacks) == 1  # enqueued after commit
    assert send(key="k2").recipient == first.recipient  # one row per address and role


def test_the_message_greets_the_name_given_when_it_was_written(db):
    message = send(name="Nguyễn Văn A")
    send(name="Tên mới", key="k2")
    assert "Kính gửi Nguyễn Văn A (Báo Mẫu)," in render_message(message).body
    assert render_message(message).to == ["Nguyễn Văn A <PV.A@example.org>"]


def test_an_address_switched_off_by_the_office_gets_nothing(db):
    send()
    Recipient.objects.update(is_active=False)
    assert send(key="k2") is None
    assert Message.objects.count() == 1


def test_delivery_states_report_each_message_by_key_and_address(db):
    row = send()
    sent_at = timezone.now()
    Message.objects.filter(pk=row.pk).update(status=MessageStatus.SENT, sent_at=sent_at)
    send(email="pv.b@example.org", key="k2")

    states = delivery_states(dedupe_keys=["k", "k2", "khong-co"])

    assert set(states) == {("k", "pv.a@example.org"), ("k2", "pv.b@example.org")}
    assert (states["k", "pv.a@example.org"].label, states["k", "pv.a@example.org"].sent_at) == (
        "Đã gửi",
        sent_at,
    )
    assert states["k2", "pv.b@example.org"].label == "Chờ gửi"
    assert delivery_states(dedupe_keys=[]) == {}
