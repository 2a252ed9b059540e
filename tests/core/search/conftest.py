import datetime as dt

import pytest
from django.utils import timezone

from news.models import Article, Category


@pytest.fixture
def publish(db):
    """Create an article the public can read now (or `days_ago` days ago), as the admin would."""
    category = Category.objects.get(slug="thong-bao")
    counter = iter(range(1, 10_000))

    def make(title, *, summary="Tóm tắt.", body="<p>Nội dung.</p>", days_ago=0, **fields):
        fields.setdefault("status", "da-dang")
        fields.setdefault("publish_at", timezone.now() - dt.timedelta(days=days_ago, minutes=1))
        return Article.objects.create(
            title=title,
            slug=f"bai-{next(counter)}",
            summary=summary,
            body=body,
            category=category,
            **fields,
        )

    return make
