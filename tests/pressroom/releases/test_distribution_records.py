"""The press room keeps its own record of whom it sent a release to; the notifications outbox only
sends, and press contacts are not copied into its recipients."""

from notifications.models import Message, Recipient, RecipientRole
from notifications.services import render_message
from pressroom import tasks
from pressroom.models import ReleaseDistribution
from pressroom.services.contacts import contact_save
from pressroom.services.releases import delivery_log, release_distribute


def records(release) -> list[tuple]:
    return list(
        ReleaseDistribution.objects.filter(release=release)
        .order_by("email")
        .values_list("contact__name", "name", "organisation", "email", "dedupe_key")
    )


def test_each_contact_is_recorded_once_however_often_the_task_runs(make_release):
    release = make_release()
    for _ in range(2):
        tasks.distribute_due()
        release_distribute(release_id=release.pk, resend=True)

    key = f"press-release:{release.pk}"
    assert records(release) == [
        ("Phóng viên A", "Phóng viên A", "Báo Mẫu Cà Mau", "pv.a@example.org", key),
        ("Phóng viên B", "Phóng viên B", "Báo Mẫu Trung ương", "pv.b@example.org", key),
    ]
    assert Message.objects.filter(dedupe_key=key).count() == 2


def test_saving_a_contact_writes_nothing_into_notifications(press):
    assert not Recipient.objects.exists()
    contact = press["people"]["a"]
    contact.name = "Phóng viên A (đổi tên)"
    contact_save(contact=contact)
    assert not Recipient.objects.exists()


def test_the_email_greets_the_contact_as_the_office_named_them_when_it_was_written(
    make_release, press
):
    contact = press["people"]["a"]
    contact.name = "Nguyễn Văn A"
    contact_save(contact=contact)
    release = make_release()
    tasks.distribute_due()

    message = Message.objects.get(recipient__email="pv.a@example.org")
    assert "Kính gửi Nguyễn Văn A (Báo Mẫu Cà Mau)," in render_message(message).body
    assert message.recipient.role == RecipientRole.PRESS
    assert ReleaseDistribution.objects.get(release=release, contact=contact).name == "Nguyễn Văn A"


def test_an_address_switched_off_in_the_recipients_list_gets_nothing_and_no_record(make_release):
    release = make_release()
    tasks.distribute_due()
    Recipient.objects.filter(email="pv.b@example.org").update(is_active=False)
    ReleaseDistribution.objects.filter(email="pv.b@example.org").delete()
    Message.objects.filter(recipient__email="pv.b@example.org").delete()

    assert release_distribute(release_id=release.pk, resend=True) == 0
    assert [r[3] for r in records(release)] == ["pv.a@example.org"]


def test_the_delivery_log_reads_the_record_with_the_outboxs_state(make_release):
    release = make_release()
    tasks.distribute_due()
    Message.objects.filter(recipient__email="pv.a@example.org").update(
        status="da-gui", sent_at=release.publish_at
    )

    log = delivery_log(release)

    assert [(d.organisation, d.email, d.delivery.label) for d in log] == [
        ("Báo Mẫu Cà Mau", "pv.a@example.org", "Đã gửi"),
        ("Báo Mẫu Trung ương", "pv.b@example.org", "Chờ gửi"),
    ]
    assert log[0].delivery.sent_at == release.publish_at
