from notifications.models import Message, Recipient, RecipientRole
from pressroom.models import PressBriefing, PressContact, PressRelease, Wave


def test_demo_press_contacts_are_fictional(seeded):
    emails = list(PressContact.objects.values_list("email", flat=True))
    assert emails and all(email.endswith("@example.org") for email in emails)
    # E-mailed at their own address when there is something to send: not copied into
    # notifications' recipients.
    assert not Recipient.objects.filter(role=RecipientRole.PRESS).exists()


def test_the_demo_has_a_release_under_embargo_and_published_ones(seeded):
    under_embargo = [r for r in PressRelease.objects.all() if r.is_under_embargo]
    assert len(under_embargo) == 1
    assert PressRelease.objects.published().count() == 2


def test_the_demo_has_the_plans_two_briefings_with_registrations(seeded):
    briefings = PressBriefing.objects.order_by("starts_at")
    assert [b.wave for b in briefings] == [Wave.BEFORE, Wave.AFTER]
    assert all(b.registrations.count() == 2 for b in briefings)
    assert all("Bà Triệu" in b.location for b in briefings)


def test_loading_the_demo_mails_no_one(seeded):
    assert not Message.objects.exists()
