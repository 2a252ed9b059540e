"""Press releases: saving with public corrections, and the one distribution at the embargo time.

Guarantees:
- A release is public from `publish_at` by the `published()` queryset alone: nobody needs to act
  at the embargo time, and nothing shows it earlier (pages, search, feeds, API all use it).
- The e-mail to the chosen lists goes out once per contact: the release is claimed by a
  conditional update of `distributed_at`, and each message's dedupe key is the release's, so a
  second run, a retried task or a re-sent list adds only contacts who never had it.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.pagecache import bump_public_version
from core.vietnamese import format_datetime
from notifications.models import Message
from notifications.services import notify
from pressroom.events import PressEvent
from pressroom.models import PressRelease, ReleaseCorrection, ReleaseStatus
from pressroom.services.contacts import recipients_of

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
        recipients = recipients_of(release.lists.all())
        written = notify(
            event=PressEvent.RELEASE,
            subject=_subject(release),
            dedupe_key=dedupe_key(release),
            recipients=recipients,
            template=RELEASE_TEMPLATE,
            context=_context(release),
        )
    logger.info("Press release %s distributed: %s new messages", release_id, len(written))
    return len(written)


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


def delivery_log(release: PressRelease):
    """The e-mail of this release to each contact, with its state (the notifications outbox)."""
    return (
        Message.objects.filter(dedupe_key=dedupe_key(release))
        .select_related("recipient")
        .order_by("recipient__organisation", "recipient__name")
    )


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
