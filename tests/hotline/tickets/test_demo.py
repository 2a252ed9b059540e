import re

from hotline.models import Channel, HotlineLine, QAEntry, Ticket, TicketStatus
from notifications.models import Message


def test_the_demo_has_tickets_in_every_status_and_channel_and_emails_nobody(seeded):
    assert set(Ticket.objects.values_list("status", flat=True)) == set(TicketStatus.values)
    assert set(Ticket.objects.values_list("channel", flat=True)) == set(Channel.values)
    assert not Message.objects.exists()


def test_demo_contacts_are_fictional_and_an_expired_line_is_not_published(seeded):
    for line in HotlineLine.objects.all():
        assert not line.email or line.email.endswith("@example.org")
        assert line.phone.startswith("0123 456 ")
    active = HotlineLine.objects.active()
    assert active.count() == 3
    assert not active.filter(name__contains="đã hết hạn").exists()


def test_demo_qa_entries_cover_several_topics(seeded):
    published = QAEntry.objects.published()
    assert published.count() >= 5
    assert published.values("topic").distinct().count() >= 4


def test_seed_demo_prints_a_follow_up_link_that_matches_a_ticket(seeded):
    match = re.search(r"\?ma=(HL-\d{4}-\d{6})&khoa=(\S+)", seeded)
    assert match
    ticket = Ticket.objects.get(code=match[1])
    assert ticket.token == match[2] and ticket.entries.exists()
