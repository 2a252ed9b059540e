import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import Article, Category, Status


@pytest.fixture
def make_article(db):
    """Articles one hour apart, newest first in the order made; published unless told otherwise."""
    counter = iter(range(1, 10_000))

    def make(*, category: str = "thong-bao", **fields) -> Article:
        n = next(counter)
        values = {
            "title": f"Thông báo số {n} về Kỳ thi",
            "summary": f"Tóm tắt thông báo số {n}.",
            "body": f"<p>Nội dung thông báo số {n}.</p>",
            "category": Category.objects.get(slug=category),
            "status": Status.PUBLISHED,
            "publish_at": timezone.now() - dt.timedelta(hours=n),
        }
        values.update(fields)
        return Article.objects.create(**values)

    return make


@pytest.fixture
def hidden_articles(make_article):
    """One article of each kind the public must never see."""
    now = timezone.now()
    return {
        "draft": make_article(title="Bản nháp chưa đăng", status=Status.DRAFT),
        "scheduled": make_article(
            title="Bài hẹn giờ chưa đến",
            status=Status.SCHEDULED,
            publish_at=now + dt.timedelta(days=1),
        ),
        "withdrawn": make_article(
            title="Bài đã gỡ",
            status=Status.WITHDRAWN,
            withdrawn_reason="Thông tin chưa chính xác.",
            first_published_at=now - dt.timedelta(days=2),
        ),
        "published-later-than-now": make_article(
            title="Bài đã đăng nhưng hẹn giờ sau",
            status=Status.PUBLISHED,
            publish_at=now + dt.timedelta(hours=2),
        ),
    }


@pytest.fixture
def count_queries(client):
    """Number of queries one GET makes, with an empty cache (no cached page, no cached site info).

    A first request creates the rows made once on first use (the agency's details).
    """

    def count(path: str, **extra) -> int:
        client.get(path, **extra)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, **extra)
        assert response.status_code == 200, response.content[:500]
        return len(queries)

    return count
