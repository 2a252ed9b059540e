"""On PostgreSQL the Q&A search filters through the GIN index on the stored vector, and the list
page ranks like the site search."""

import pytest
from django.db import connection

from core.search import parse_query
from hotline.search import provider
from tests.services import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_a_qa_search_can_use_the_gin_index(make_entry):
    require_postgres()
    for n in range(300):
        make_entry(f"Lịch thi môn số {n}" if n % 30 == 0 else f"Phúc khảo điểm số {n}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE hotline_qaentry")
        # The planner may prefer a sequential scan on a small table; forbid it to show the index
        # is usable, i.e. that the query's expression is the indexed one.
        cursor.execute("SET LOCAL enable_seqscan = off")
        # With every entry published, the (is_published, published_at) index is an equally cheap
        # path for the planner; without it (dropped inside the test's transaction, which rolls
        # back) only the GIN index is left, and the plan shows whether the query can use it.
        cursor.execute("DROP INDEX hotline_qa_pub")

    plan = provider.matching(parse_query("lịch thi"))[:10].explain()

    assert "Bitmap Index Scan on hotline_qa_search" in plan, plan
    assert provider.search(parse_query("lich thi"), limit=10).total == 10


def test_the_list_finds_accented_text_and_ranks_a_title_match_first(client, make_entry):
    require_postgres()
    answer_only = make_entry("Giờ làm thủ tục", answer="<p>Xem lịch thi trên cổng.</p>")
    title = make_entry("Lịch thi các môn", answer="<p>Ngày 9 và 10/8.</p>")
    other = make_entry("Phúc khảo")

    page = client.get("/hoi-dap/?q=lich+thi").content.decode()

    assert page.index(title.get_absolute_url()) < page.index(answer_only.get_absolute_url())
    assert other.get_absolute_url() not in page
