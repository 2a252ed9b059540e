"""The published hotline lines on /duong-day-nong/, in every footer and in the home page's box."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from core.models import SiteInfo
from hotline.models import HotlineLine, LineKind

TODAY = dt.date(2020, 7, 20)
NOW = dt.datetime(2020, 7, 20, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture(autouse=True)
def _mid_july_2020():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def lines(exam):
    day = dt.timedelta(days=1)
    return {
        "hotline": HotlineLine.objects.create(
            name="Đường dây nóng Sở GD&ĐT",
            role="Văn phòng Sở",
            phone="0123 3000 234",
            email="duongdaynong@example.org",
            hours="7:00–21:00 hằng ngày",
            active_from=TODAY - 5 * day,
            active_until=TODAY + 30 * day,
            order=1,
        ),
        "focal": HotlineLine.objects.create(
            kind=LineKind.FOCAL_POINT,
            name="Trần Văn Đầu Mối",
            role="Phó Chánh Văn phòng",
            phone="0123 111 222",
            order=2,
        ),
        "expired": HotlineLine.objects.create(
            name="Đường dây năm trước", phone="0123 000 001", active_until=TODAY - day
        ),
        "future": HotlineLine.objects.create(
            name="Đường dây đợt 2", phone="0123 000 002", active_from=TODAY + day
        ),
        "unpublished": HotlineLine.objects.create(
            name="Đường dây chưa công bố", phone="0123 000 003", is_published=False
        ),
    }


def region(page: str, start: str, end: str) -> str:
    return page.split(start, 1)[1].split(end, 1)[0]


def footer(page: str) -> str:
    return region(page, '<footer class="site-footer">', "</footer>")


def home_box(page: str) -> str:
    return region(page, 'aria-labelledby="hop-duong-day-nong"', "</section>")


def contact_box(page: str) -> str:
    return region(page, 'aria-labelledby="lien-he"', "</section>")


def assert_shows_active_lines_only(html: str) -> None:
    assert "Đường dây nóng Sở GD&amp;ĐT" in html
    assert '<a href="tel:01233000234">0123 3000 234</a>' in html
    assert '<a href="mailto:duongdaynong@example.org">duongdaynong@example.org</a>' in html
    assert "7:00–21:00 hằng ngày" in html
    assert "Đầu mối thông tin, truyền thông" in html and "Trần Văn Đầu Mối" in html
    assert "Phó Chánh Văn phòng" in html
    assert html.index("Đường dây nóng Sở GD") < html.index("Trần Văn Đầu Mối")  # their order
    for hidden in ("Đường dây năm trước", "Đường dây đợt 2", "Đường dây chưa công bố"):
        assert hidden not in html


def test_the_contact_page_lists_the_active_lines(client, lines):
    page = client.get("/duong-day-nong/").content.decode()

    assert_shows_active_lines_only(contact_box(page))
    assert_shows_active_lines_only(footer(page))


def test_the_home_page_box_and_footer_list_the_active_lines(client, lines):
    page = client.get("/").content.decode()

    assert_shows_active_lines_only(home_box(page))
    assert_shows_active_lines_only(footer(page))


def test_without_an_active_line_the_agencys_hotline_is_shown(client, exam):
    SiteInfo.objects.update_or_create(
        pk=1, defaults={"hotline_phone": "0123 456 780", "hotline_hours": "Giờ hành chính"}
    )
    HotlineLine.objects.create(name="Đường dây năm trước", phone="0123 000 001", is_published=False)

    page = client.get("/").content.decode()

    for html in (home_box(page), footer(page)):
        assert '<a href="tel:0123456780">0123 456 780</a>' in html
        assert "Đường dây năm trước" not in html


def test_a_line_saved_in_admin_shows_at_once_on_cached_pages(
    client, lines, django_capture_on_commit_callbacks
):
    assert "Đường dây bổ sung" not in client.get("/").content.decode()  # now cached

    with django_capture_on_commit_callbacks(execute=True):
        HotlineLine.objects.create(name="Đường dây bổ sung", phone="0123 999 888")

    assert "Đường dây bổ sung" in home_box(client.get("/").content.decode())

    with django_capture_on_commit_callbacks(execute=True):
        lines["hotline"].delete()

    page = client.get("/").content.decode()
    assert "Đường dây nóng Sở GD" not in page


def test_a_line_disappears_at_midnight_after_its_period_ends(client, lines):
    lines["hotline"].active_until = TODAY
    lines["hotline"].save()
    before_midnight = dt.datetime.combine(TODAY, dt.time(23, 59), tzinfo=NOW.tzinfo)
    with time_machine.travel(before_midnight, tick=False):
        assert "Đường dây nóng Sở GD" in client.get("/duong-day-nong/").content.decode()

    # Two minutes later, well within the cached list's lifetime: a new day, a new list.
    with time_machine.travel(before_midnight + dt.timedelta(minutes=2), tick=False):
        assert timezone.localdate() == TODAY + dt.timedelta(days=1)
        page = client.get("/duong-day-nong/").content.decode()

    assert "Đường dây nóng Sở GD" not in page
    assert "Trần Văn Đầu Mối" in page
