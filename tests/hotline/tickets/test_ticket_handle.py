"""One save of a ticket by staff (`ticket_handle`): every step in order, in one transaction."""

import pytest
from django.core.exceptions import ValidationError

from hotline.events import HotlineEvent
from hotline.models import EntryKind, Priority, Ticket, TicketStatus
from hotline.services import ticket_escalate, ticket_handle, ticket_merge
from notifications.models import Message


def test_a_reply_and_closing_in_one_save_answer_then_close_the_ticket(submit, personas):
    ticket = submit(email="ph@example.org")

    handled = ticket_handle(
        ticket=ticket, user=personas["office"], reply="Thí sinh có mặt lúc 7 giờ.", close=True
    )

    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CLOSED and ticket.closed_at
    assert ticket.answered_at == handled.reply.created_at
    assert list(ticket.entries.values_list("kind", flat=True)) == [EntryKind.PUBLIC_REPLY]
    assert Message.objects.filter(event=HotlineEvent.REPLY).count() == 1
    assert handled.escalated is None and handled.merged_into is None


def test_a_refused_later_step_keeps_nothing_of_the_earlier_ones(submit, personas, standing):
    main, ticket, copy = submit(), submit(email="ph@example.org"), submit()
    ticket_merge(duplicate=copy, into=ticket, user=None)  # `ticket` can no longer be merged
    ticket.refresh_from_db()
    before = {
        "history": ticket.history.count(),
        "entries": list(ticket.entries.all()),
        "messages": Message.objects.count(),
        "priority": ticket.priority,
    }
    ticket.priority = Priority.URGENT if ticket.priority != Priority.URGENT else Priority.NORMAL
    ticket.handling_unit = "Phòng Khảo thí"

    with pytest.raises(ValidationError, match="đã có phản ánh khác gộp vào"):
        ticket_handle(
            ticket=ticket,
            user=personas["office"],
            changed=["priority", "handling_unit"],
            note="Đề nghị Ban Chỉ đạo cho ý kiến.",
            reply="Đã tiếp nhận.",
            escalate=True,
            merge_into=main,
        )

    stored = Ticket.objects.get(pk=ticket.pk)
    assert stored.priority == before["priority"] and stored.handling_unit == ""
    assert stored.status == TicketStatus.NEW and stored.escalated_at is None
    assert stored.answered_at is None and stored.merged_into is None
    assert stored.history.count() == before["history"]
    assert list(stored.entries.all()) == before["entries"]
    assert Message.objects.count() == before["messages"]  # nobody is told anything


def test_classification_and_assignment_are_saved_with_the_tickets_history(submit, personas):
    ticket = submit()
    office = personas["office"]
    ticket.priority = Priority.URGENT
    ticket.assignee = office

    ticket_handle(ticket=ticket, user=office, changed=["priority", "assignee"])

    ticket.refresh_from_db()
    assert ticket.priority == Priority.URGENT and ticket.assignee == office
    assert ticket.status == TicketStatus.IN_PROGRESS
    reasons = list(ticket.history.values_list("history_change_reason", flat=True)[:2])
    assert reasons == ["Phân công xử lý", "Sửa mức độ"]


def test_a_note_sent_with_an_escalation_made_before_is_kept_and_tells_nobody_again(
    submit, personas, standing
):
    ticket = submit()
    ticket_escalate(ticket=ticket, user=None)
    sent = Message.objects.filter(event=HotlineEvent.ESCALATED).count()

    handled = ticket_handle(
        ticket=ticket, user=personas["office"], note="Ban Chỉ đạo đã cho ý kiến.", escalate=True
    )

    assert handled.escalated is False
    assert Message.objects.filter(event=HotlineEvent.ESCALATED).count() == sent
    note = ticket.entries.get()
    assert note.kind == EntryKind.INTERNAL_NOTE and note.body == "Ban Chỉ đạo đã cho ý kiến."


def test_only_the_fields_staff_classify_and_assign_may_be_named(submit):
    with pytest.raises(ValueError, match="status"):
        ticket_handle(ticket=submit(), user=None, changed=["status"])
