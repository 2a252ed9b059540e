"""/bao-chi/: published releases, announced briefings, the press contact, the media kit, feeds."""

from __future__ import annotations

import datetime as dt
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from pressroom.models import BriefingStatus, ReleaseStatus
from tests.factories import at
from tests.pressroom.public.conftest import EMBARGO, page_of

URL = "/bao-chi/"


def test_published_releases_are_listed_newest_first_with_number_date_and_summary(
    client, morning, make_release
):
    make_release(
        number="01/TCBC-SGDĐT", title="Thông cáo thứ nhất", publish_at=at(2020, 8, 1, 9, 0)
    )
    make_release(
        number="02/TCBC-SGDĐT",
        title="Thông cáo thứ hai",
        summary="Kết quả rà soát các điểm thi.",
        publish_at=at(2020, 8, 3, 9, 0),
    )
    make_release(title="Bản nháp chưa duyệt", status=ReleaseStatus.DRAFT, publish_at=at(2020, 8, 2))
    make_release(title="Thông cáo đã gỡ", status=ReleaseStatus.WITHDRAWN, withdrawn_reason="Sai.")
    make_release(title="Thông cáo chờ giờ công bố", publish_at=EMBARGO)

    page = page_of(client.get(URL))

    assert page.index("Thông cáo thứ hai") < page.index("Thông cáo thứ nhất")
    assert "Số 02/TCBC-SGDĐT" in page and "3/8/2020" in page
    assert "Kết quả rà soát các điểm thi." in page
    for hidden in ("Bản nháp chưa duyệt", "Thông cáo đã gỡ", "Thông cáo chờ giờ công bố"):
        assert hidden not in page


def test_a_release_appears_at_the_end_of_its_embargo_with_nobody_acting(
    client, morning, make_release
):
    make_release(title="Thông cáo chờ giờ công bố")
    # A minute before: the page is cached for longer than the two minutes this test spans.
    morning.move_to(EMBARGO - dt.timedelta(minutes=1), tick=False)
    assert "Thông cáo chờ giờ công bố" not in page_of(client.get(URL))
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    assert len(queries) == 0  # the page is served from the cache

    morning.move_to(EMBARGO + dt.timedelta(minutes=1), tick=False)

    assert "Thông cáo chờ giờ công bố" in page_of(client.get(URL))


def test_upcoming_and_past_briefings_are_shown_but_not_a_planned_one(
    client, morning, make_briefing
):
    make_briefing(title="Họp báo đợt 1", starts_at=at(2020, 8, 6, 8, 0))
    make_briefing(
        title="Họp báo đầu tháng",
        starts_at=at(2020, 8, 1, 14, 0),
        status=BriefingStatus.HELD,
    )
    make_briefing(title="Họp báo còn trong kế hoạch", status=BriefingStatus.PLANNED)
    make_briefing(
        title="Họp báo bị hoãn",
        starts_at=at(2020, 8, 7, 8, 0),
        status=BriefingStatus.POSTPONED,
        status_note="Hoãn do mưa bão.",
    )

    page = page_of(client.get(URL))

    upcoming = page.split('id="hop-bao-sap-toi"', 1)[1].split("</section>", 1)[0]
    past = page.split('id="hop-bao-da-qua"', 1)[1].split("</section>", 1)[0]
    assert "Họp báo đợt 1" in upcoming and "Thứ Năm, 6/8/2020, 08:00" in upcoming
    assert "Họp báo bị hoãn" in upcoming and "Tạm hoãn" in upcoming
    assert "Hoãn do mưa bão." in upcoming
    assert "Họp báo đầu tháng" in past and "Họp báo đầu tháng" not in upcoming
    assert "Họp báo còn trong kế hoạch" not in page


def test_a_briefing_moves_to_the_past_when_it_ends_with_nobody_acting(
    client, morning, make_briefing
):
    make_briefing(title="Họp báo sáng nay", starts_at=at(2020, 8, 5, 7, 30))
    morning.move_to(at(2020, 8, 5, 9, 29), tick=False)
    assert 'id="hop-bao-da-qua"' not in page_of(client.get(URL))

    morning.move_to(at(2020, 8, 5, 9, 31), tick=False)

    page = page_of(client.get(URL))
    assert "Họp báo sáng nay" in page.split('id="hop-bao-da-qua"', 1)[1]


def test_the_press_contact_is_the_default_spokesperson_with_links_to_call_and_write(
    client, db, spokesperson
):
    page = page_of(client.get(URL))

    contact = page.split('id="lien-he-bao-chi"', 1)[1].split("</section>", 1)[0]
    assert "Trần Văn Phát Ngôn" in contact and "Chánh Văn phòng Sở" in contact
    assert '<a href="tel:0123456789">0123 456 789</a>' in contact
    assert '<a href="mailto:phatngon@example.org">phatngon@example.org</a>' in contact


def test_the_media_kit_lists_published_files_with_description_size_and_type(
    client, db, make_kit_item
):
    item = make_kit_item(title="Số liệu Kỳ thi năm 2020", description="Số thí sinh, điểm thi.")
    make_kit_item(title="Tài liệu chưa công bố", is_published=False)

    page = page_of(client.get(URL))

    kit = page.split('id="tai-lieu-bao-chi"', 1)[1].split("</section>", 1)[0]
    assert f'href="{item.file.url}"' in kit
    assert "Số liệu Kỳ thi năm 2020" in kit and "Số thí sinh, điểm thi." in kit
    assert re.search(r"PDF · \d+,\d\sKB", kit)
    assert "Tài liệu chưa công bố" not in page


def test_the_page_links_the_release_feed_for_readers_and_feed_readers(client, db):
    page = page_of(client.get(URL))

    assert (
        '<link rel="alternate" type="application/rss+xml" title="Thông cáo báo chí (RSS)" '
        'href="/feeds/thong-cao/rss/">' in page
    )
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Thông cáo báo chí (Atom)" '
        'href="/feeds/thong-cao/atom/">' in page
    )
    assert '<a href="/feeds/thong-cao/rss/">' in page
    assert client.get("/feeds/thong-cao/rss/").status_code == 200  # the link leads somewhere
