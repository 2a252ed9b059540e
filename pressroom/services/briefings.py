"""Press briefings: invitations e-mailed with an iCalendar file, and every change announced.

Guarantees:
- Every e-mail carries the briefing's .ics as it stands when the e-mail is written, with the same
  UID throughout and the briefing's SEQUENCE: METHOD:REQUEST for an invitation, a change of time
  or place and a postponement (STATUS:TENTATIVE); METHOD:CANCEL (STATUS:CANCELLED) for the
  cancellation.
- A briefing is *announced* once someone may hold a copy of it: invitations were e-mailed
  (`invited_sequence` is set) or a reporter registered (the confirmation carries the .ics). An
  announced change of time or place, a postponement, a new invitation after a postponement and a
  cancellation raise SEQUENCE by one and are e-mailed to everyone holding a copy: whoever was
  e-mailed a version of this briefing, and every registered reporter. Before it, nothing is sent
  and SEQUENCE stays: nobody holds the old version.
- One e-mail per address per version: the messages of SEQUENCE n share the dedupe key
  `press-briefing:<pk>:seq:<n>`, and an address that has one is skipped, even when it comes back
  another way (a registrant later added to a list). Inviting again sends the current version
  only to those without it (contacts added to a list since). The cancellation has its own key,
  `press-briefing:<pk>:cancel`, and goes out once.
- The press room keeps its own record of every e-mail (BriefingInvitation: who, which version,
  when, under which outbox key), unique per key and address, written with the message: who holds
  a copy is read from it, never from the outbox's tables.
- Each service locks the briefing's row for its transaction: two staff acting at once raise
  SEQUENCE twice, never to the same number. Messages are written in that transaction and sent
  after commit (notifications.notify_address); the briefing's history names who did what.
- The status moves only through these services (`briefing_save` refuses a changed status), so a
  cancellation or postponement is never saved without its e-mail."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.pagecache import bump_public_version
from pressroom.models import (
    BriefingStatus,
    PressBriefing,
)
from pressroom.services.invitations import (
    CANCELLATION,
    INVITATION,
    POSTPONEMENT,
    UPDATE,
    audience,
    briefing_when,
    cancellation_key,
    dedupe_key,
    send_emails,
)

# Statuses in which a briefing is still to come: only these announce changes.
UPCOMING = (BriefingStatus.PLANNED, BriefingStatus.INVITED, BriefingStatus.POSTPONED)
# Fields only these services write; an edit from a form never overwrites them.
SERVICE_FIELDS = ("uid", "sequence", "invited_sequence", "cancelled_sent_at")


def briefing_save(*, briefing: PressBriefing, user) -> int:
    """Save a briefing as edited in the admin (new or changed). Returns the e-mails written.

    A new briefing starts as planned. For an existing one, a change of time or place of an
    announced, upcoming briefing raises SEQUENCE and e-mails the update (old → new) to everyone
    holding a copy; the new time must not have passed. Other fields are saved without e-mail.
    A changed status is refused: statuses move through the other services of this module.
    """
    with transaction.atomic():
        transaction.on_commit(bump_public_version)
        briefing.location = briefing.location.strip()
        if briefing.pk is None:
            _check_edit(briefing, None)
            briefing.full_clean(exclude=["lists"])
            _save(briefing, user, "Tạo họp báo")
            return 0
        stored = PressBriefing.objects.select_for_update().get(pk=briefing.pk)
        for field in SERVICE_FIELDS:
            setattr(briefing, field, getattr(stored, field))
        briefing.full_clean(exclude=["lists"])
        changes = _check_edit(briefing, stored)
        if not changes:
            _save(briefing, user, "Sửa họp báo")
            return 0
        briefing.sequence = stored.sequence + 1
        briefing.invited_sequence = briefing.sequence
        labels = ", ".join(label.lower() for label, _old, _new in changes)
        _save(briefing, user, f"Đổi {labels} (lần sửa {briefing.sequence})")
        return send_emails(
            briefing=briefing,
            kind=UPDATE,
            key=dedupe_key(briefing, briefing.sequence),
            recipients=audience(briefing, with_lists=False),
            changes=changes,
        )


def briefing_validate(*, briefing: PressBriefing) -> None:
    """The checks `briefing_save` makes of an edit, without saving: for a form, so that the
    ValidationError (keyed by field) shows on the form instead of failing the save."""
    stored = PressBriefing.objects.filter(pk=briefing.pk).first() if briefing.pk else None
    _check_edit(briefing, stored)


def _check_edit(briefing: PressBriefing, stored: PressBriefing | None) -> list[list[str]]:
    """Refuse what an edit may not do; return the change of time or place to announce ([] when
    there is none, or nobody to tell)."""
    if stored is None:
        if briefing.status != BriefingStatus.PLANNED:
            raise ValidationError(
                {"status": "Buổi họp báo mới ở trạng thái dự kiến; gửi giấy mời sau khi lưu."}
            )
        return []
    if briefing.status != stored.status:
        raise ValidationError(
            {
                "status": "Trạng thái chỉ đổi bằng các thao tác gửi giấy mời, tạm hoãn, hủy "
                "hoặc đánh dấu đã tổ chức, để người được mời nhận đúng thư báo."
            }
        )
    if briefing.starts_at is None or briefing.ends_at is None:
        return []  # a form's own errors on these fields come first
    if stored.status not in UPCOMING or not _is_announced(stored):
        return []
    changes = _schedule_changes(stored, briefing)
    if changes and briefing.starts_at <= timezone.now():
        raise ValidationError(
            {"starts_at": "Giờ bắt đầu mới đã qua; hãy kiểm tra lại ngày, giờ họp báo."}
        )
    return changes


def briefing_reschedule(
    *,
    briefing: PressBriefing,
    user,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    location: str,
) -> int:
    """Move the briefing to a new time and/or place; everything else stays as stored. Same
    guarantees as `briefing_save`. Returns the e-mails written (0 when nothing changed or the
    briefing was not announced yet)."""
    with transaction.atomic():
        briefing.refresh_from_db(from_queryset=PressBriefing.objects.select_for_update())
        briefing.starts_at, briefing.ends_at, briefing.location = starts_at, ends_at, location
        return briefing_save(briefing=briefing, user=user)


def briefing_invite(*, briefing: PressBriefing, user) -> int:
    """E-mail the invitation (METHOD:REQUEST) to the active contacts of the briefing's lists and
    to the reporters registered, each address once per version; the briefing becomes invited.
    Inviting again sends only to addresses without the current version. After a postponement the
    invitation is a new version (SEQUENCE + 1) and goes to everyone holding the old one too.
    Refused for a cancelled, held or past briefing. Returns the e-mails written."""
    with transaction.atomic():
        briefing.refresh_from_db(from_queryset=PressBriefing.objects.select_for_update())
        if briefing.status == BriefingStatus.CANCELLED:
            raise ValidationError("Buổi họp báo đã hủy; không gửi giấy mời.")
        if briefing.status == BriefingStatus.HELD:
            raise ValidationError("Buổi họp báo đã tổ chức; không gửi giấy mời.")
        if briefing.starts_at <= timezone.now():
            raise ValidationError("Buổi họp báo đã đến giờ hoặc đã qua; không gửi giấy mời.")
        resumed = briefing.status == BriefingStatus.POSTPONED
        if resumed:
            briefing.sequence += 1
            briefing.status_note = ""
        briefing.status = BriefingStatus.INVITED
        briefing.invited_sequence = briefing.sequence
        _save(briefing, user, f"Gửi giấy mời (lần sửa {briefing.sequence})")
        transaction.on_commit(bump_public_version)
        return send_emails(
            briefing=briefing,
            kind=INVITATION,
            key=dedupe_key(briefing, briefing.sequence),
            recipients=audience(briefing, with_lists=True),
            resumed=resumed,
        )


def briefing_postpone(*, briefing: PressBriefing, user, note: str) -> int:
    """Postpone with a public note (the reason, the expected new time). An announced briefing
    gets a new version with STATUS:TENTATIVE, e-mailed to everyone holding a copy; postponing
    again with the same note does nothing. Refused for a cancelled or held briefing. Returns the
    e-mails written."""
    note = note.strip()
    if not note:
        raise ValidationError(
            {"status_note": "Hãy ghi lý do tạm hoãn (và thời gian dự kiến mới, nếu đã có)."}
        )
    with transaction.atomic():
        briefing.refresh_from_db(from_queryset=PressBriefing.objects.select_for_update())
        if briefing.status in (BriefingStatus.CANCELLED, BriefingStatus.HELD):
            raise ValidationError(
                f"Buổi họp báo {briefing.get_status_display().lower()}; không thể tạm hoãn."
            )
        if briefing.status == BriefingStatus.POSTPONED and briefing.status_note == note:
            return 0
        announced = _is_announced(briefing)
        briefing.status = BriefingStatus.POSTPONED
        briefing.status_note = note
        briefing.full_clean(exclude=["lists"])
        if announced:
            briefing.sequence += 1
            briefing.invited_sequence = briefing.sequence
        _save(briefing, user, "Tạm hoãn")
        transaction.on_commit(bump_public_version)
        if not announced:
            return 0
        return send_emails(
            briefing=briefing,
            kind=POSTPONEMENT,
            key=dedupe_key(briefing, briefing.sequence),
            recipients=audience(briefing, with_lists=False),
            urgent=True,
        )


def briefing_cancel(*, briefing: PressBriefing, user, note: str) -> int:
    """Cancel with a public note. An announced briefing gets its last version (SEQUENCE + 1,
    METHOD:CANCEL, the same UID), e-mailed once to everyone holding a copy; `cancelled_sent_at`
    records when. Cancelling a cancelled briefing does nothing. Refused for a held briefing.
    Returns the e-mails written."""
    note = note.strip()
    if not note:
        raise ValidationError({"status_note": "Hãy ghi lý do hủy buổi họp báo."})
    with transaction.atomic():
        briefing.refresh_from_db(from_queryset=PressBriefing.objects.select_for_update())
        if briefing.status == BriefingStatus.CANCELLED:
            return 0
        if briefing.status == BriefingStatus.HELD:
            raise ValidationError("Buổi họp báo đã tổ chức; không thể hủy.")
        announced = _is_announced(briefing)
        briefing.status = BriefingStatus.CANCELLED
        briefing.status_note = note
        briefing.full_clean(exclude=["lists"])
        if announced:
            briefing.sequence += 1
            briefing.invited_sequence = briefing.sequence
            briefing.cancelled_sent_at = timezone.now()
        _save(briefing, user, "Hủy họp báo")
        transaction.on_commit(bump_public_version)
        if not announced:
            return 0
        return send_emails(
            briefing=briefing,
            kind=CANCELLATION,
            key=cancellation_key(briefing),
            recipients=audience(briefing, with_lists=False),
            method="CANCEL",
            urgent=True,
        )


def briefing_mark_held(*, briefing: PressBriefing, user, outcome_html: str = "") -> PressBriefing:
    """Record that the briefing took place, with its outcome (sanitised HTML) when given; may be
    called again to add the outcome later. E-mails nobody. Refused for a cancelled briefing or
    before its start."""
    with transaction.atomic():
        briefing.refresh_from_db(from_queryset=PressBriefing.objects.select_for_update())
        if briefing.status == BriefingStatus.CANCELLED:
            raise ValidationError("Buổi họp báo đã hủy; không thể đánh dấu đã tổ chức.")
        if briefing.starts_at > timezone.now():
            raise ValidationError("Buổi họp báo chưa đến giờ; chưa thể đánh dấu đã tổ chức.")
        briefing.status = BriefingStatus.HELD
        if outcome_html.strip():
            briefing.outcome = outcome_html  # sanitised by save()
        _save(briefing, user, "Đã tổ chức")
        transaction.on_commit(bump_public_version)
    return briefing


def _save(briefing: PressBriefing, user, reason: str) -> None:
    briefing._history_user = user
    briefing._change_reason = reason[:100]
    briefing.save()


def _is_announced(briefing: PressBriefing) -> bool:
    return briefing.invited_sequence is not None or briefing.registrations.exists()


def _schedule_changes(old: PressBriefing, new: PressBriefing) -> list[list[str]]:
    """[label, before, after] for time and place, as readers see them; unchanged ones left out.
    Compared to the minute: the calendar file carries no seconds."""

    def minute(value: dt.datetime) -> dt.datetime:
        return value.replace(second=0, microsecond=0)

    changes = []
    if (minute(old.starts_at), minute(old.ends_at)) != (minute(new.starts_at), minute(new.ends_at)):
        changes.append(
            [
                "Thời gian",
                briefing_when(old.starts_at, old.ends_at),
                briefing_when(new.starts_at, new.ends_at),
            ]
        )
    if old.location.strip() != new.location.strip():
        changes.append(["Địa điểm", old.location, new.location])
    return changes
