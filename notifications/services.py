"""The one way the portal tells people something: `notify()`, and the delivery of what it writes.

Guarantees (the outbox pattern):
- `notify()` writes its rows in the caller's transaction; nothing is sent or enqueued before commit,
  so a rolled-back caller tells nobody anything.
- A row is unique per (dedupe_key, recipient): calling `notify()` again with the same key adds nothing.
- A row is sent by whoever claims it with a conditional update; a second task for the same row finds
  nothing to claim and stops. A claim left by a dead worker expires after the lease and the sweeper
  enqueues the row again. The one window left: the SMTP server accepted the message and the worker
  died before the row was marked sent; the resend carries the same Message-ID.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from notifications.events import NotificationEvent, ensure_declared
from notifications.models import (
    Delivery,
    Message,
    MessageStatus,
    Recipient,
    RecipientRole,
    Subscription,
)

logger = logging.getLogger(__name__)

DEFAULT_TEMPLATE = "notifications/emails/notification"
DIGEST_TEMPLATE = "notifications/emails/digest"
# The key of a message's context naming whom notify_address wrote to (name, title, organisation).
ADDRESSEE = "addressee"


# --- writing -------------------------------------------------------------------------------------


def notify(
    *,
    event: str,
    subject: str,
    dedupe_key: str,
    context: dict | None = None,
    urgent: bool = False,
    recipients: Iterable[Recipient] | None = None,
    users: Iterable | None = None,
    template: str = DEFAULT_TEMPLATE,
    delivery: str | None = None,
) -> list[Message]:
    """Write one outbox row per recipient, in the caller's transaction, and enqueue after commit.

    Recipients are the active subscribers of `event`, or, when given, the explicit `recipients` and
    portal `users` (each user gets a Recipient row of their own). Urgent rows are sent at once and
    go through the urgent queue; the others follow each subscriber's choice (at once or in the
    digest). Explicit recipients get theirs at once unless `delivery` says otherwise. Returns the
    rows this call created: none when the key was used before (for that recipient). Raises
    UnknownEvent for an event no installed app declares (notifications.events).
    """
    event = ensure_declared(event)
    context = context or {}
    targets: list[tuple[Recipient, str]] = []
    if recipients is None and users is None:
        subscriptions = Subscription.objects.filter(
            event=event, recipient__is_active=True
        ).select_related("recipient")
        targets = [(s.recipient, s.delivery) for s in subscriptions]
    else:
        explicit = delivery or Delivery.IMMEDIATE
        targets = [(r, explicit) for r in recipients or [] if r.is_active]
        targets += [(r, explicit) for r in _recipients_for_users(users or [])]

    now = timezone.now()
    created: list[Message] = []
    seen: set[int] = set()
    for recipient, chosen in targets:
        if recipient.pk in seen:
            continue
        seen.add(recipient.pk)
        chosen = Delivery.IMMEDIATE if urgent else chosen
        try:
            with transaction.atomic():
                created.append(
                    Message.objects.create(
                        recipient=recipient,
                        event=event,
                        dedupe_key=dedupe_key,
                        subject=subject,
                        template=template,
                        context=context,
                        urgent=urgent,
                        delivery=chosen,
                        enqueued_at=now if chosen == Delivery.IMMEDIATE else None,
                    )
                )
        except IntegrityError:
            continue  # this recipient already has this message: a repeated call
    immediate = [m for m in created if m.delivery == Delivery.IMMEDIATE]
    if immediate:
        transaction.on_commit(partial(_enqueue, [(m.pk, m.queue) for m in immediate]), robust=True)
    return created


def notify_address(
    *,
    event: str,
    subject: str,
    dedupe_key: str,
    email: str,
    name: str = "",
    title: str = "",
    organisation: str = "",
    role: str = RecipientRole.PUBLIC,
    context: dict | None = None,
    urgent: bool = False,
    template: str = DEFAULT_TEMPLATE,
) -> Message | None:
    """Write one outbox row to an address the caller names (a reporter, a member of the public),
    at once, in the caller's transaction, and enqueue it after commit. For a caller that keeps
    its own record of whom it wrote to: nothing of the caller is copied here.

    Once per (dedupe_key, address): an address that already has a row with this key gets nothing,
    whichever row of the recipients' list it came through. The address is kept as one row of
    the list per address and `role` (created on first use, with no subscriptions, so it receives
    only what is addressed to it); an address the Office switched off there gets nothing. The
    name, title and organisation given greet the reader of this message (kept with it, so a
    later rename changes no message already written). Returns the row written, or None.
    """
    event = ensure_declared(event)
    email = email.strip()
    if Message.objects.filter(dedupe_key=dedupe_key, recipient__email__iexact=email).exists():
        return None
    recipient = _address_recipient(email=email, name=name, role=role)
    if not recipient.is_active:
        return None
    addressee = {
        "name": name.strip() or recipient.name,
        "title": title,
        "organisation": organisation,
    }
    rows = notify(
        event=event,
        subject=subject,
        dedupe_key=dedupe_key,
        recipients=[recipient],
        context={**(context or {}), ADDRESSEE: addressee},
        urgent=urgent,
        template=template,
        delivery=Delivery.IMMEDIATE,
    )
    return rows[0] if rows else None


def _address_recipient(*, email: str, name: str, role: str) -> Recipient:
    existing = Recipient.objects.filter(email__iexact=email, role=role, user=None)
    return existing.order_by("pk").first() or Recipient.objects.create(
        email=email, role=role, name=name.strip() or email
    )


def recipient_for_address(*, email: str, name: str = "") -> Recipient:
    """The Recipient row of a member of the public (a hotline submitter): one per address, with
    no subscriptions, so it only ever receives what is addressed to it explicitly."""
    return _address_recipient(email=email.strip().lower(), name=name, role=RecipientRole.PUBLIC)


def _recipients_for_users(users: Iterable) -> list[Recipient]:
    result = []
    for user in users:
        if not user.is_active or not user.email:
            continue
        recipient, _created = Recipient.objects.get_or_create(
            user=user,
            defaults={
                "name": user.get_full_name() or user.get_username(),
                "email": user.email,
                "role": RecipientRole.SITE,
            },
        )
        if recipient.is_active:
            result.append(recipient)
    return result


def _enqueue(rows: list[tuple[int, str]]) -> None:
    """Hand rows to the broker. A broker that is down loses nothing: the sweeper retries later."""
    from notifications.tasks import deliver_message

    for message_id, queue in rows:
        try:
            deliver_message.apply_async((message_id,), queue=queue, retry=False)
        except Exception as exc:  # the broker is unreachable; the row stays pending for the sweeper
            logger.warning(
                "Could not enqueue notification %s (%s: %s); the sweeper will.",
                message_id,
                type(exc).__name__,
                exc,
            )
            return


def message_resend(*, message_ids: Iterable[int]) -> int:
    """Put failed rows back in the outbox with a fresh count of attempts; returns how many."""
    ids = list(message_ids)
    with transaction.atomic():
        rows = list(
            Message.objects.filter(
                pk__in=ids, status=MessageStatus.FAILED, delivery=Delivery.IMMEDIATE
            ).values_list("pk", "urgent")
        )
        Message.objects.filter(pk__in=[pk for pk, _ in rows]).update(
            status=MessageStatus.PENDING,
            attempts=0,
            next_attempt_at=None,
            claimed_at=None,
            enqueued_at=timezone.now(),
            last_error="",
        )
        transaction.on_commit(
            partial(_enqueue, [(pk, "urgent" if urgent else "celery") for pk, urgent in rows]),
            robust=True,
        )
    return len(rows)


# --- delivering ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    sent: bool = False
    retry_in: int | None = None


def _is_transient(exc: Exception) -> bool:
    """A failure worth retrying: the server or the network, not a refused address or a bug."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return any(code < 500 for code, _msg in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code < 500
    return isinstance(exc, smtplib.SMTPException | ConnectionError | socket.timeout | OSError)


def message_deliver(*, message_id: int) -> Outcome:
    """Send one row if this call can claim it; safe to call any number of times.

    The claim is a conditional update that must change exactly one row: a pending row, or one whose
    previous claim outlived the lease (its worker died). Anything else means another worker has it
    or it is done, and the call returns without sending.
    """
    now = timezone.now()
    lease = dt.timedelta(seconds=settings.NOTIFICATIONS_CLAIM_LEASE_SECONDS)
    claimed = (
        Message.objects.filter(pk=message_id, delivery=Delivery.IMMEDIATE)
        .filter(
            Q(status=MessageStatus.PENDING)
            | Q(status=MessageStatus.SENDING, claimed_at__lt=now - lease)
        )
        .update(status=MessageStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if claimed != 1:
        return Outcome()
    message = Message.objects.select_related("recipient").get(pk=message_id)
    mine = Message.objects.filter(pk=message_id, status=MessageStatus.SENDING, claimed_at=now)
    try:
        email = render_message(message)
        with get_connection(timeout=settings.NOTIFICATIONS_SMTP_TIMEOUT) as connection:
            connection.send_messages([email])
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:2000]
        if _is_transient(exc) and message.attempts < settings.NOTIFICATIONS_MAX_ATTEMPTS:
            delays = settings.NOTIFICATIONS_RETRY_DELAYS
            delay = delays[min(message.attempts, len(delays)) - 1]
            retry_at = timezone.now() + dt.timedelta(seconds=delay)
            mine.update(
                status=MessageStatus.PENDING,
                last_error=error,
                next_attempt_at=retry_at,
                enqueued_at=retry_at,
            )
            logger.info("Notification %s failed (%s); retry in %ss.", message_id, error, delay)
            return Outcome(retry_in=delay)
        mine.update(status=MessageStatus.FAILED, last_error=error)
        logger.error("Notification %s failed for good: %s", message_id, error)
        return Outcome()
    sent_at = timezone.now()
    with transaction.atomic():
        mine.update(status=MessageStatus.SENT, sent_at=sent_at, last_error="")
        if message.event == NotificationEvent.DIGEST:
            message.bundled.update(status=MessageStatus.SENT, sent_at=sent_at)
    return Outcome(sent=True)


def render_message(message: Message) -> EmailMultiAlternatives:
    """The e-mail of a row, from its template trio (subject, text, HTML), in Vietnamese."""
    recipient = _addressee(message)
    context = {
        **message.context,
        "message": message,
        "recipient": recipient,
        "site_url": settings.SITE_URL,
    }
    if message.event == NotificationEvent.DIGEST:
        context["items"] = list(message.bundled.order_by("created_at", "pk"))
    subject = render_to_string(f"{message.template}_subject.txt", context)
    subject = " ".join(subject.split())
    text = render_to_string(f"{message.template}_body.txt", context)
    html = render_to_string(f"{message.template}_body.html", context)
    email = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[f"{recipient.name} <{recipient.email}>"],
        headers={
            "Message-ID": message.message_id,
            "X-Thong-Bao-Su-Kien": message.event,
            # RFC 3834: auto-responders must not answer (no loops with the hotline's mailbox).
            "Auto-Submitted": "auto-generated",
            **({"Importance": "high", "X-Priority": "1"} if message.urgent else {}),
        },
        # Messages the reader may answer (a hotline acknowledgement) name where answers go.
        reply_to=[message.context["reply_to"]] if message.context.get("reply_to") else None,
    )
    email.attach_alternative(html, "text/html")
    # Files the message carries (an iCalendar invitation, for instance), kept in its context.
    for attachment in message.context.get("attachments", []):
        mimetype = attachment["mimetype"]
        if mimetype.startswith("text/calendar; method="):
            # Mail clients show an invitation card for a calendar among the alternatives (as
            # calendar services send it); the file copy is application/ics, so none shows two.
            email.attach_alternative(attachment["content"], mimetype)
            content = attachment["content"].encode("utf-8")  # bytes: MIMEBase does not encode str
            email.attach(attachment["filename"], content, "application/ics")
        else:
            email.attach(attachment["filename"], attachment["content"], mimetype)
    return email


@dataclass(frozen=True)
class Addressee:
    """Whom a message greets: its recipient row, or the name notify_address was given."""

    name: str
    title: str
    organisation: str
    email: str


def _addressee(message: Message) -> Addressee:
    row = message.recipient
    given = message.context.get(ADDRESSEE) or {}
    return Addressee(
        name=given.get("name", row.name),
        title=given.get("title", row.title),
        organisation=given.get("organisation", row.organisation),
        email=row.email,
    )


# --- periodic work -------------------------------------------------------------------------------


def messages_sweep(*, now: dt.datetime | None = None, limit: int = 1000) -> int:
    """Enqueue rows that should be on their way and are not: the broker was down at commit, a retry
    message was lost, or a worker died holding a claim. Returns how many were enqueued."""
    now = now or timezone.now()
    grace = dt.timedelta(seconds=settings.NOTIFICATIONS_SWEEP_GRACE_SECONDS)
    lease = dt.timedelta(seconds=settings.NOTIFICATIONS_CLAIM_LEASE_SECONDS)
    due = (
        Message.objects.filter(delivery=Delivery.IMMEDIATE)
        .filter(
            Q(status=MessageStatus.PENDING, enqueued_at__isnull=True)
            | Q(status=MessageStatus.PENDING, enqueued_at__lt=now - grace)
            | Q(status=MessageStatus.SENDING, claimed_at__lt=now - lease)
        )
        .order_by("-urgent", "created_at")
        .values_list("pk", "urgent")[:limit]
    )
    rows = [(pk, "urgent" if urgent else "celery") for pk, urgent in due]
    if rows:
        Message.objects.filter(pk__in=[pk for pk, _ in rows]).update(enqueued_at=now)
        _enqueue(rows)
    return len(rows)


def digests_build(*, now: dt.datetime | None = None) -> int:
    """Bundle each recipient's waiting digest rows into one digest row and enqueue it.

    Each waiting row is bundled once: it is moved by a conditional update inside the transaction
    that creates the digest, so a second run (or two at once) finds nothing left to bundle.
    Returns the number of digests made.
    """
    now = now or timezone.now()
    waiting = Message.objects.filter(
        status=MessageStatus.PENDING, delivery=Delivery.DIGEST, digest__isnull=True
    )
    made = 0
    for recipient_id in waiting.values_list("recipient_id", flat=True).distinct().order_by():
        with transaction.atomic():
            child_ids = list(
                waiting.filter(recipient_id=recipient_id)
                .order_by("created_at", "pk")
                .values_list("pk", flat=True)
            )
            if not child_ids:
                continue
            digest = Message.objects.create(
                recipient_id=recipient_id,
                event=NotificationEvent.DIGEST,
                dedupe_key=f"digest:{child_ids[0]}",
                subject=f"Bản tin tổng hợp: {len(child_ids)} thông báo",
                template=DIGEST_TEMPLATE,
                delivery=Delivery.IMMEDIATE,
                enqueued_at=now,
            )
            moved = waiting.filter(pk__in=child_ids).update(
                digest=digest, status=MessageStatus.BUNDLED
            )
            if moved != len(child_ids):
                # Another run bundled some of them meanwhile: undo this digest, keep theirs.
                transaction.set_rollback(True)
                continue
            transaction.on_commit(partial(_enqueue, [(digest.pk, digest.queue)]), robust=True)
            made += 1
    return made
