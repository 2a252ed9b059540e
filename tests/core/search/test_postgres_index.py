"""On PostgreSQL the search filters through the GIN index on the stored vector (news 0003)."""

import pytest
from django.db import connection
from django.utils import timezone

from core.search import parse_query
from core.vietnamese import normalise_search
from news.models import Article, Category
from news.search import provider
from tests.services import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

WORDS = "học sinh giáo viên trường huyện báo cáo công tác chuẩn bị cán bộ coi chấm phòng môn Toán"


@pytest.fixture
def thousand_articles():
    require_postgres()
    category = Category.objects.get(slug="thong-bao")
    words, rows = WORDS.split(), []
    for n in range(1000):
        title = f"{words[n % len(words)]} {words[(n * 7) % len(words)]} số {n}"
        if n % 100 == 0:
            title = f"Kỳ thi tốt nghiệp THPT: {title}"
        summary = " ".join(words[(n + k) % len(words)] for k in range(20))
        body = " ".join(words[(n * k) % len(words)] for k in range(300))
        rows.append(
            Article(
                title=title,
                slug=f"bai-{n}",
                summary=summary,
                body=body,
                category=category,
                status="da-dang",
                publish_at=timezone.now(),
                search_text=normalise_search(f"{title} {summary} {body}"),
            )
        )
    Article.objects.bulk_create(rows)
    for article in Article.objects.all():
        article.save()  # fills the stored search vector
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_article")


def test_the_search_index_exists_on_the_stored_vector():
    require_postgres()
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'news_article_search'")
        (definition,) = cursor.fetchone()

    assert "USING gin (search_vector)" in definition


def test_a_search_among_a_thousand_articles_can_use_the_gin_index(thousand_articles):
    # The planner may still prefer a sequential scan on a small table; forbid it to show the
    # index is usable, i.e. that the query's expression is the indexed one.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")

    plan = provider.matching(parse_query("kỳ thi tốt nghiệp"))[:10].explain()

    assert "Bitmap Index Scan on news_article_search" in plan, plan
    assert provider.search(parse_query("kỳ thi tốt nghiệp"), limit=10).total == 10
