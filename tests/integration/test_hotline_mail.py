"""A hotline report reaches people through the real worker and a real SMTP server, once each.

An urgent report mails the standing members at once and the submitter an acknowledgement with
the code and the follow-up link; escalating it twice mails each standing member once; a public
reply reaches the submitter with Reply-To set to the hotline's mailbox.
"""

from __future__ import annotations

import pytest

from hotline.models import Category, Channel
from hotline.services import ticket_escalate, ticket_reply, ticket_submit
from notifications.models import Recipient, RecipientRole

pytestmark = pytest.mark.django_db(transaction=True)

QUIET = 1.5


def body_text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def standing(transactional_db):
    return [
        Recipient.objects.create(
            name=f"Thường trực {n}",
            email=f"thuongtruc-{n}@example.org",
            role=RecipientRole.STANDING_DEPUTY,
            is_standing=True,
        )
        for n in (1, 2)
    ]


def test_an_urgent_report_and_its_escalation_reach_each_person_once(
    embedded_broker, celery_worker_process, smtp_sink, standing, settings
):
    settings.HOTLINE_EMAIL = "duongdaynong@example.org"
    celery_worker_process()

    ticket = ticket_submit(
        channel=Channel.WEB,
        category=Category.VIOLATION,
        subject="Nghi có thí sinh mang điện thoại vào phòng thi",
        message="Phòng thi số 7, điểm thi C15, buổi sáng.",
        email="phuhuynh@example.org",
        name="Phụ huynh Mẫu",
    )
    smtp_sink.wait_for(3, timeout=60)  # two standing members + the acknowledgement
    ticket_escalate(ticket=ticket, user=None, note="Đề nghị xác minh ngay.")
    ticket_escalate(ticket=ticket, user=None)
    ticket_reply(ticket=ticket, body="Đã xác minh: không có vi phạm.", user=None)
    smtp_sink.wait_for(6, timeout=60)  # + two escalations + the reply
    messages = smtp_sink.wait_quiet(QUIET)

    by_to: dict[str, list[str]] = {}
    for message in messages:
        subject = str(message["Subject"]).strip()
        by_to.setdefault(message["To"].addresses[0].addr_spec, []).append(subject)
    assert sorted(by_to) == [
        "phuhuynh@example.org",
        "thuongtruc-1@example.org",
        "thuongtruc-2@example.org",
    ]
    for member in ("thuongtruc-1@example.org", "thuongtruc-2@example.org"):
        subjects = by_to[member]
        assert len(subjects) == 2
        assert all(s.startswith("[KHẨN]") for s in subjects), subjects
        assert sum("Chuyển Ban Chỉ đạo" in s for s in subjects) == 1

    to_parent = [m for m in messages if m["To"].addresses[0].addr_spec == "phuhuynh@example.org"]
    ack, reply = sorted(to_parent, key=lambda m: "Trả lời" in str(m["Subject"]))
    assert ticket.code in str(ack["Subject"])
    assert ticket.get_follow_up_url() in body_text(ack)
    assert str(ack["Reply-To"]) == "duongdaynong@example.org"
    assert "Đã xác minh: không có vi phạm." in body_text(reply)
