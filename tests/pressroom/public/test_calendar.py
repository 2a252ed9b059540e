"""/lich-thi/: the exam calendar lists the announced press briefings of the exam's year."""

from __future__ import annotations

from pressroom.models import BriefingStatus
from tests.factories import at
from tests.pressroom.public.conftest import page_of


def test_the_calendar_lists_announced_briefings_but_not_a_planned_one(
    client, exam, morning, make_briefing
):
    announced = make_briefing(title="Họp báo trước Kỳ thi")
    make_briefing(title="Họp báo mới dự kiến", status=BriefingStatus.PLANNED)
    make_briefing(title="Họp báo năm trước", starts_at=at(2019, 6, 20, 8, 0))

    page = page_of(client.get("/lich-thi/"))

    briefings = page.split('id="lich-hop-bao"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="{announced.get_absolute_url()}">Họp báo trước Kỳ thi</a>' in briefings
    assert "Thứ Năm, 6/8/2020, 08:00" in briefings
    assert "Họp báo mới dự kiến" not in page
    assert "Họp báo năm trước" not in page


def test_without_an_announced_briefing_the_calendar_has_no_briefing_section(
    client, exam, morning, make_briefing
):
    make_briefing(status=BriefingStatus.PLANNED)

    assert 'id="lich-hop-bao"' not in page_of(client.get("/lich-thi/"))
