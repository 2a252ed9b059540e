"""On PostgreSQL the documents' search filters through the GIN index on the stored vector."""

import pytest
from django.db import connection

from core.search import parse_query
from documents.search import provider
from tests.services import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_a_document_search_can_use_the_gin_index(make_document):
    require_postgres()
    for n in range(300):
        make_document(summary=f"Kế hoạch tổ chức Kỳ thi số {n}" if n % 30 == 0 else f"Báo cáo {n}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE documents_document")
        # The planner may prefer a sequential scan on a small table; forbid it to show the index
        # is usable, i.e. that the query's expression is the indexed one.
        cursor.execute("SET LOCAL enable_seqscan = off")

    plan = provider.matching(parse_query("kế hoạch kỳ thi"))[:10].explain()

    assert "Bitmap Index Scan on documents_search" in plan, plan
    assert provider.search(parse_query("ke hoach ky thi"), limit=10).total == 10
