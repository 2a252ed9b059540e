"""Press releases: saving with public corrections, and the one distribution at the embargo time.

Guarantees:
- A release is public from `publish_at` by the `published()` queryset alone: nobody needs to act
  at the embargo time, and nothing shows it earlier (pages, search, feeds, API all use it).
- The e-mail to the chosen lists goes out once per address: the release is claimed by a
  conditional update of `distributed_at`, and each e-mail is recorded (ReleaseDistribution,
  unique per release and address) in the transaction that writes it to the notifications outbox
  under the release's dedupe key, so a second run, a retried task or a re-sent list adds only
  contacts who never had it.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.pagecache import bump_public_version
from core.vietnamese import format_datetime
from notifications.models import RecipientRole
from notifications.selectors import delivery_states
from notifications.services import notify_address
from pressroom.events import PressEvent
from pressroom.models import (
    PressContact,
    PressRelease,
    ReleaseCorrection,
    ReleaseDistribution,
    ReleaseStatus,
)
from pressroom.services.contacts import contacts_of

logger = logging.getLogger(__name__)

RELEASE_TEMPLATE = "pressroom/emails/release"
# A change to these on a public release must be told to readers.
PUBLIC_FIELDS = ("number", "title", "summary", "body")


def dedupe_key(release: PressRelease) -> str:
    return f"press-release:{release.pk}"


def release_save(*, release: PressRelease, user, change_note: str = "") -> PressRelease:
    """Save from the editor. A change to a public release's number, title, summary or body needs
    a note, kept as a visible correction with its author and time. Public pages refresh."""
    change_note = change_note.strip()
    with transaction.atomic():
        public_change = release.pk and _was_public(release) and _public_fields_changed(release)
        if public_change and not change_note:
            raise ValidationError(
                {"change_note": "Thông cáo đã công bố: hãy ghi ngắn gọn nội dung đính chính."}
            )
        release.full_clean(exclude=["lists"])
        release._history_user = user
        release._change_reason = change_note or "Lưu thông cáo"
        release.save()
        if change_note and release.is_public:
            ReleaseCorrection.objects.create(release=release, note=change_note, created_by=user)
        transaction.on_commit(bump_public_version)
    return release


def _was_public(release: PressRelease) -> bool:
    return PressRelease.objects.published().filter(pk=release.pk).exists()


def _public_fields_changed(release: PressRelease) -> bool:
    saved = PressRelease.objects.filter(pk=release.pk).values(*PUBLIC_FIELDS).first() or {}
    return any(saved.get(field) != getattr(release, field) for field in PUBLIC_FIELDS)


def release_distribute(*, release_id: int, now: dt.datetime | None = None, resend=False) -> int:
    """E-mail a public release to the contacts of its lists. Returns the messages written.

    The first call after the embargo claims the release; later calls do nothing, unless
    `resend` (staff added contacts to a list): then only contacts without the message get it.
    """
    now = now or timezone.now()
    with transaction.atomic():
        if not resend:
            claimed = PressRelease.objects.due_for_distribution(now).filter(pk=release_id)
            if claimed.update(distributed_at=now) != 1:
                return 0
        release = PressRelease.objects.prefetch_related("lists").get(pk=release_id)
        if not release.is_public:
            return 0
        have = {e.lower() for e in release.distributions.values_list("email", flat=True)}
        subject, context = _subject(release), _context(release)
        written = 0
        for contact in contacts_of(release.lists.all()):
            if contact.email.lower() in have:
                continue
            have.add(contact.email.lower())
            written += _send(release, contact, subject=subject, context=context)
    logger.info("Press release %s distributed: %s new messages", release_id, written)
    return written


class _NotWritten(Exception):
    """The outbox wrote nothing for this address: no record either."""


def _send(release: PressRelease, contact: PressContact, *, subject: str, context: dict) -> int:
    """Record the release's e-mail to this contact and write it to the outbox, both or neither
    (a savepoint); 0 when another run recorded this address first or the outbox refused it."""
    try:
        with transaction.atomic():
            ReleaseDistribution.objects.create(
                release=release,
                contact=contact,
                name=contact.name,
                organisation=contact.outlet.name,
                email=contact.email,
                dedupe_key=dedupe_key(release),
            )
            message = notify_address(
                event=PressEvent.RELEASE,
                subject=subject,
                dedupe_key=dedupe_key(release),
                email=contact.email,
                name=contact.name,
                title=contact.title,
                organisation=contact.outlet.name,
                role=RecipientRole.PRESS,
                template=RELEASE_TEMPLATE,
                context=context,
            )
            if message is None:
                raise _NotWritten
    except (IntegrityError, _NotWritten):
        return 0
    return 1


def releases_distribute_due(*, now: dt.datetime | None = None) -> int:
    """Beat: distribute every release whose embargo has ended, and refresh public pages when one
    became public. Returns how many releases were distributed."""
    now = now or timezone.now()
    due = list(PressRelease.objects.due_for_distribution(now).values_list("pk", flat=True))
    done = 0
    for pk in due:
        try:
            release_distribute(release_id=pk, now=now)
            done += 1
        except Exception:  # one release's failure must not hold back the others
            logger.exception("Distribution of press release %s failed", pk)
    if due:
        bump_public_version()
    return done


def delivery_log(release: PressRelease) -> list[ReleaseDistribution]:
    """The e-mail of this release to each address, by outlet and name; each record's `delivery`
    is its message's state in the notifications outbox (None if it has none)."""
    records = list(release.distributions.all())
    states = delivery_states(dedupe_keys={r.dedupe_key for r in records})
    for record in records:
        record.delivery = states.get((record.dedupe_key, record.email.lower()))
    return records


def _subject(release: PressRelease) -> str:
    number = f"số {release.number}: " if release.number else ""
    return f"Thông cáo báo chí {number}{release.title}"[:300]


def _context(release: PressRelease) -> dict:
    from core.richtext import html_to_text

    paragraphs = [release.summary, html_to_text(release.body)]
    facts = [("Công bố lúc", format_datetime(release.publish_at))]
    if release.spokesperson:
        person = release.spokesperson
        contact = ", ".join(p for p in (person.phone, person.email) if p)
        facts.append(
            ("Liên hệ", f"{person.name}, {person.title}" + (f" ({contact})" if contact else ""))
        )
    return {
        "paragraphs": paragraphs,
        "facts": facts,
        "url": release.get_absolute_url(),
        "body_html": release.body,  # sanitised on save
    }


def release_withdraw(*, release: PressRelease, user, reason: str) -> PressRelease:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"withdrawn_reason": "Hãy ghi lý do gỡ thông cáo."})
    release.status = ReleaseStatus.WITHDRAWN
    release.withdrawn_reason = reason
    return release_save(release=release, user=user)
