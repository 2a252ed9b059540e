"""A ticket from any channel (form, e-mail, phone call logged by staff), its acknowledgement and
who is told of it."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.storage import private_storage
from core.vietnamese import format_datetime
from hotline.events import HotlineEvent
from hotline.models import (
    Category,
    Channel,
    InboundEmail,
    Ticket,
    TicketAttachment,
    TicketEntry,
)
from hotline.services.attachments import inspect_attachments
from hotline.services.codes import SUBMITTER_TEMPLATE, next_code, triage
from notifications.models import Delivery, Recipient
from notifications.services import notify, recipient_for_address

logger = logging.getLogger(__name__)


def ticket_submit(
    *,
    channel: str,
    category: str,
    subject: str,
    message: str,
    name: str = "",
    phone: str = "",
    email: str = "",
    site=None,
    session=None,
    priority: str | None = None,
    files: Sequence[UploadedFile] = (),
    created_by=None,
    source_email: InboundEmail | None = None,
    received_at: dt.datetime | None = None,
    acknowledgement_notes: Sequence[str] = (),
) -> Ticket:
    """Receive a question or report from any channel and make it one ticket.

    Guarantees: the ticket has a new code and a private token; its attachments passed the upload
    checks (nothing is stored when one fails); its due date and priority follow `triage`; the
    standing members of the Steering Committee are told at once of a report of wrongdoing or an
    incident, and in their digest of anything else; the submitter, when an e-mail address was
    given, receives an acknowledgement with the code and the follow-up link. All of it after
    commit, once. `acknowledgement_notes` are added to the acknowledgement (for example, that an
    e-mailed attachment was refused).
    """
    if channel not in Channel.values:
        raise ValidationError(f"Kênh tiếp nhận không hợp lệ: {channel}.")
    if category not in Category.values:
        raise ValidationError("Xin chọn loại câu hỏi, phản ánh.")
    subject, message = subject.strip(), message.strip()
    if not subject or not message:
        raise ValidationError("Xin ghi tiêu đề và nội dung.")
    email = email.strip()
    if email:
        validate_email(email)
    inspect_attachments(files)  # before any row or file is written
    received_at = received_at or timezone.now()
    plan = triage(category=category, received_at=received_at)
    stored_names: list[str] = []
    try:
        with transaction.atomic():
            ticket = Ticket(
                code=next_code(year=timezone.localtime(received_at).year),
                channel=channel,
                category=category,
                site=site,
                session=session or plan.session,
                subject=subject[:250],
                message=message,
                name=name.strip()[:200],
                phone=phone.strip()[:30],
                email=email.strip().lower(),
                priority=priority or plan.priority,
                received_at=received_at,
                due_at=plan.due_at,
                created_by=created_by,
                source_email=source_email,
            )
            ticket._change_reason = f"Tiếp nhận qua {ticket.get_channel_display().lower()}"
            ticket.save()
            stored_names = [
                a.file.name for a in _save_files(ticket=ticket, files=files, entry=None)
            ]
            _notify_staff_of_new(ticket)
            if ticket.email:
                _acknowledge(ticket, notes=acknowledgement_notes)
    except BaseException:
        _delete_files(stored_names)
        raise
    return ticket


def _save_files(
    *, ticket: Ticket, files: Sequence[UploadedFile], entry: TicketEntry | None
) -> list[TicketAttachment]:
    inspected = inspect_attachments(files)
    stored: list[TicketAttachment] = []
    try:
        for uploaded, info in zip([f for f in files if f], inspected, strict=True):
            uploaded.seek(0)
            attachment = TicketAttachment(
                ticket=ticket,
                entry=entry,
                original_name=info.original_name,
                content_type=info.content_type,
                size=info.size,
                sha256=info.sha256,
            )
            attachment.file.save(f"tep.{info.kind}", uploaded, save=False)
            stored.append(attachment)
            attachment.save()
    except BaseException:
        _delete_files([a.file.name for a in stored if a.file.name])
        raise
    return stored


def _delete_files(names: Sequence[str]) -> None:
    for name in names:
        try:
            private_storage.delete(name)
        # Not only OSError: object storage raises botocore's errors, and a failed clean-up must
        # not hide the error that caused it.
        except Exception:
            logger.warning("Could not remove the orphan attachment %s", name)


def _standing_members():
    return Recipient.objects.filter(is_standing=True, is_active=True)


def _staff_context(ticket: Ticket, *, paragraphs: list[str]) -> dict:
    facts = [
        ("Mã", ticket.code),
        ("Loại", ticket.get_category_display()),
        ("Kênh", ticket.get_channel_display()),
        ("Mức độ", ticket.get_priority_display()),
        ("Tiếp nhận lúc", format_datetime(ticket.received_at)),
        ("Hạn xử lý", format_datetime(ticket.due_at)),
    ]
    if ticket.site_id:
        facts.append(("Điểm thi", str(ticket.site)))
    if ticket.session_id:
        facts.append(("Buổi thi", str(ticket.session)))
    facts.append(("Người gửi", ticket.name or "Không ghi tên"))
    if ticket.phone:
        facts.append(("Điện thoại người gửi", ticket.phone))
    return {
        "paragraphs": [f"Tiêu đề: {ticket.subject}", *paragraphs, ticket.message],
        "facts": facts,
        "url": reverse("admin:hotline_ticket_change", args=[ticket.pk]),
    }


def _notify_staff_of_new(ticket: Ticket) -> None:
    """Urgent categories: the standing members and the event's subscribers, at once. Anything
    else: the subscribers as they chose, and the standing members in their digest."""
    if ticket.is_urgent_category:
        event, urgent = HotlineEvent.URGENT, True
        subject = f"{ticket.get_category_display()} qua đường dây nóng: {ticket.subject}"
        lead = "Đường dây nóng vừa nhận một phản ánh cần xử lý ngay."
    else:
        event, urgent = HotlineEvent.QUESTION, False
        subject = f"Câu hỏi mới qua đường dây nóng: {ticket.subject}"
        lead = "Đường dây nóng vừa nhận một câu hỏi, góp ý."
    common = {
        "event": event,
        "subject": f"{ticket.code} – {subject}"[:300],
        "dedupe_key": f"hotline:new:{ticket.pk}",
        "context": _staff_context(ticket, paragraphs=[lead]),
        "urgent": urgent,
    }
    notify(**common)
    notify(
        **common,
        recipients=_standing_members(),
        delivery=Delivery.IMMEDIATE if urgent else Delivery.DIGEST,
    )


def _public_context(ticket: Ticket, *, paragraphs: list[str]) -> dict:
    return {
        "paragraphs": paragraphs,
        "code": ticket.code,
        "subject": ticket.subject,
        "url": ticket.get_follow_up_url(),
        "reply_to": settings.HOTLINE_EMAIL,
    }


def _acknowledge(ticket: Ticket, *, notes: Sequence[str] = ()) -> None:
    notify(
        event=HotlineEvent.ACK,
        subject=f"[{ticket.code}] Đã nhận: {ticket.subject}"[:300],
        dedupe_key=f"hotline:ack:{ticket.pk}",
        recipients=[recipient_for_address(email=ticket.email, name=ticket.name)],
        template=SUBMITTER_TEMPLATE,
        context=_public_context(
            ticket,
            paragraphs=[
                f"Đường dây nóng Kỳ thi đã nhận câu hỏi, phản ánh của anh/chị lúc "
                f"{format_datetime(ticket.received_at)}, mã {ticket.code}.",
                f"Hạn trả lời: {format_datetime(ticket.due_at)}.",
                *notes,
            ],
        ),
    )
