"""Office staff handle the hotline in admin: log calls, reply, note, escalate, merge, filter."""

import datetime as dt

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.utils import timezone

from hotline.events import HotlineEvent
from hotline.models import (
    Category,
    Channel,
    EntryKind,
    HotlineLine,
    QAEntry,
    Ticket,
    TicketStatus,
)
from hotline.services import ticket_merge, ticket_reply
from notifications.models import Message

CHANGE = "/admin/hotline/ticket/{}/change/"


def handle(client, ticket, **data):
    """Post the change form as a browser would: the current classification plus `data`."""
    form = {
        "category": ticket.category,
        "priority": ticket.priority,
        "site": ticket.site_id or "",
        "session": ticket.session_id or "",
        "assignee": ticket.assignee_id or "",
        "handling_unit": ticket.handling_unit,
        "due_at_0": timezone.localtime(ticket.due_at).strftime("%d/%m/%Y"),
        "due_at_1": timezone.localtime(ticket.due_at).strftime("%H:%M:%S"),
        **{f"{prefix}-{key}": value for prefix in ("entries", "attachments")
           for key, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))},
        "_save": "Lưu",
    }  # fmt: skip
    form.update(data)
    return client.post(CHANGE.format(ticket.pk), form)


@pytest.fixture
def office(client, personas):
    client.force_login(personas["office"])
    return personas["office"]


def test_office_logs_a_phone_call_as_a_ticket_with_a_code(client, office, exam, site_a):
    response = client.post(
        "/admin/hotline/ticket/add/",
        {
            "channel": Channel.PHONE,
            "category": Category.INCIDENT,
            "priority": "",
            "site": site_a.pk,
            "session": "",
            "subject": "Mất điện tại điểm thi",
            "message": "Người gọi báo mất điện phòng thi số 5.",
            "name": "",
            "phone": "",
            "email": "",
            "_save": "Lưu",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    ticket = Ticket.objects.get()
    assert ticket.code.startswith("HL-") and ticket.channel == Channel.PHONE
    assert ticket.created_by == office and ticket.site == site_a
    # Left to "automatic", an incident reported outside a session is high priority.
    assert ticket.priority == "cao"


def test_a_public_reply_from_the_change_form_is_saved_and_mailed(client, office, submit):
    ticket = submit(email="ph@example.org")
    response = handle(client, ticket, public_reply="Thí sinh có mặt lúc 7 giờ.")
    assert response.status_code == 302, response.content.decode()[:3000]
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.ANSWERED
    assert ticket.entries.get().kind == EntryKind.PUBLIC_REPLY
    assert Message.objects.filter(event=HotlineEvent.REPLY).count() == 1


def test_an_internal_note_is_kept_and_mailed_to_nobody(client, office, submit):
    ticket = submit(email="ph@example.org")
    handle(client, ticket, internal_note="Đã gọi lại, chờ Phòng Khảo thí trả lời.")
    assert ticket.entries.get().kind == EntryKind.INTERNAL_NOTE
    assert not Message.objects.filter(event=HotlineEvent.REPLY).exists()


def test_a_reply_and_closing_in_one_save_are_both_kept_and_said(client, office, submit):
    ticket = submit(email="ph@example.org")
    response = handle(client, ticket, public_reply="Thí sinh có mặt lúc 7 giờ.", close="on")
    assert response.status_code == 302, response.content.decode()[:3000]
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CLOSED and ticket.answered_at
    assert Message.objects.filter(event=HotlineEvent.REPLY).count() == 1
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Đã lưu câu trả lời và gửi thư cho người gửi (nếu có)." in said


def test_merging_a_ticket_others_were_merged_into_is_refused_and_nothing_is_kept(
    client, office, submit
):
    main, ticket, copy = submit(), submit(email="ph@example.org"), submit()
    ticket_merge(duplicate=copy, into=ticket, user=None)
    ticket.refresh_from_db()
    response = handle(client, ticket, public_reply="Đã tiếp nhận.", merge_into=main.code)
    assert response.status_code == 200
    assert "đã có phản ánh khác gộp vào; hãy gộp theo chiều ngược lại." in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.merged_into is None and ticket.answered_at is None
    assert not Message.objects.filter(event=HotlineEvent.REPLY).exists()
    assert not [str(m) for m in get_messages(response.wsgi_request)]


def test_escalating_from_the_form_twice_notifies_once(client, office, submit, standing):
    ticket = submit()
    handle(client, ticket, escalate="on", internal_note="Đề nghị Ban Chỉ đạo chỉ đạo.")
    ticket.refresh_from_db()
    handle(client, ticket, escalate="on")
    assert Message.objects.filter(event=HotlineEvent.ESCALATED).count() == 2  # two standing
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.ESCALATED


def test_the_escalate_action_skips_tickets_already_escalated(client, office, submit, standing):
    first, second = submit(), submit()
    for _ in range(2):
        client.post(
            "/admin/hotline/ticket/",
            {"action": "escalate_selected", "_selected_action": [first.pk, second.pk]},
        )
    assert Message.objects.filter(event=HotlineEvent.ESCALATED).count() == 4


def test_merging_by_code_closes_the_duplicate(client, office, submit):
    main, copy = submit(), submit()
    handle(client, copy, merge_into=main.code.lower())
    copy.refresh_from_db()
    assert copy.merged_into == main and copy.status == TicketStatus.CLOSED


def test_merging_into_an_unknown_code_is_refused_in_vietnamese(client, office, submit):
    ticket = submit()
    response = handle(client, ticket, merge_into="HL-2099-999999")
    assert response.status_code == 200
    assert "Không có phản ánh mã HL-2099-999999." in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.merged_into is None


def test_the_merge_action_keeps_the_earliest_ticket(client, office, submit):
    with time_machine.travel(dt.datetime(2020, 7, 20, 2, tzinfo=dt.UTC), tick=False):
        first = submit()
    second, third = submit(), submit()
    client.post(
        "/admin/hotline/ticket/",
        {"action": "merge_selected", "_selected_action": [third.pk, first.pk, second.pk]},
    )
    assert set(Ticket.objects.filter(merged_into=first)) == {second, third}


def test_the_overdue_filter_lists_only_open_tickets_past_due(client, office, submit):
    with time_machine.travel(dt.datetime(2020, 6, 1, 2, tzinfo=dt.UTC), tick=False):
        late = submit(subject="Câu hỏi quá hạn")
        done = submit(subject="Câu hỏi đã trả lời")
        ticket_reply(ticket=done, body="Đã trả lời.", user=None)
    submit(subject="Câu hỏi còn hạn")
    page = client.get("/admin/hotline/ticket/?qua_han=co").content.decode()
    assert late.code in page
    assert "Câu hỏi đã trả lời" not in page and "Câu hỏi còn hạn" not in page


def test_an_answered_ticket_becomes_a_draft_qa_entry_to_edit(client, office, submit):
    ticket = submit(name="Nguyễn Văn Riêng", email="ph@example.org")
    ticket_reply(ticket=ticket, body="Trả lời chung.", user=None)
    response = client.post(
        "/admin/hotline/ticket/", {"action": "make_qa_entry", "_selected_action": [ticket.pk]}
    )
    entry = QAEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/hotline/qaentry/{entry.pk}/change/"
    assert entry.is_published is False
    assert "Nguyễn Văn Riêng" not in entry.question + entry.question_title


@pytest.mark.parametrize(
    ("persona", "list_status", "add_status"),
    [
        ("office", 200, 200),
        ("testing", 200, 403),
        ("steering", 302, 302),  # not staff: sent to the login page
        ("site_a", 302, 302),
    ],
)
def test_who_may_open_the_tickets_in_admin(client, personas, persona, list_status, add_status):
    client.force_login(personas[persona])
    assert client.get("/admin/hotline/ticket/").status_code == list_status
    assert client.get("/admin/hotline/ticket/add/").status_code == add_status


def test_a_hotline_line_needs_a_phone_or_an_email(client, office):
    response = client.post(
        "/admin/hotline/hotlineline/add/",
        {"kind": "duong-day-nong", "name": "Đường dây nóng", "phone": "", "email": "",
         "order": 0, "is_published": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Cần có số điện thoại hoặc địa chỉ thư điện tử." in response.content.decode()
    assert not HotlineLine.objects.exists()
