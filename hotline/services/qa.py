"""The Q&A column built from answered questions, and the public look-up of a ticket."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks

from core.pagecache import bump_public_version
from hotline.models import (
    EntryKind,
    QAEntry,
    QATopic,
    Ticket,
)
from hotline.services.codes import TICKET_CODE


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
