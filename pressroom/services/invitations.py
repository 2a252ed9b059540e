"""The e-mails of a press briefing: who holds a copy of which version, the invitation trio with
its .ics, and the press room's record of each e-mail (BriefingInvitation)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.richtext import html_to_text
from core.vietnamese import format_date_long, format_weekday
from notifications.models import RecipientRole
from notifications.selectors import delivery_states
from notifications.services import notify_address
from pressroom.events import PressEvent
from pressroom.ics import briefing_calendar
from pressroom.models import (
    BriefingInvitation,
    BriefingStatus,
    InvitationKind,
    PressBriefing,
    PressContact,
    Registration,
    Spokesperson,
)
from pressroom.services.contacts import contacts_of

INVITATION_TEMPLATE = "pressroom/emails/invitation"
ICS_FILENAME = "hop-bao.ics"

# The kinds of e-mail of the invitation trio (its context's "kind", and the record's).
INVITATION = InvitationKind.INVITATION.value
UPDATE = InvitationKind.UPDATE.value
POSTPONEMENT = InvitationKind.POSTPONEMENT.value
CANCELLATION = InvitationKind.CANCELLATION.value
SUBJECTS = {
    INVITATION: "Giấy mời họp báo: {title}",
    UPDATE: "Thay đổi thời gian, địa điểm họp báo: {title}",
    POSTPONEMENT: "Tạm hoãn họp báo: {title}",
    CANCELLATION: "Hủy họp báo: {title}",
}


def dedupe_key(briefing: PressBriefing, sequence: int) -> str:
    return f"press-briefing:{briefing.pk}:seq:{sequence}"


def cancellation_key(briefing: PressBriefing) -> str:
    return f"press-briefing:{briefing.pk}:cancel"


def invitation_log(briefing: PressBriefing) -> list[BriefingInvitation]:
    """Every e-mail of this briefing's invitation, updates and cancellation, oldest first; each
    record's `delivery` is its message's state in the notifications outbox (None if it has
    none)."""
    records = list(briefing.invitations.all())
    states = delivery_states(dedupe_keys={r.dedupe_key for r in records})
    for record in records:
        record.delivery = states.get((record.dedupe_key, record.email.lower()))
    return records


def briefing_when(starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    """The time as Vietnamese readers write it, in the portal's time zone:
    "từ 8 giờ 30 đến 10 giờ, thứ Tư, ngày 5 tháng 8 năm 2020"."""
    starts, ends = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if starts.date() == ends.date():
        return f"từ {_clock(starts)} đến {_clock(ends)}, {_day(starts)}"
    return f"từ {_clock(starts)}, {_day(starts)} đến {_clock(ends)}, {_day(ends)}"


def _clock(moment: dt.datetime) -> str:
    return f"{moment.hour} giờ {moment.minute:02d}" if moment.minute else f"{moment.hour} giờ"


def _day(moment: dt.datetime) -> str:
    weekday = format_weekday(moment)
    return f"{weekday[:1].lower()}{weekday[1:]}, {format_date_long(moment)}"


@dataclass(frozen=True)
class Invitee:
    """Whom an e-mail of the briefing goes to, as addressed now."""

    email: str
    name: str
    organisation: str = ""
    title: str = ""
    contact: PressContact | None = None
    registration: Registration | None = None

    @classmethod
    def of_contact(cls, contact: PressContact) -> Invitee:
        return cls(
            email=contact.email,
            name=contact.name,
            organisation=contact.outlet.name,
            title=contact.title,
            contact=contact,
        )

    @classmethod
    def of_registration(cls, registration: Registration) -> Invitee:
        # Greeted by name only, as the confirmation of their registration was.
        return cls(email=registration.email, name=registration.name, registration=registration)


def _holders(briefing: PressBriefing) -> list[Invitee]:
    """Whoever was e-mailed a version of this briefing (their calendars hold it), as the press
    room's record says: a contact at their current address while they and their outlet are
    active, anyone else as they were addressed."""
    holders = []
    records = (
        briefing.invitations.exclude(kind=CANCELLATION)
        .select_related("contact__outlet", "registration")
        .order_by("pk")
    )
    for record in records:
        contact = record.contact
        if contact is not None:
            if contact.is_active and contact.outlet.is_active:
                holders.append(Invitee.of_contact(contact))
        else:
            holders.append(
                Invitee(
                    email=record.email,
                    name=record.name,
                    organisation=record.organisation,
                    registration=record.registration,
                )
            )
    return holders


def audience(briefing: PressBriefing, *, with_lists: bool) -> list[Invitee]:
    """Holders of a copy, registered reporters and (for an invitation) the lists' active
    contacts: one invitee per address."""
    candidates = (
        [Invitee.of_contact(c) for c in contacts_of(briefing.lists.all())] if with_lists else []
    )
    candidates += _holders(briefing)
    candidates += [Invitee.of_registration(r) for r in briefing.registrations.all()]
    chosen: list[Invitee] = []
    seen: set[str] = set()
    for invitee in candidates:
        address = invitee.email.lower()
        if address not in seen:
            seen.add(address)
            chosen.append(invitee)
    return chosen


class _NotWritten(Exception):
    """The outbox wrote nothing for this address: no record either."""


def send_emails(
    *,
    briefing: PressBriefing,
    kind: str,
    key: str,
    recipients: list[Invitee],
    changes: list[list[str]] | None = None,
    method: str = "REQUEST",
    resumed: bool = False,
    urgent: bool = False,
) -> int:
    """Write the e-mail of this version to each invitee whose address does not have it yet, and
    record it (both or neither). Returns the e-mails written."""
    have = {
        e.lower()
        for e in briefing.invitations.filter(dedupe_key=key).values_list("email", flat=True)
    }
    subject = SUBJECTS[kind].format(title=briefing.title)[:300]
    context = _context(briefing, kind=kind, changes=changes or [], method=method, resumed=resumed)
    written = 0
    for invitee in recipients:
        if invitee.email.lower() in have:
            continue
        try:
            with transaction.atomic():
                BriefingInvitation.objects.create(
                    briefing=briefing,
                    kind=kind,
                    sequence=briefing.sequence,
                    contact=invitee.contact,
                    registration=invitee.registration,
                    name=invitee.name,
                    organisation=invitee.organisation,
                    email=invitee.email,
                    subject=subject,
                    dedupe_key=key,
                )
                message = notify_address(
                    event=PressEvent.BRIEFING,
                    subject=subject,
                    dedupe_key=key,
                    email=invitee.email,
                    name=invitee.name,
                    title=invitee.title,
                    organisation=invitee.organisation,
                    role=RecipientRole.PRESS if invitee.contact else RecipientRole.PUBLIC,
                    template=INVITATION_TEMPLATE,
                    context=context,
                    urgent=urgent,
                )
                if message is None:
                    raise _NotWritten
        except (IntegrityError, _NotWritten):
            continue
        written += 1
    return written


def _context(
    briefing: PressBriefing, *, kind: str, changes: list[list[str]], method: str, resumed: bool
) -> dict:
    """What the invitation trio shows (stored as JSON on each message: strings and lists only)."""
    when = briefing_when(briefing.starts_at, briefing.ends_at)
    facts = [["Thời gian", when[:1].upper() + when[1:]], ["Địa điểm", briefing.location]]
    if briefing.chair:
        facts.append(["Chủ trì", briefing.chair])
    if briefing.participants:
        facts.append(["Thành phần", briefing.participants])
    contact = _spokesperson()
    if contact:
        facts.append(["Liên hệ", contact])
    return {
        "kind": kind,
        "resumed": resumed,
        "postponed": briefing.status == BriefingStatus.POSTPONED,
        "title": briefing.title,
        "wave": briefing.get_wave_display(),
        "when": when,
        "location": briefing.location,
        "facts": facts,
        "changes": changes,
        "note": briefing.status_note,
        "agenda_html": briefing.agenda,  # sanitised on save
        "agenda_text": html_to_text(briefing.agenda),
        "registration_open": briefing.is_open_for_registration,
        "url": briefing.get_absolute_url(),
        "sequence": briefing.sequence,
        "attachments": [
            {
                "filename": ICS_FILENAME,
                "content": briefing_calendar(briefing, method=method),
                # Django adds charset="utf-8" itself; naming it here would repeat the parameter.
                "mimetype": f"text/calendar; method={method}",
            }
        ],
    }


def _spokesperson() -> str:
    person = Spokesperson.objects.filter(is_default=True).first()
    if person is None:
        return ""
    reach = ", ".join(p for p in (person.phone, person.email) if p)
    return f"{person.name}, {person.title}" + (f" ({reach})" if reach else "")
