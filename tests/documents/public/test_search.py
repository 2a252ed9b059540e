"""Documents in the site search (/tim-kiem/): published only, accents optional, one query."""

from django.apps import apps

from core import search
from core.search import parse_query
from documents.search import provider


def test_the_documents_app_declares_its_provider():
    assert apps.get_app_config("documents").search_provider == "documents.search.provider"
    assert provider in search.providers()


def test_a_document_is_found_by_its_number_or_its_summary_accents_optional(make_document):
    plan = make_document("1423/KH-SGDĐT", summary="Kế hoạch truyền thông về Kỳ thi tốt nghiệp THPT")
    make_document(summary="Thành lập Ban Chỉ đạo thi")
    for words in ("1423", "ke hoach truyen thong", "KẾ HOẠCH truyền thông", "sgddt 1423"):
        result = provider.search(parse_query(words), limit=10)
        assert [hit.url for hit in result.hits] == [plan.get_absolute_url()], words
        assert result.total == 1
    [hit] = provider.search(parse_query("truyen thong"), limit=10).hits
    assert hit.kind == "Văn bản"
    assert hit.title == "Kế hoạch 1423/KH-SGDĐT"
    assert hit.summary == plan.summary
    assert hit.date == plan.issued_on


def test_unpublished_documents_are_never_found(make_document, hidden_documents):
    result = provider.search(parse_query("lich thi"), limit=10)
    assert result.hits == [] and result.total == 0


def test_a_search_asks_the_database_once(make_document, django_assert_num_queries):
    for _ in range(15):
        make_document(summary="Kế hoạch tổ chức Kỳ thi")
    with django_assert_num_queries(1):
        result = provider.search(parse_query("ky thi"), limit=10)
    assert len(result.hits) == 10 and result.total == 15


def test_the_search_page_shows_documents_beside_articles(client, make_document):
    plan = make_document("1423/KH-SGDĐT", summary="Kế hoạch truyền thông về Kỳ thi")
    page = client.get("/tim-kiem/?q=ke+hoach+truyen+thong").content.decode()
    assert '<span class="tag">Văn bản</span>' in page
    assert f'<a href="{plan.get_absolute_url()}"><mark>Kế hoạch</mark> 1423/KH-SGDĐT</a>' in page
