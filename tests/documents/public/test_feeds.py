"""The feed of new documents (/feeds/van-ban/rss/ and /feeds/van-ban/atom/)."""

import calendar
import datetime as dt

import feedparser
import pytest
from django.utils import timezone

FEEDS = ["/feeds/van-ban/rss/", "/feeds/van-ban/atom/"]


def parse(client, path):
    response = client.get(path)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize("path", FEEDS)
def test_the_feed_lists_published_documents_newest_published_first(
    client, make_document, hidden_documents, path
):
    older = make_document(summary="Văn bản đăng trước")
    newer = make_document(
        summary="Văn bản đăng sau", publish_at=timezone.now() - dt.timedelta(minutes=1)
    )

    _response, feed = parse(client, path)

    assert [entry.link for entry in feed.entries] == [
        f"http://testserver{newer.get_absolute_url()}",
        f"http://testserver{older.get_absolute_url()}",
    ]
    shown = " ".join(entry.title + entry.summary for entry in feed.entries)
    for hidden in hidden_documents.values():
        assert hidden.number_symbol not in shown


@pytest.mark.parametrize("path", FEEDS)
def test_an_entry_carries_type_symbol_summary_body_date_and_categories(client, make_document, path):
    document = make_document("1423/KH-SGDĐT", issued_on=dt.date(2020, 7, 17),
                             summary="Kế hoạch truyền thông về Kỳ thi")  # fmt: skip

    response, feed = parse(client, path)

    assert response["Cache-Control"] == "public, max-age=300"
    assert feed.feed.title == "Văn bản mới"
    assert feed.feed.language == "vi"
    assert feed.feed.link == "http://testserver/van-ban/"
    [entry] = feed.entries
    assert entry.title == "Kế hoạch 1423/KH-SGDĐT: Kế hoạch truyền thông về Kỳ thi"
    assert entry.summary == (
        "Sở Giáo dục và Đào tạo Cà Mau ban hành ngày 17/7/2020. Kế hoạch truyền thông về Kỳ thi"
    )
    assert [tag.term for tag in entry.tags] == ["Kế hoạch", "Sở Giáo dục và Đào tạo Cà Mau"]
    assert calendar.timegm(entry.published_parsed) == int(document.publish_at.timestamp())


@pytest.mark.parametrize("path", FEEDS)
def test_the_feed_has_the_twenty_newest(client, make_document, path):
    documents = [make_document() for _ in range(25)]
    _response, feed = parse(client, path)
    assert [e.link for e in feed.entries] == [
        f"http://testserver{d.get_absolute_url()}" for d in documents[:20]
    ]


def test_the_feed_runs_a_fixed_number_of_queries(
    client, make_document, django_assert_max_num_queries
):
    for _ in range(25):
        make_document()
    client.get("/feeds/van-ban/rss/")
    with django_assert_max_num_queries(3):
        client.get("/feeds/van-ban/rss/")
