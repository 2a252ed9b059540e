"""A briefing's invitation and its update reach each contact through the real worker and a real
SMTP server, each with a calendar part that a calendar accepts as the newer version."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from icalendar import Calendar

from pressroom.models import DistributionList, MediaOutlet, OutletKind, PressBriefing, PressContact
from pressroom.services.briefings import briefing_invite, briefing_reschedule, briefing_save
from pressroom.services.contacts import contact_save

pytestmark = pytest.mark.django_db(transaction=True)

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
QUIET = 1.5
CONTACTS = ["pv.a@example.org", "pv.b@example.org"]


def calendar_of(message) -> Calendar:
    [part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REQUEST"
    return Calendar.from_ical(part.get_content())


def test_an_invitation_then_a_change_of_time_reach_each_contact_as_sequence_0_then_1(
    embedded_broker, celery_worker_process, smtp_sink
):
    outlet = MediaOutlet.objects.create(name="Báo Mẫu Cà Mau", kind=OutletKind.LOCAL)
    press_list = DistributionList.objects.create(name="Báo chí địa phương")
    for n, address in enumerate(CONTACTS):
        press_list.contacts.add(
            contact_save(contact=PressContact(outlet=outlet, name=f"Phóng viên {n}", email=address))
        )
    celery_worker_process()

    # The Office works two weeks before the briefing; the worker sends at once, in real time.
    with time_machine.travel(dt.datetime(2020, 7, 20, 9, tzinfo=VN), tick=True):
        briefing = PressBriefing(
            title="Họp báo về Kỳ thi tốt nghiệp THPT năm 2020",
            wave=1,
            starts_at=dt.datetime(2020, 8, 5, 8, 30, tzinfo=VN),
            ends_at=dt.datetime(2020, 8, 5, 10, tzinfo=VN),
        )
        briefing_save(briefing=briefing, user=None)
        briefing.lists.add(press_list)
        assert briefing_invite(briefing=briefing, user=None) == 2
        assert (
            briefing_reschedule(
                briefing=briefing,
                user=None,
                starts_at=dt.datetime(2020, 8, 5, 14, tzinfo=VN),
                ends_at=dt.datetime(2020, 8, 5, 15, 30, tzinfo=VN),
                location=briefing.location,
            )
            == 2
        )

    smtp_sink.wait_for(4, timeout=60)
    messages = smtp_sink.wait_quiet(QUIET)

    by_to: dict[str, list[Calendar]] = {}
    for message in messages:
        by_to.setdefault(message["To"].addresses[0].addr_spec, []).append(calendar_of(message))
    assert sorted(by_to) == CONTACTS
    for calendars in by_to.values():
        events = sorted((c.events[0] for c in calendars), key=lambda e: int(e["sequence"]))
        assert [int(e["sequence"]) for e in events] == [0, 1]
        assert len({str(e["uid"]) for e in events}) == 1
        assert [e.decoded("dtstart").replace(tzinfo=None).hour for e in events] == [8, 14]
        assert all(e["dtstart"].params["TZID"] == "Asia/Ho_Chi_Minh" for e in events)
