import datetime as dt

import factory
import pytest
from django.utils import timezone

from tests.factories import ArticleFactory


@pytest.fixture
def publish(db):
    """Create an article the public can read now (or `days_ago` days ago), as the admin would;
    its words are only those given (a short summary and body that match no query)."""

    def make(title, *, summary="Tóm tắt.", body="<p>Nội dung.</p>", days_ago=0, **fields):
        fields.setdefault("publish_at", timezone.now() - dt.timedelta(days=days_ago, minutes=1))
        return ArticleFactory(
            title=title,
            slug=factory.Sequence(lambda n: f"bai-{n}"),
            summary=summary,
            body=body,
            **fields,
        )

    return make
