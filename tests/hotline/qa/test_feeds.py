"""The feed of new Q&A entries (/feeds/hoi-dap/rss/ and /feeds/hoi-dap/atom/)."""

import calendar
import datetime as dt

import feedparser
import pytest
from django.utils import timezone

from hotline.models import QATopic

FEEDS = ["/feeds/hoi-dap/rss/", "/feeds/hoi-dap/atom/"]


def parse(client, path):
    response = client.get(path)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize("path", FEEDS)
def test_the_feed_lists_published_entries_newest_first(client, make_entry, hidden_entries, path):
    older = make_entry("Câu hỏi đăng trước")
    newer = make_entry("Câu hỏi đăng sau", published_at=timezone.now() - dt.timedelta(minutes=1))

    _response, feed = parse(client, path)

    assert [entry.link for entry in feed.entries] == [
        f"http://testserver{newer.get_absolute_url()}",
        f"http://testserver{older.get_absolute_url()}",
    ]
    shown = " ".join(entry.title + entry.summary for entry in feed.entries)
    for hidden in hidden_entries.values():
        assert hidden.question_title not in shown


@pytest.mark.parametrize("path", FEEDS)
def test_an_entry_carries_question_answer_topic_and_date(client, make_entry, path):
    entry = make_entry(
        "Khi nào công bố kết quả thi?",
        question="Em muốn biết   ngày công bố\nkết quả.",
        answer="<p>Ngày <strong>27/8/2020</strong> tra cứu trên cổng của Sở GD&amp;ĐT.</p>",
        topic=QATopic.GRADUATION,
    )

    response, feed = parse(client, path)

    assert response["Cache-Control"] == "public, max-age=300"
    assert feed.feed.title == "Hỏi đáp mới"
    assert feed.feed.language == "vi"
    assert feed.feed.link == "http://testserver/hoi-dap/"
    [item] = feed.entries
    assert item.title == "Khi nào công bố kết quả thi?"
    assert item.summary == (
        "Hỏi: Em muốn biết ngày công bố kết quả. "
        "Trả lời: Ngày 27/8/2020 tra cứu trên cổng của Sở GD&ĐT."
    )
    assert [tag.term for tag in item.tags] == ["Xét công nhận tốt nghiệp, phúc khảo"]
    assert calendar.timegm(item.published_parsed) == int(entry.published_at.timestamp())


@pytest.mark.parametrize("path", FEEDS)
def test_the_feed_has_the_twenty_newest(client, make_entry, path):
    entries = [make_entry() for _ in range(25)]
    _response, feed = parse(client, path)
    assert [e.link for e in feed.entries] == [
        f"http://testserver{entry.get_absolute_url()}" for entry in entries[:20]
    ]


def test_the_feed_runs_a_fixed_number_of_queries(client, make_entry, django_assert_max_num_queries):
    for _ in range(25):
        make_entry()
    client.get("/feeds/hoi-dap/rss/")
    with django_assert_max_num_queries(3):
        client.get("/feeds/hoi-dap/rss/")
