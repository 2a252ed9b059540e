import factory
import pytest
from django.contrib.auth.models import Group

from exams.roles import sync_role_permissions
from news.models import Article, Category, Status
from tests.factories import ArticleFactory

# Reports of the sessions, as the Office writes them after each one.
ARTICLE = {
    "title": factory.Sequence(lambda n: f"Buổi thi số {n} diễn ra an toàn"),
    "summary": factory.Sequence(lambda n: f"Tóm tắt bài {n}."),
    "body": factory.Sequence(lambda n: f"<p>Nội dung bài {n}.</p>"),
}


@pytest.fixture
def category(db):
    return Category.objects.get(slug="tinh-hinh-cac-buoi-thi")


@pytest.fixture
def make_article(category):
    """tests.factories.ArticleFactory in this category; a published one was first published at
    its publish_at unless told otherwise."""

    def make(**fields) -> Article:
        if fields.get("status", Status.PUBLISHED) == Status.PUBLISHED:
            fields.setdefault("first_published_at", factory.SelfAttribute("publish_at"))
        return ArticleFactory(**{"category": category, **ARTICLE, **fields})

    return make


@pytest.fixture
def office(personas):
    sync_role_permissions()
    assert Group.objects.get(name="Văn phòng Sở").permissions.filter(codename="change_article")
    return personas["office"]
