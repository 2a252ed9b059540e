"""Staff handling of a ticket: notes, assignment, replies, escalation, closing, merging, and what
the submitter adds later."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from hotline.events import HotlineEvent
from hotline.models import (
    EntryKind,
    InboundEmail,
    Ticket,
    TicketEntry,
    TicketStatus,
)
from hotline.services.codes import SUBMITTER_TEMPLATE
from hotline.services.submission import (
    _delete_files,
    _public_context,
    _save_files,
    _staff_context,
    _standing_members,
)
from notifications.services import notify, recipient_for_address


def _locked(ticket: Ticket) -> Ticket:
    return Ticket.objects.select_for_update().get(pk=ticket.pk)


def _save(ticket: Ticket, reason: str, user) -> None:
    ticket._change_reason = reason
    ticket._history_user = user
    ticket.save()


def ticket_note(*, ticket: Ticket, body: str, user) -> TicketEntry:
    """An internal note: staff see it, the submitter never does."""
    body = body.strip()
    if not body:
        raise ValidationError("Ghi chú không được để trống.")
    return TicketEntry.objects.create(
        ticket=ticket, kind=EntryKind.INTERNAL_NOTE, body=body, author=user
    )


def ticket_update(*, ticket: Ticket, user, fields: Sequence[str]) -> Ticket:
    """Save staff's change of classification (category, priority, site, session, due date),
    recorded in the ticket's history with who changed what."""
    allowed = {"category", "priority", "site", "session", "due_at"}
    if not set(fields) <= allowed:
        raise ValueError(f"Not a classification field: {sorted(set(fields) - allowed)}")
    labels = ", ".join(str(Ticket._meta.get_field(f).verbose_name) for f in fields)
    with transaction.atomic():
        _save(ticket, f"Sửa {labels}"[:100], user)
    return ticket


def ticket_assign(*, ticket: Ticket, user, assignee=None, handling_unit: str = "") -> Ticket:
    """Give the ticket to a person and/or unit; a new ticket becomes "in progress"."""
    with transaction.atomic():
        ticket = _locked(ticket)
        ticket.assignee = assignee
        ticket.handling_unit = handling_unit.strip()
        if ticket.status == TicketStatus.NEW:
            ticket.status = TicketStatus.IN_PROGRESS
        _save(ticket, "Phân công xử lý", user)
    return ticket


def ticket_reply(*, ticket: Ticket, body: str, user) -> TicketEntry:
    """A public reply: shown through the follow-up link, e-mailed to the submitter (and to the
    submitters of duplicates merged into this ticket) when they gave an address; the ticket
    becomes "answered"."""
    body = body.strip()
    if not body:
        raise ValidationError("Nội dung trả lời không được để trống.")
    with transaction.atomic():
        ticket = _locked(ticket)
        entry = TicketEntry.objects.create(
            ticket=ticket, kind=EntryKind.PUBLIC_REPLY, body=body, author=user
        )
        if ticket.status != TicketStatus.CLOSED:
            ticket.status = TicketStatus.ANSWERED
        ticket.answered_at = entry.created_at
        _save(ticket, "Trả lời người gửi", user)
        for asked in [ticket, *ticket.duplicates.exclude(email="")]:
            if not asked.email:
                continue
            notify(
                event=HotlineEvent.REPLY,
                subject=f"[{asked.code}] Trả lời: {asked.subject}"[:300],
                dedupe_key=f"hotline:reply:{entry.pk}:{asked.pk}",
                recipients=[recipient_for_address(email=asked.email, name=asked.name)],
                template=SUBMITTER_TEMPLATE,
                context={
                    **_public_context(
                        asked, paragraphs=[f"Trả lời câu hỏi, phản ánh mã {asked.code}:", body]
                    ),
                    "is_reply": True,
                },
            )
    return entry


def ticket_escalate(*, ticket: Ticket, user, note: str = "") -> bool:
    """Pass the ticket to the Steering Committee: the standing members (and the event's
    subscribers) are told at once. Returns False, and sends nothing, when it was escalated
    before."""
    with transaction.atomic():
        ticket = _locked(ticket)
        if ticket.escalated_at is not None:
            return False
        ticket.escalated_at = timezone.now()
        ticket.status = TicketStatus.ESCALATED
        _save(ticket, "Chuyển Ban Chỉ đạo", user)
        lead = "Văn phòng Sở chuyển Ban Chỉ đạo thông tin sau từ đường dây nóng."
        paragraphs = [lead] + ([f"Ý kiến của cán bộ xử lý: {note.strip()}"] if note.strip() else [])
        if note.strip():
            TicketEntry.objects.create(
                ticket=ticket, kind=EntryKind.INTERNAL_NOTE, body=note.strip(), author=user
            )
        common = {
            "event": HotlineEvent.ESCALATED,
            "subject": f"{ticket.code} – Chuyển Ban Chỉ đạo: {ticket.subject}"[:300],
            "dedupe_key": f"hotline:escalated:{ticket.pk}",
            "context": _staff_context(ticket, paragraphs=paragraphs),
            "urgent": True,
        }
        notify(**common)
        notify(**common, recipients=_standing_members())
    return True


def ticket_close(*, ticket: Ticket, user, note: str = "") -> Ticket:
    with transaction.atomic():
        ticket = _locked(ticket)
        if note.strip():
            ticket_note(ticket=ticket, body=note, user=user)
        ticket.status = TicketStatus.CLOSED
        ticket.closed_at = timezone.now()
        _save(ticket, "Đóng", user)
    return ticket


def ticket_merge(*, duplicate: Ticket, into: Ticket, user) -> Ticket:
    """Close `duplicate` as a copy of `into`: its submitter then receives `into`'s replies and
    sees them through their own follow-up link. Returns the ticket merged into."""
    with transaction.atomic():
        target = _locked(into)
        while target.merged_into_id:  # merging into a merged ticket means into its target
            target = _locked(target.merged_into)
        duplicate = _locked(duplicate)
        if duplicate.pk == target.pk:
            raise ValidationError("Không thể gộp một phản ánh vào chính nó.")
        if duplicate.duplicates.exists():
            raise ValidationError(
                f"{duplicate.code} đã có phản ánh khác gộp vào; hãy gộp theo chiều ngược lại."
            )
        duplicate.merged_into = target
        duplicate.status = TicketStatus.CLOSED
        duplicate.closed_at = timezone.now()
        _save(duplicate, f"Gộp vào {target.code}", user)
        ticket_note(ticket=target, body=f"Gộp phản ánh trùng {duplicate.code} vào đây.", user=user)
    return target


def ticket_add_submitter_message(
    *,
    ticket: Ticket,
    body: str,
    files: Sequence[UploadedFile] = (),
    source_email: InboundEmail | None = None,
) -> TicketEntry:
    """More from the submitter (a reply e-mail carrying the code): kept on the ticket, which
    opens again if it was answered or closed."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            ticket = _locked(ticket)
            if ticket.merged_into_id:
                ticket = _locked(ticket.merged_into)
            entry = TicketEntry.objects.create(
                ticket=ticket,
                kind=EntryKind.SUBMITTER,
                body=body.strip() or "(không có nội dung)",
                source_email=source_email,
            )
            stored = [a.file.name for a in _save_files(ticket=ticket, files=files, entry=entry)]
            if ticket.status in (TicketStatus.ANSWERED, TicketStatus.CLOSED):
                ticket.status = TicketStatus.IN_PROGRESS
                ticket.closed_at = None
                _save(ticket, "Người gửi bổ sung thông tin", None)
    except BaseException:
        _delete_files(stored)
        raise
    return entry
