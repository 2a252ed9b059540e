"""The press room's record of a briefing's e-mails: one per address and version, written with the
message; whoever holds a copy is read from it, not from the notifications outbox."""

from notifications.models import Message
from pressroom.models import BriefingInvitation, PressContact
from pressroom.services.briefings import briefing_cancel, briefing_invite, briefing_reschedule
from pressroom.services.contacts import contact_save
from pressroom.services.registrations import briefing_register
from tests.factories import at
from tests.pressroom.briefings.conftest import messages_of


def recorded(briefing) -> list[tuple]:
    return list(
        BriefingInvitation.objects.filter(briefing=briefing)
        .order_by("sequence", "kind", "email")
        .values_list("kind", "sequence", "email", "contact__name", "registration__name")
    )


def later(briefing, office, hour: int) -> int:
    return briefing_reschedule(
        briefing=briefing,
        user=office,
        starts_at=at(2020, 8, 5, hour),
        ends_at=at(2020, 8, 5, hour + 1),
        location=briefing.location,
    )


def test_each_address_is_recorded_once_per_version_however_often_the_office_acts(briefing, office):
    briefing_register(
        briefing=briefing, name="PV Đăng ký", outlet="Đài Mẫu", email="dk@example.org", phone="0"
    )
    for _ in range(2):  # every step twice: the second writes nothing
        briefing_invite(briefing=briefing, user=office)
    for _ in range(2):
        later(briefing, office, 14)
    for _ in range(2):
        briefing_cancel(briefing=briefing, user=office, note="Trùng lịch.")

    assert recorded(briefing) == [
        ("invitation", 0, "dk@example.org", None, "PV Đăng ký"),
        ("invitation", 0, "pv.a@example.org", "Phóng viên A", None),
        ("invitation", 0, "pv.b@example.org", "Phóng viên B", None),
        ("update", 1, "dk@example.org", None, "PV Đăng ký"),
        ("update", 1, "pv.a@example.org", "Phóng viên A", None),
        ("update", 1, "pv.b@example.org", "Phóng viên B", None),
        ("cancellation", 2, "dk@example.org", None, "PV Đăng ký"),
        ("cancellation", 2, "pv.a@example.org", "Phóng viên A", None),
        ("cancellation", 2, "pv.b@example.org", "Phóng viên B", None),
    ]
    # Each record is one message of the outbox, under the same key and to the same address.
    assert sorted(messages_of(briefing).values_list("dedupe_key", "recipient__email")) == sorted(
        BriefingInvitation.objects.values_list("dedupe_key", "email")
    )


def test_the_record_names_the_subject_and_time_the_message_was_written(briefing, office):
    briefing_invite(briefing=briefing, user=office)

    record = BriefingInvitation.objects.get(email="pv.a@example.org")
    message = Message.objects.get(recipient__email="pv.a@example.org")
    assert record.subject == message.subject
    assert record.dedupe_key == f"press-briefing:{briefing.pk}:seq:0"
    assert record.created_at == at(2020, 7, 20, 9)
    assert record.organisation == "Báo Mẫu Cà Mau"


def test_a_holder_whose_address_changed_gets_the_update_at_the_new_one(briefing, office):
    briefing_invite(briefing=briefing, user=office)
    contact = PressContact.objects.get(email="pv.b@example.org")
    contact.email = "pv.b.moi@example.org"
    contact_save(contact=contact)
    briefing.lists.clear()  # B holds a copy; the lists no longer name anyone

    assert later(briefing, office, 14) == 2

    updates = BriefingInvitation.objects.filter(kind="update").values_list("email", flat=True)
    assert sorted(updates) == ["pv.a@example.org", "pv.b.moi@example.org"]


def test_the_holders_are_read_from_the_record_not_from_the_outbox(briefing, office):
    briefing_invite(briefing=briefing, user=office)
    Message.objects.all().delete()  # the outbox's rows are its own business

    assert later(briefing, office, 14) == 2
