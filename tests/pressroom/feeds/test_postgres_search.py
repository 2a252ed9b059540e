"""On PostgreSQL the release search filters through the GIN index on the stored vector, finds
accented text without accents and ranks a title match first."""

import pytest
from django.db import connection

from core.search import parse_query
from pressroom.search import provider
from tests.services import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_a_release_search_can_use_the_gin_index(make_release):
    require_postgres()
    for n in range(300):
        make_release(f"Lịch thi môn số {n}" if n % 30 == 0 else f"Phúc khảo điểm số {n}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE pressroom_pressrelease")
        # On a small table the planner may prefer a sequential scan, or the index of the public
        # listing (status, publish_at) that every release here matches: take both away (the
        # index is dropped inside the test's transaction, which is rolled back) to show the
        # search index is usable, i.e. that the query's expression is the indexed one.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("DROP INDEX pressroom_release_public")

    plan = provider.matching(parse_query("lịch thi"))[:10].explain()

    assert "Bitmap Index Scan on pressroom_release_search" in plan, plan
    assert provider.search(parse_query("lich thi"), limit=10).total == 10


def test_the_search_page_finds_accented_text_and_ranks_a_title_match_first(
    client, make_release, hidden_releases
):
    require_postgres()
    body_only = make_release("Công tác chuẩn bị", body="<p>Xem lịch thi trên cổng.</p>")
    title = make_release("Lịch thi các môn", body="<p>Ngày 9 và 10/8.</p>")
    other = make_release("Phúc khảo")

    page = client.get("/tim-kiem/", {"q": "lich thi"}).content.decode()

    assert page.index(title.get_absolute_url()) < page.index(body_only.get_absolute_url())
    assert other.get_absolute_url() not in page
    for hidden in hidden_releases.values():
        assert hidden.get_absolute_url() not in page


def test_a_release_is_found_by_a_part_of_its_number(make_release):
    require_postgres()
    # PostgreSQL's parser keeps "01/tcbc-sgddt" as one token unless the vector splits it.
    release = make_release("Kết quả thi", number="01/TCBC-SGDĐT")
    assert [hit.url for hit in provider.search(parse_query("tcbc"), limit=10).hits] == [
        release.get_absolute_url()
    ]
