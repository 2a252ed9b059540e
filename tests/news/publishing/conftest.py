import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from exams.roles import sync_role_permissions
from news.models import Article, Category, Status


@pytest.fixture
def category(db):
    return Category.objects.get(slug="tinh-hinh-cac-buoi-thi")


@pytest.fixture
def make_article(category):
    counter = iter(range(1, 10_000))

    def make(**fields) -> Article:
        n = next(counter)
        values = {
            "title": f"Buổi thi số {n} diễn ra an toàn",
            "summary": f"Tóm tắt bài {n}.",
            "body": f"<p>Nội dung bài {n}.</p>",
            "category": category,
            "status": Status.PUBLISHED,
            "publish_at": timezone.now() - dt.timedelta(hours=n),
        }
        values.update(fields)
        if values["status"] == Status.PUBLISHED:
            values.setdefault("first_published_at", values["publish_at"])
        return Article.objects.create(**values)

    return make


@pytest.fixture
def office(personas):
    sync_role_permissions()
    assert Group.objects.get(name="Văn phòng Sở").permissions.filter(codename="change_article")
    return personas["office"]
