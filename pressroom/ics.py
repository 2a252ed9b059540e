"""iCalendar (RFC 5545) of a press briefing, for its page's .ics and the e-mailed invitations
(RFC 5546 iTIP: METHOD REQUEST for an invitation or an update, CANCEL for a cancellation,
PUBLISH for a file someone downloads)."""

from __future__ import annotations

import datetime as dt
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from camau_exam_portal.richtext import html_to_text
from pressroom.models import BriefingStatus, PressBriefing

PRODID = "-//So GD&DT Ca Mau//Cong thong tin Ky thi tot nghiep THPT//VI"
METHODS = ("PUBLISH", "REQUEST", "CANCEL")


def briefing_calendar(briefing: PressBriefing, *, method: str = "PUBLISH") -> str:
    """The VCALENDAR of one briefing: its stable UID, its current SEQUENCE, times in
    Asia/Ho_Chi_Minh with the VTIMEZONE that names them, and STATUS (CANCELLED for a
    cancellation, TENTATIVE while postponed)."""
    if method not in METHODS:
        raise ValueError(f"Unknown iTIP method {method!r}")
    zone = timezone.get_default_timezone()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)

    event = Event()
    event.add("uid", f"hop-bao-{briefing.uid}@{settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN}")
    event.add("sequence", briefing.sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", briefing.starts_at.astimezone(zone))
    event.add("dtend", briefing.ends_at.astimezone(zone))
    event.add("summary", briefing.title)
    event.add("location", vText(briefing.location))
    description = [briefing.get_wave_display()]
    if briefing.chair:
        description.append(f"Chủ trì: {briefing.chair}")
    if briefing.participants:
        description.append(f"Thành phần: {briefing.participants}")
    if briefing.agenda:
        description.append(f"Nội dung: {html_to_text(briefing.agenda)}")
    if briefing.status_note:
        description.append(briefing.status_note)
    description.append(f"{settings.SITE_URL}{briefing.get_absolute_url()}")
    event.add("description", "\n".join(description))
    event.add("url", f"{settings.SITE_URL}{briefing.get_absolute_url()}")
    if method == "CANCEL" or briefing.status == BriefingStatus.CANCELLED:
        event.add("status", "CANCELLED")
    elif briefing.status == BriefingStatus.POSTPONED:
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    if method in ("REQUEST", "CANCEL"):
        organizer = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
        organizer.params["cn"] = vText("Sở Giáo dục và Đào tạo Cà Mau")
        event["organizer"] = organizer
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode("utf-8")
