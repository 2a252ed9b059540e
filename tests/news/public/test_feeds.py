"""RSS and Atom feeds of the news column (/feeds/)."""

import calendar
import datetime as dt

import feedparser
import pytest
from django.utils import timezone

from news.models import Category, Status

FEEDS = ["/feeds/tin-tuc/rss/", "/feeds/tin-tuc/atom/"]


def parse(client, path):
    response = client.get(path)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize("path", FEEDS)
def test_feed_lists_only_published_articles_newest_first(
    client, make_article, hidden_articles, path
):
    older = make_article(title="Bài cũ hơn")
    newer = make_article(title="Bài mới hơn", publish_at=timezone.now() - dt.timedelta(minutes=30))
    due = make_article(
        title="Bài hẹn giờ đã đến giờ",
        status=Status.SCHEDULED,
        publish_at=timezone.now() - dt.timedelta(minutes=5),
    )

    _response, feed = parse(client, path)

    assert [entry.title for entry in feed.entries] == [due.title, newer.title, older.title]
    shown = {entry.title for entry in feed.entries}
    assert not shown & {article.title for article in hidden_articles.values()}


@pytest.mark.parametrize("path", FEEDS)
def test_feed_entries_carry_summary_dates_category_and_absolute_link(client, make_article, path):
    article = make_article(
        title="Lịch thi chính thức", summary="Thí sinh làm thủ tục dự thi ngày 8/8."
    )

    _response, feed = parse(client, path)

    assert feed.feed.language == "vi"
    assert feed.feed.title.startswith("Tin tức")
    assert feed.feed.link == "http://testserver/tin-tuc/"
    [entry] = feed.entries
    assert entry.link == f"http://testserver/tin-tuc/{article.slug}/"
    assert entry.summary == "Thí sinh làm thủ tục dự thi ngày 8/8."
    assert [tag.term for tag in entry.tags] == ["Thông báo"]
    assert calendar.timegm(entry.published_parsed) == int(article.publish_at.timestamp())
    # Atom dates each entry's last change; RSS has no such element, its channel's lastBuildDate
    # is the newest change.
    updated = entry.updated_parsed if "atom" in path else feed.feed.updated_parsed
    assert calendar.timegm(updated) == int(article.updated_at.timestamp())


def test_feeds_give_the_twenty_newest_articles(client, make_article):
    articles = [make_article() for _ in range(23)]

    for path in FEEDS:
        _response, feed = parse(client, path)
        assert [e.title for e in feed.entries] == [a.title for a in articles[:20]]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_category_feed_lists_only_that_categorys_articles(client, make_article, kind):
    notice = make_article(title="Thông báo về lịch thi", category="thong-bao")
    make_article(title="Kết quả thi đã có", category="ket-qua-thi")
    make_article(title="Bản nháp thông báo", category="thong-bao", status=Status.DRAFT)

    _response, feed = parse(client, f"/feeds/chuyen-muc/thong-bao/{kind}/")

    assert [entry.title for entry in feed.entries] == [notice.title]
    assert "Thông báo" in feed.feed.title
    assert feed.feed.link == "http://testserver/chuyen-muc/thong-bao/"


def test_feed_of_an_unknown_or_hidden_category_is_not_found(client, db):
    Category.objects.filter(slug="ket-qua-thi").update(is_active=False)

    assert client.get("/feeds/chuyen-muc/khong-co/rss/").status_code == 404
    assert client.get("/feeds/chuyen-muc/ket-qua-thi/atom/").status_code == 404


def test_feed_refuses_post(client, db):
    assert client.post("/feeds/tin-tuc/rss/").status_code == 405


def test_feeds_page_explains_and_lists_every_feed(client, db):
    Category.objects.filter(slug="ket-qua-thi").update(is_active=False)

    response = client.get("/feeds/")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert "<h1>Kênh tin RSS, Atom</h1>" in page
    assert 'href="/feeds/tin-tuc/rss/"' in page
    assert 'href="/feeds/tin-tuc/atom/"' in page
    assert 'href="/feeds/chuyen-muc/thong-bao/rss/"' in page
    assert 'href="/feeds/chuyen-muc/thong-bao/atom/"' in page
    assert "/feeds/chuyen-muc/ket-qua-thi/" not in page
    assert 'type="application/rss+xml"' in page
    for other in ("/feeds/van-ban/", "/feeds/hoi-dap/", "/feeds/thong-cao/"):
        assert f'href="{other}rss/"' in page and f'href="{other}atom/"' in page


@pytest.mark.parametrize("path", [*FEEDS, "/feeds/chuyen-muc/thong-bao/rss/"])
def test_feed_query_count_does_not_grow_with_the_number_of_articles(
    make_article, count_queries, path
):
    for _ in range(3):
        make_article()
    few = count_queries(path)
    for _ in range(22):
        make_article()

    assert count_queries(path) == few
