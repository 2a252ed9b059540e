"""/bao-chi/hop-bao/<slug>/lich.ics: the briefing for a reporter's calendar."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from pressroom.models import BriefingStatus
from tests.factories import at


def test_the_calendar_file_is_the_briefing_in_ca_maus_time(client, morning, make_briefing):
    briefing = make_briefing(slug="hop-bao-dot-1")

    response = client.get("/bao-chi/hop-bao/hop-bao-dot-1/lich.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="hop-bao-hop-bao-dot-1.ics"'
    calendar = Calendar.from_ical(response.content.decode("utf-8"))
    assert str(calendar["METHOD"]) == "PUBLISH"
    event = calendar.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == briefing.title
    assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert event.decoded("DTSTART") == at(2020, 8, 6, 8, 0)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(hours=2)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]


def test_a_cancelled_briefings_file_says_it_is_cancelled(client, morning, make_briefing):
    briefing = make_briefing(status=BriefingStatus.CANCELLED)

    calendar = Calendar.from_ical(client.get(briefing.get_ics_url()).content.decode("utf-8"))

    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
