"""Writes of the hotline: tickets from every channel, their handling, escalation, and the Q&A column.

Every caller (the public form, the e-mail intake, the admin) goes through these functions. Each
owns its transaction, writes the audit trail (the ticket's history and its entries) and tells
people through `notifications.notify`, whose rows are written in the same transaction and sent
after commit: a rolled-back submission tells nobody anything, and a repeated call sends nothing
twice (each notification has a dedupe key).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, linebreaks

from core.pagecache import bump_public_version
from core.storage import private_storage
from core.uploads import InspectedFile, inspect_upload, safe_original_name
from core.vietnamese import format_datetime
from exams.selectors import running_session
from hotline.models import (
    URGENT_CATEGORIES,
    Category,
    Channel,
    EntryKind,
    InboundEmail,
    Priority,
    QAEntry,
    QATopic,
    Ticket,
    TicketAttachment,
    TicketEntry,
    TicketSequence,
    TicketStatus,
)
from notifications.models import Delivery, Event, Recipient
from notifications.services import notify, recipient_for_address

logger = logging.getLogger(__name__)
# The shape of a ticket code, HL-2020-000123.
TICKET_CODE = re.compile(r"HL-\d{4}-\d{6}")

# One template trio for what the submitter receives: the acknowledgement and each reply.
SUBMITTER_TEMPLATE = "hotline/emails/submitter"
# Public holidays on fixed solar dates (Bộ luật Lao động 2019, Article 112). Tết and the Hùng
# Kings' day move with the lunar calendar: staff list them in HOTLINE_HOLIDAYS.
FIXED_HOLIDAYS = {(1, 1), (4, 30), (5, 1), (9, 2)}


# --- codes and due dates -------------------------------------------------------------------------


def next_code(*, year: int) -> str:
    """The next ticket code of the year, `HL-2020-000123`.

    Guarantees: the number is one more than any number given before in that year, even if that
    ticket was rolled back or removed; concurrent callers get different numbers (the sequence row
    is locked by the update until the caller's transaction ends).
    """
    with transaction.atomic():
        if not TicketSequence.objects.filter(year=year).update(last_number=F("last_number") + 1):
            try:
                with transaction.atomic():
                    TicketSequence.objects.create(year=year, last_number=1)
            except IntegrityError:  # another submission created the year's row first
                TicketSequence.objects.filter(year=year).update(last_number=F("last_number") + 1)
        number = TicketSequence.objects.get(year=year).last_number
    return f"HL-{year}-{number:06d}"


def is_working_day(day: dt.date) -> bool:
    return (
        day.weekday() < 5
        and (day.month, day.day) not in FIXED_HOLIDAYS
        and day not in settings.HOTLINE_HOLIDAYS
    )


def add_working_days(start: dt.datetime, days: int) -> dt.datetime:
    """The same local time of day on the `days`-th working day after `start`'s day."""
    local = timezone.localtime(start)
    day = local.date()
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return timezone.make_aware(dt.datetime.combine(day, local.time().replace(microsecond=0)))


@dataclass(frozen=True)
class Triage:
    due_at: dt.datetime
    priority: str
    session: object | None  # the exam session running when the report came, if any


def triage(*, category: str, received_at: dt.datetime) -> Triage:
    """The due date and priority a new ticket starts with.

    A question, a suggestion or anything else is due in HOTLINE_QUESTION_WORKING_DAYS working days
    (15, Nghị định 43/2011). A report of wrongdoing or an incident made while a session is running
    is due within HOTLINE_URGENT_DUE_HOURS hours and is urgent; at another time within
    HOTLINE_REPORT_DUE_HOURS hours, with a high priority.
    """
    if category in URGENT_CATEGORIES:
        session = running_session(at=received_at)
        if session is not None:
            hours, priority = settings.HOTLINE_URGENT_DUE_HOURS, Priority.URGENT
        else:
            hours, priority = settings.HOTLINE_REPORT_DUE_HOURS, Priority.HIGH
        return Triage(received_at + dt.timedelta(hours=hours), priority, session)
    due = add_working_days(received_at, settings.HOTLINE_QUESTION_WORKING_DAYS)
    return Triage(due, Priority.NORMAL, None)


# --- attachments ---------------------------------------------------------------------------------


def inspect_attachments(files: Sequence[UploadedFile]) -> list[InspectedFile]:
    """Check every file before anything is stored; a ValidationError names the file at fault.

    Guarantees: at most HOTLINE_MAX_ATTACHMENTS files, each at most HOTLINE_ATTACHMENT_MAX_BYTES,
    each a PDF, Word, Excel, JPEG or PNG file by its content and its name's extension.
    """
    files = [f for f in files if f]
    limit = settings.HOTLINE_MAX_ATTACHMENTS
    if len(files) > limit:
        raise ValidationError(
            f"Chỉ được gửi kèm tối đa {limit} tệp; anh/chị đã chọn {len(files)} tệp.",
            code="too_many",
        )
    inspected = []
    for uploaded in files:
        try:
            inspected.append(inspect_upload(uploaded, limit=settings.HOTLINE_ATTACHMENT_MAX_BYTES))
        except ValidationError as error:
            name = safe_original_name(uploaded.name or "")
            raise ValidationError(
                f"Tệp “{name}”: {' '.join(error.messages)}", code=error.code
            ) from error
    return inspected


# --- submission ----------------------------------------------------------------------------------


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
        event, urgent = Event.HOTLINE_URGENT, True
        subject = f"{ticket.get_category_display()} qua đường dây nóng: {ticket.subject}"
        lead = "Đường dây nóng vừa nhận một phản ánh cần xử lý ngay."
    else:
        event, urgent = Event.HOTLINE_QUESTION, False
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
        event=Event.HOTLINE_ACK,
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


# --- handling by staff ---------------------------------------------------------------------------


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
                event=Event.HOTLINE_REPLY,
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
            "event": Event.HOTLINE_ESCALATED,
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


# --- Q&A -----------------------------------------------------------------------------------------


def qa_from_ticket(*, ticket: Ticket, user) -> QAEntry:
    """A draft Q&A entry from an answered ticket, for staff to edit (remove personal data) and
    publish. Nothing is public until a person publishes it."""
    reply = ticket.entries.filter(kind=EntryKind.PUBLIC_REPLY).order_by("-created_at").first()
    if reply is None:
        raise ValidationError(f"{ticket.code} chưa có câu trả lời để đưa vào mục hỏi đáp.")
    entry = QAEntry(
        question_title=ticket.subject[:250],
        question=ticket.message,
        topic=QATopic.OTHER,
        answer=linebreaks(escape(reply.body)),
        source_ticket=ticket,
        is_published=False,
    )
    entry._history_user = user
    entry.save()
    return entry


def qa_save(*, entry: QAEntry, user) -> QAEntry:
    """Save a Q&A entry from the editor (answer sanitised by QAEntry.save); refresh public pages."""
    with transaction.atomic():
        if entry.is_published and entry.pk:
            was_public = (
                QAEntry.objects.filter(pk=entry.pk, is_published=True).values("pk").exists()
            )
            if not was_public and entry.published_at < timezone.now():
                entry.published_at = timezone.now()
        entry.full_clean(exclude=["related_documents"])
        entry._history_user = user
        entry.save()
        transaction.on_commit(bump_public_version)
    return entry


def ticket_lookup(*, code: str, token: str) -> Ticket | None:
    """The ticket whose code and token both match, or None. The answer is the same for an unknown
    code and a wrong token, so the page tells nobody whether a code exists."""
    import hmac

    code, token = (code or "").strip().upper(), (token or "").strip()
    if not token or not TICKET_CODE.fullmatch(code):
        return None  # not a code at all (typed wrong, or bytes PostgreSQL refuses, such as NUL)
    ticket = Ticket.objects.filter(code=code).first()
    if ticket is None or not hmac.compare_digest(ticket.token.encode(), token.encode()):
        return None
    return ticket
