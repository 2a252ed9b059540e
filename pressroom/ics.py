"""iCalendar (RFC 5545) of a press briefing, for its page's .ics and the e-mailed invitations
(RFC 5546 iTIP: METHOD REQUEST for an invitation or an update, CANCEL for a cancellation,
PUBLISH for a file someone downloads or a registration's confirmation).

Every version of one briefing carries the same UID; calendars replace the copy they hold by the
one with the higher SEQUENCE, which the services raise for each announced change.
"""

from __future__ import annotations

import datetime as dt
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from core.richtext import html_to_text
from pressroom.models import BriefingStatus, PressBriefing

PRODID = "-//So GD&DT Ca Mau//Cong thong tin Ky thi tot nghiep THPT//VI"
METHODS = ("PUBLISH", "REQUEST", "CANCEL")
ORGANIZER_NAME = "Sở Giáo dục và Đào tạo tỉnh Cà Mau"


def briefing_uid(briefing: PressBriefing) -> str:
    return f"hop-bao-{briefing.uid}@{settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN}"


def briefing_calendar(briefing: PressBriefing, *, method: str = "PUBLISH") -> str:
    """The VCALENDAR of one briefing: its stable UID, its current SEQUENCE, times in
    Asia/Ho_Chi_Minh to the minute with the VTIMEZONE that names them, and STATUS (CANCELLED for
    a cancellation, TENTATIVE while postponed, CONFIRMED otherwise). REQUEST and CANCEL name the
    portal's sender as ORGANIZER (RFC 5546 requires one); no ATTENDEE: one file serves every
    recipient."""
    if method not in METHODS:
        raise ValueError(f"Unknown iTIP method {method!r}")
    zone = timezone.get_default_timezone()
    starts = briefing.starts_at.astimezone(zone).replace(second=0, microsecond=0)
    ends = briefing.ends_at.astimezone(zone).replace(second=0, microsecond=0)
    cancelled = method == "CANCEL" or briefing.status == BriefingStatus.CANCELLED
    postponed = not cancelled and briefing.status == BriefingStatus.POSTPONED
    page = f"{settings.SITE_URL}{briefing.get_absolute_url()}"

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)

    event = Event()
    event.add("uid", briefing_uid(briefing))
    event.add("sequence", briefing.sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC).replace(microsecond=0))
    if briefing.updated_at:
        event.add("last-modified", briefing.updated_at.astimezone(dt.UTC).replace(microsecond=0))
    event.add("dtstart", starts)
    event.add("dtend", ends)
    prefix = "[Đã hủy] " if cancelled else "[Tạm hoãn] " if postponed else ""
    event.add("summary", f"{prefix}{briefing.title}")
    event.add("location", vText(briefing.location))
    description = []
    if cancelled:
        description.append("Buổi họp báo đã hủy.")
    elif postponed:
        description.append("Buổi họp báo tạm hoãn; thời gian trên là dự kiến.")
    if briefing.status_note:
        description.append(briefing.status_note)
    description.append(briefing.get_wave_display())
    if briefing.chair:
        description.append(f"Chủ trì: {briefing.chair}")
    if briefing.participants:
        description.append(f"Thành phần: {briefing.participants}")
    if briefing.agenda:
        description.append(f"Nội dung: {html_to_text(briefing.agenda)}")
    description.append(page)
    event.add("description", "\n".join(description))
    event.add("url", page)
    event.add("status", "CANCELLED" if cancelled else "TENTATIVE" if postponed else "CONFIRMED")
    if method in ("REQUEST", "CANCEL"):
        organizer = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
        organizer.params["cn"] = vText(ORGANIZER_NAME)
        event["organizer"] = organizer
    calendar.add_component(event)
    # The zone's rules around the briefing only: one STANDARD block (+07), not its 1970s history.
    calendar.add_missing_timezones(
        first_date=dt.date(starts.year - 1, 1, 1), last_date=dt.date(ends.year + 2, 1, 1)
    )
    return calendar.to_ical().decode("utf-8")
