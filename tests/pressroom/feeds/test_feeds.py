"""The feeds of press releases (/feeds/thong-cao/rss/ and /feeds/thong-cao/atom/)."""

import calendar
import datetime as dt

import pytest
from django.utils import timezone

from tests.pressroom.feeds.conftest import FEEDS, parse_feed


@pytest.mark.parametrize("path", FEEDS)
def test_the_feed_lists_published_releases_newest_first(
    client, make_release, hidden_releases, path
):
    older = make_release("Thông cáo công bố trước")
    newer = make_release(
        "Thông cáo công bố sau", publish_at=timezone.now() - dt.timedelta(minutes=1)
    )

    _response, feed = parse_feed(client, path)

    assert [entry.link for entry in feed.entries] == [
        f"http://testserver{newer.get_absolute_url()}",
        f"http://testserver{older.get_absolute_url()}",
    ]
    shown = " ".join(entry.title + entry.summary for entry in feed.entries)
    for hidden in hidden_releases.values():
        assert hidden.title not in shown


@pytest.mark.parametrize("path", FEEDS)
def test_an_item_carries_number_title_summary_and_the_time_of_publication(
    client, make_release, path
):
    release = make_release(
        "Tình hình tổ chức Kỳ thi ngày đầu",
        number="02/TCBC-SGDĐT",
        summary="Kỳ thi diễn ra an toàn, đúng quy chế tại 14 điểm thi.",
        body="<p>Nội dung <strong>đầy đủ</strong> chỉ có trên trang thông cáo.</p>",
    )

    response, feed = parse_feed(client, path)

    assert response["Cache-Control"] == "public, max-age=300"
    assert feed.feed.title == "Thông cáo báo chí"
    assert feed.feed.language == "vi"
    assert feed.feed.link == "http://testserver/bao-chi/"
    [item] = feed.entries
    assert item.title == "Thông cáo số 02/TCBC-SGDĐT: Tình hình tổ chức Kỳ thi ngày đầu"
    assert item.link == f"http://testserver/bao-chi/thong-cao/{release.slug}/"
    assert item.summary == "Kỳ thi diễn ra an toàn, đúng quy chế tại 14 điểm thi."
    assert calendar.timegm(item.published_parsed) == int(release.publish_at.timestamp())


@pytest.mark.parametrize("path", FEEDS)
def test_a_release_without_number_is_titled_by_its_title(client, make_release, path):
    make_release("Lịch họp báo sau Kỳ thi", number="")
    _response, feed = parse_feed(client, path)
    assert [item.title for item in feed.entries] == ["Lịch họp báo sau Kỳ thi"]


@pytest.mark.parametrize("path", FEEDS)
def test_the_feed_has_the_twenty_newest(client, make_release, path):
    releases = [make_release() for _ in range(25)]
    _response, feed = parse_feed(client, path)
    assert [entry.link for entry in feed.entries] == [
        f"http://testserver{release.get_absolute_url()}" for release in releases[:20]
    ]


def test_the_feed_runs_a_fixed_number_of_queries(
    client, make_release, django_assert_max_num_queries
):
    for _ in range(25):
        make_release()
    client.get("/feeds/thong-cao/rss/")
    with django_assert_max_num_queries(3):
        client.get("/feeds/thong-cao/rss/")
