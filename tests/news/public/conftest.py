"""The news column's public pages (count_queries is tests/conftest.py's)."""

import datetime as dt

import pytest
from django.utils import timezone

from news.models import Article, Category, Status
from tests.factories import ArticleFactory


@pytest.fixture
def make_article(db):
    """Articles one hour apart, newest first in the order made; published unless told otherwise
    (tests.factories.ArticleFactory, the category given by its slug)."""

    def make(*, category: str = "thong-bao", **fields) -> Article:
        return ArticleFactory(category=Category.objects.get(slug=category), **fields)

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
