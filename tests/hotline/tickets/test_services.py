"""What the hotline's services guarantee, whatever channel calls them."""

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from hotline.events import HotlineEvent
from hotline.models import (
    Category,
    Channel,
    EntryKind,
    Priority,
    Ticket,
    TicketSequence,
    TicketStatus,
)
from hotline.services import (
    add_working_days,
    next_code,
    qa_from_ticket,
    ticket_add_submitter_message,
    ticket_close,
    ticket_escalate,
    ticket_lookup,
    ticket_merge,
    ticket_note,
    ticket_reply,
)
from notifications.models import Delivery, Message, RecipientRole
from tests import factories

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN)


# --- codes ---------------------------------------------------------------------------------------


def test_codes_follow_the_pattern_and_count_up_per_year(submit):
    with time_machine.travel(at(2020, 7, 20, 9), tick=False):
        first, second = submit(), submit()
    with time_machine.travel(at(2021, 1, 2, 9), tick=False):
        next_year = submit()
    assert (first.code, second.code) == ("HL-2020-000001", "HL-2020-000002")
    assert next_year.code == "HL-2021-000001"
    assert re.fullmatch(r"HL-\d{4}-\d{6}", first.code)


def test_a_code_is_never_given_again_even_after_a_rolled_back_submission(submit):
    with time_machine.travel(at(2020, 7, 20, 9), tick=False):
        first = submit()
        with pytest.raises(ValidationError):
            submit(subject="   ")  # refused before any number is taken
        Ticket.objects.filter(pk=first.pk).delete()  # even a removed ticket keeps its number
        again = submit()
    assert again.code == "HL-2020-000002"
    assert TicketSequence.objects.get(year=2020).last_number == 2


def test_next_code_creates_the_years_counter_on_first_use(db):
    assert next_code(year=2030) == "HL-2030-000001"
    assert next_code(year=2030) == "HL-2030-000002"


# --- due dates and priority ----------------------------------------------------------------------


def test_a_question_is_due_in_fifteen_working_days_skipping_weekends(submit):
    # Monday 20/7/2020 9:00 → 15 working days later: Monday 10/8/2020 9:00.
    with time_machine.travel(at(2020, 7, 20, 9), tick=False):
        ticket = submit()
    assert ticket.due_at == at(2020, 8, 10, 9)
    assert ticket.priority == Priority.NORMAL


def test_fixed_public_holidays_and_configured_days_off_are_not_working_days(settings):
    # Thursday 27/8/2020 + 5 working days: 28/8, 31/8, 1/9 (day off set below), 2/9 (National
    # Day) skipped → 28, 31, 3, 4, 7 September.
    settings.HOTLINE_HOLIDAYS = [dt.date(2020, 9, 1)]
    assert add_working_days(at(2020, 8, 27, 14, 30), 5) == at(2020, 9, 7, 14, 30)


def test_a_report_of_cheating_during_a_session_is_due_in_hours_and_urgent(submit, settings):
    settings.HOTLINE_URGENT_DUE_HOURS = 2
    session = factories.SessionFactory(date=dt.date(2020, 8, 9))  # 7:35, 120 minutes
    with time_machine.travel(at(2020, 8, 9, 8, 10), tick=False):
        ticket = submit(category=Category.VIOLATION, subject="Thí sinh dùng điện thoại")
    assert ticket.due_at == at(2020, 8, 9, 10, 10)
    assert ticket.priority == Priority.URGENT
    assert ticket.session == session  # the session under way is recorded


def test_a_report_outside_any_session_is_due_within_a_day_with_high_priority(submit, settings):
    settings.HOTLINE_REPORT_DUE_HOURS = 24
    factories.SessionFactory(date=dt.date(2020, 8, 9))
    with time_machine.travel(at(2020, 8, 9, 19, 0), tick=False):
        ticket = submit(category=Category.INCIDENT, subject="Mất điện tại điểm thi")
    assert ticket.due_at == at(2020, 8, 10, 19, 0)
    assert ticket.priority == Priority.HIGH
    assert ticket.session is None


def test_overdue_lists_open_tickets_past_their_due_date_only(submit):
    with time_machine.travel(at(2020, 7, 1, 9), tick=False):
        late, answered = submit(), submit()
        ticket_reply(ticket=answered, body="Đã trả lời.", user=None)
    with time_machine.travel(at(2020, 8, 1, 9), tick=False):
        fresh = submit()
        overdue = set(Ticket.objects.overdue())
    assert overdue == {late}
    assert fresh not in overdue


# --- who is told, and once -----------------------------------------------------------------------


def _rows(event):
    return sorted(
        Message.objects.filter(event=event).values_list("recipient__email", "delivery", "urgent")
    )


def test_an_urgent_report_tells_standing_members_and_subscribers_at_once(
    submit, standing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        submit(category=Category.VIOLATION, subject="Nghi lộ đề môn Toán")
    assert _rows(HotlineEvent.URGENT) == [
        ("giam-doc-so@example.org", Delivery.IMMEDIATE, True),
        ("pho-truong-ban-tt@example.org", Delivery.IMMEDIATE, True),
        ("thanhvien@example.org", Delivery.IMMEDIATE, True),
    ]


def test_an_ordinary_question_goes_into_the_standing_members_digest(submit, standing):
    submit()
    assert _rows(HotlineEvent.QUESTION) == [
        ("giam-doc-so@example.org", Delivery.DIGEST, False),
        ("pho-truong-ban-tt@example.org", Delivery.DIGEST, False),
        # A subscriber who asked for questions at once gets them at once.
        ("thanhvien@example.org", Delivery.IMMEDIATE, False),
    ]


def test_escalating_twice_sends_once(submit, standing):
    ticket = submit()
    assert ticket_escalate(ticket=ticket, user=None, note="Cần Ban Chỉ đạo cho ý kiến") is True
    assert ticket_escalate(ticket=ticket, user=None) is False
    rows = Message.objects.filter(event=HotlineEvent.ESCALATED)
    assert sorted(rows.values_list("recipient__email", flat=True)) == [
        "giam-doc-so@example.org",
        "pho-truong-ban-tt@example.org",
    ]
    assert all(row.urgent for row in rows)
    assert "Cần Ban Chỉ đạo cho ý kiến" in str(rows[0].context)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.ESCALATED and ticket.escalated_at is not None


def test_the_submitter_with_an_address_gets_one_acknowledgement_with_code_and_link(submit):
    ticket = submit(email="PhuHuynh@Example.org", name="Phụ huynh Mẫu")
    rows = Message.objects.filter(event=HotlineEvent.ACK)
    assert rows.count() == 1
    ack = rows.get()
    assert ack.recipient.email == "phuhuynh@example.org"
    assert ack.recipient.role == RecipientRole.PUBLIC
    assert ack.context["code"] == ticket.code
    assert ack.context["url"] == ticket.get_follow_up_url()
    assert ticket.token in ack.context["url"]


def test_an_anonymous_report_is_accepted_and_nobody_is_acknowledged(submit):
    ticket = submit(category=Category.VIOLATION, subject="Phản ánh giấu tên")
    assert ticket.is_anonymous
    assert not Message.objects.filter(event=HotlineEvent.ACK).exists()


def test_a_rolled_back_submission_tells_nobody(submit, standing, settings):
    settings.HOTLINE_MAX_ATTACHMENTS = 0
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError):
        submit(files=[SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")])
    assert Ticket.objects.count() == 0
    assert Message.objects.count() == 0


# --- replies, notes, merge -----------------------------------------------------------------------


def test_a_public_reply_answers_the_ticket_and_mails_the_submitter(submit):
    ticket = submit(email="ph@example.org")
    entry = ticket_reply(ticket=ticket, body="Thí sinh có mặt lúc 7 giờ.", user=None)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.ANSWERED and ticket.answered_at == entry.created_at
    reply = Message.objects.get(event=HotlineEvent.REPLY)
    assert reply.recipient.email == "ph@example.org"
    assert "Thí sinh có mặt lúc 7 giờ." in reply.context["paragraphs"]


def test_internal_notes_are_not_public_replies_and_mail_nobody(submit):
    ticket = submit(email="ph@example.org")
    ticket_note(ticket=ticket, body="Đã gọi lại cho phụ huynh.", user=None)
    assert list(ticket.entries.values_list("kind", flat=True)) == [EntryKind.INTERNAL_NOTE]
    assert not Message.objects.filter(event=HotlineEvent.REPLY).exists()


def test_merged_duplicates_are_closed_and_their_submitters_get_the_shared_reply(submit):
    main = submit(email="a@example.org")
    copy = submit(email="b@example.org")
    anonymous_copy = submit()
    ticket_merge(duplicate=copy, into=main, user=None)
    ticket_merge(duplicate=anonymous_copy, into=copy, user=None)  # follows to the main ticket
    copy.refresh_from_db()
    anonymous_copy.refresh_from_db()
    assert copy.status == TicketStatus.CLOSED and copy.merged_into == main
    assert anonymous_copy.merged_into == main

    ticket_reply(ticket=main, body="Trả lời chung.", user=None)
    assert sorted(
        Message.objects.filter(event=HotlineEvent.REPLY).values_list("recipient__email", flat=True)
    ) == ["a@example.org", "b@example.org"]


def test_a_ticket_cannot_be_merged_into_itself(submit):
    ticket = submit()
    with pytest.raises(ValidationError):
        ticket_merge(duplicate=ticket, into=ticket, user=None)


def test_more_from_the_submitter_reopens_an_answered_ticket(submit):
    ticket = submit(email="ph@example.org")
    ticket_reply(ticket=ticket, body="Đã trả lời.", user=None)
    ticket_add_submitter_message(ticket=ticket, body="Cho hỏi thêm về giấy tờ.")
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.IN_PROGRESS
    assert ticket.entries.filter(kind=EntryKind.SUBMITTER).count() == 1


def test_closing_records_who_and_when(submit, personas):
    ticket = submit()
    ticket_close(ticket=ticket, user=personas["office"], note="Trùng nội dung đã trả lời.")
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CLOSED and ticket.closed_at
    assert ticket.history.first().history_user == personas["office"]


# --- the follow-up token and the Q&A -------------------------------------------------------------


def test_lookup_needs_both_the_code_and_the_token(submit):
    ticket, other = submit(), submit()
    assert ticket_lookup(code=ticket.code, token=ticket.token) == ticket
    assert ticket_lookup(code=ticket.code.lower(), token=ticket.token) == ticket
    assert ticket_lookup(code=ticket.code, token="") is None
    assert ticket_lookup(code=ticket.code, token=other.token) is None
    assert ticket_lookup(code="HL-2099-000001", token=ticket.token) is None


def test_tokens_are_long_random_and_distinct(submit):
    tokens = {submit().token for _ in range(5)}
    assert len(tokens) == 5 and all(len(t) >= 32 for t in tokens)


def test_a_qa_entry_needs_an_answered_ticket_and_starts_unpublished(submit):
    ticket = submit()
    with pytest.raises(ValidationError):
        qa_from_ticket(ticket=ticket, user=None)
    ticket_reply(ticket=ticket, body="Có mặt lúc 7 giờ <b>sáng</b>.", user=None)
    entry = qa_from_ticket(ticket=ticket, user=None)
    assert entry.is_published is False and entry.source_ticket == ticket
    assert entry.question_title == ticket.subject
    assert "&lt;b&gt;sáng&lt;/b&gt;" in entry.answer  # the reply was text, not HTML


def test_the_channel_is_recorded(submit):
    assert submit(channel=Channel.PHONE).get_channel_display() == "Điện thoại (cán bộ ghi nhận)"
