"""Receiving one message: store it, then make it a ticket or an addition to one."""

from __future__ import annotations

import email
import email.policy
import email.utils
import hashlib
import logging
from email.parser import BytesHeaderParser

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from hotline.inbound.parsing import (
    CODE_RE,
    NO_MESSAGE,
    NO_SUBJECT,
    ONLY_FILES,
    ParsedEmail,
    _clean,
    parse_email,
)
from hotline.models import Category, Channel, InboundEmail, InboundStatus, Ticket
from hotline.services import (
    inspect_attachments,
    ticket_add_submitter_message,
    ticket_note,
    ticket_submit,
)

logger = logging.getLogger(__name__)

UNFINISHED = (
    "Thư đã được lưu nhưng chưa xử lý xong (máy chủ dừng giữa chừng). "
    "Xin cán bộ đọc thư gốc và ghi nhận thủ công."
)

# --- receiving -----------------------------------------------------------------------------------


def inbound_email_receive(*, raw: bytes) -> InboundEmail:
    """Store one RFC 822 message and turn it into a ticket or an addition to one.

    Guarantees:
    - The raw bytes are stored unchanged in an InboundEmail row before anything else, and that row
      is never removed. Only a failure to store them (the database is down) raises; call this
      outside a transaction so that the row survives whatever follows.
    - The same Message-ID (or, for a message without one, the same bytes) received again is the
      same row, returned as it is: no second ticket, entry or acknowledgement.
    - An automatic message (auto-reply, bounce, bulk mail, our own mail) is kept as IGNORED:
      no ticket, nothing sent.
    - A subject carrying the code of an existing ticket, from that ticket's address (or the
      address of a ticket merged with it), adds the message to it (JOINED); the ticket reopens if
      it was answered or closed. Any other message becomes a new e-mail ticket (NEW_TICKET) in the
      "question" category, and the sender, when their address is valid, gets the acknowledgement
      with the code (sent by `ticket_submit` after commit).
    - Subject, name and text come through in any charset and transfer encoding, NFC-normalised;
      undecodable bytes become U+FFFD, never an error. HTML-only mail is turned into text.
    - Attachments pass the same checks as the web form's. A refused one is left out, the ticket is
      still made, and the reason is in the row's `error` and in an internal note on the ticket.
    - Anything else that goes wrong leaves the row FAILED with the error text, for staff; the
      ticket and its notifications are then not written at all (one transaction), and the
      exception is logged, not raised.
    """
    raw = bytes(raw)
    inbound, created = _store(raw)
    if not created:
        return inbound
    parsed: ParsedEmail | None = None
    try:
        parsed = parse_email(raw)
        with transaction.atomic():
            _process(inbound, parsed)
    except Exception as exc:
        logger.exception("Inbound e-mail %s could not be processed", inbound.pk)
        _record_failure(inbound, parsed, f"{type(exc).__name__}: {exc}")
    return inbound


def _store(raw: bytes) -> tuple[InboundEmail, bool]:
    message_id = _dedupe_id(raw)
    try:
        with transaction.atomic():
            # FAILED until processed: if the process dies in between, staff see the message.
            inbound = InboundEmail.objects.create(
                message_id=message_id, raw=raw, status=InboundStatus.FAILED, error=UNFINISHED
            )
    except IntegrityError:
        existing = InboundEmail.objects.filter(message_id=message_id).first()
        if existing is None:
            raise
        logger.info("Inbound e-mail %s received again; kept once", message_id)
        return existing, False
    return inbound, True


def _dedupe_id(raw: bytes) -> str:
    """The Message-ID, read without parsing the body; for a message without one (or garbage),
    the SHA-256 of its bytes, so a retried delivery of the same bytes is still one row."""
    try:
        headers = BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw)
        value = str(headers.get("Message-ID") or "")
    except Exception:  # any header the parser chokes on: fall back to the bytes
        value = ""
    value = " ".join(_clean(value).split())
    if not value:
        return f"sha256:{hashlib.sha256(raw).hexdigest()}"
    max_length = InboundEmail._meta.get_field("message_id").max_length
    if len(value) > max_length:
        return f"sha256:{hashlib.sha256(value.encode()).hexdigest()}"
    return value


def _process(inbound: InboundEmail, parsed: ParsedEmail) -> None:
    inbound.sender = parsed.sender_label[:320]
    inbound.subject = parsed.subject[:500]
    if parsed.unreadable:
        _finish(inbound, InboundStatus.FAILED, parsed.unreadable)
        return
    if parsed.automatic:
        _finish(inbound, InboundStatus.IGNORED, parsed.automatic)
        return

    accepted, refusals = _screen(parsed.attachments)
    message = parsed.text or (ONLY_FILES if parsed.attachments else NO_MESSAGE)
    notes = []
    if refusals:
        notes.append(
            "Thư điện tử có tệp đính kèm không được nhận (thư gốc, kể cả các tệp, vẫn được lưu "
            "trong mục Thư đến đường dây nóng):\n" + "\n".join(f"- {r}" for r in refusals)
        )

    target, mismatch = _ticket_named(parsed)
    if target is not None:
        entry = ticket_add_submitter_message(
            ticket=target, body=message, files=accepted, source_email=inbound
        )
        ticket, status = entry.ticket, InboundStatus.JOINED
    else:
        if mismatch is not None:
            notes.append(
                f"Tiêu đề thư nhắc đến mã {mismatch.code}, nhưng thư gửi từ địa chỉ khác với "
                f"địa chỉ của phản ánh đó nên được ghi nhận thành phản ánh mới. Nếu là cùng một "
                f"việc, xin gộp phản ánh này vào {mismatch.code}."
            )
        if not parsed.email:
            notes.append(
                f"Thư không có địa chỉ người gửi hợp lệ (From: {parsed.sender_label or 'trống'}) "
                f"nên người gửi không nhận được thư báo đã nhận."
            )
        ticket = ticket_submit(
            channel=Channel.EMAIL,
            category=Category.QUESTION,
            subject=parsed.subject or NO_SUBJECT,
            message=message,
            name=parsed.name,
            email=parsed.email,
            files=accepted,
            source_email=inbound,
            acknowledgement_notes=["Một số tệp đính kèm không được nhận: " + " ".join(refusals)]
            if refusals
            else [],
        )
        status = InboundStatus.NEW_TICKET
    for note in notes:
        ticket_note(ticket=ticket, body=note, user=None)
    _finish(inbound, status, "\n".join(refusals))


def _finish(inbound: InboundEmail, status: str, error: str) -> None:
    inbound.status, inbound.error = status, error
    inbound.save(update_fields=["sender", "subject", "status", "error"])


def _record_failure(inbound: InboundEmail, parsed: ParsedEmail | None, error: str) -> None:
    inbound.status, inbound.error = InboundStatus.FAILED, _clean(error)[:5000]
    if parsed is not None:
        inbound.sender, inbound.subject = parsed.sender_label[:320], parsed.subject[:500]
    try:
        inbound.save(update_fields=["sender", "subject", "status", "error"])
    except Exception:  # the row stays FAILED with UNFINISHED, which says as much
        logger.exception("Could not record the failure of inbound e-mail %s", inbound.pk)


def _ticket_named(parsed: ParsedEmail) -> tuple[Ticket | None, Ticket | None]:
    """(the ticket to add the message to, or a ticket named by a stranger).

    Codes are numbered in sequence and easy to guess (the follow-up page asks for the private
    token for that reason), so a code alone does not let anyone write on a ticket and reopen it:
    the sender must be the ticket's submitter, or the submitter of a ticket merged with it.
    """
    codes = [f"HL-{year}-{number}" for year, number in CODE_RE.findall(parsed.subject)]
    named = None
    for code in dict.fromkeys(codes):
        ticket = Ticket.objects.select_related("merged_into").filter(code=code).first()
        if ticket is None:
            continue
        named = named or ticket
        root = ticket.merged_into or ticket
        addresses = {ticket.email, root.email, *root.duplicates.values_list("email", flat=True)}
        if parsed.email and parsed.email in addresses:
            return ticket, None
    return None, named


def _screen(files: list[UploadedFile]) -> tuple[list[UploadedFile], list[str]]:
    """The attachments the upload checks accept, at most HOTLINE_MAX_ATTACHMENTS, and why each
    of the others was refused (in Vietnamese, naming the file)."""
    accepted, refusals = [], []
    limit = settings.HOTLINE_MAX_ATTACHMENTS
    for uploaded in files:
        try:
            inspect_attachments([uploaded])
        except ValidationError as error:
            refusals.append(" ".join(error.messages))
            continue
        if len(accepted) >= limit:
            refusals.append(
                f"Tệp “{uploaded.name}”: quá số tệp được nhận (tối đa {limit} tệp mỗi thư)."
            )
            continue
        accepted.append(uploaded)
    return accepted, refusals
