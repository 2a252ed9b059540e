"""/van-ban/<slug>/: the metadata table, the files, the links both ways and the articles citing it."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from documents.models import Relation, SignerPrefix, Status, Urgency
from news.models import Article, Category
from news.models import Status as ArticleStatus
from tests.documents.public.conftest import link, make_file

D = dt.date


def main(response) -> str:
    assert response.status_code == 200, response.content.decode()[:2000]
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def metadata(response) -> dict[str, str]:
    """Row header -> cell text of the metadata table."""
    table = re.search(
        r'<table class="document-metadata">(.*?)</table>', main(response), re.S
    ).group(1)
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td></tr>', table, re.S)
    return {th: re.sub(r"<[^>]+>", "", td).strip() for th, td in rows}


@pytest.fixture
def plan(make_document):
    return make_document(
        "1423/KH-SGDĐT",
        issued_on=D(2020, 7, 17),
        effective_on=D(2020, 7, 17),
        summary="Kế hoạch truyền thông về Kỳ thi tốt nghiệp THPT năm 2020",
        signer_prefix=SignerPrefix.NONE,
        signer_position="Giám đốc",
        signer_name="Nguyễn Minh Luân",
        urgency=Urgency.URGENT,
        full_text="<p>Căn cứ Kế hoạch số 06/KH-BCĐ;</p><script>alert(1)</script><h3>1. Mục đích</h3>",
    )


def make_article(title: str, *, documents=(), **fields) -> Article:
    values = {
        "title": title,
        "summary": "Tóm tắt.",
        "body": "<p>Nội dung.</p>",
        "category": Category.objects.get(slug="thong-bao"),
        "status": ArticleStatus.PUBLISHED,
        "publish_at": timezone.now() - dt.timedelta(hours=1),
    }
    values.update(fields)
    article = Article.objects.create(**values)
    article.related_documents.set(documents)
    return article


def test_the_heading_is_type_and_number_and_the_metadata_is_a_table_with_row_headers(client, plan):
    response = client.get("/van-ban/1423-kh-sgddt/")
    assert "<h1>Kế hoạch 1423/KH-SGDĐT</h1>" in main(response)
    assert "<caption>Thông tin văn bản</caption>" in main(response)
    assert metadata(response) == {
        "Số, ký hiệu": "1423/KH-SGDĐT",
        "Loại văn bản": "Kế hoạch",
        "Cơ quan ban hành": "Sở Giáo dục và Đào tạo Cà Mau",
        "Ngày ban hành": "17/7/2020",
        "Ngày có hiệu lực": "17/7/2020",
        "Ngày hết hiệu lực": "Không quy định",
        "Người ký": "Giám đốc Nguyễn Minh Luân",
        "Trích yếu": "Kế hoạch truyền thông về Kỳ thi tốt nghiệp THPT năm 2020",
        "Lĩnh vực": "Giáo dục và đào tạo",
        "Tình trạng hiệu lực": "Còn hiệu lực",
        "Độ khẩn": "Khẩn",
    }


def test_a_cong_van_with_an_expiry_and_an_authority_prefix(client, make_document):
    document = make_document(
        "2594/BGDĐT-VP",
        body="BGDĐT",
        issued_on=D(2020, 7, 16),
        expires_on=D(2020, 12, 31),
        signer_prefix=SignerPrefix.TL,
        signer_position="Bộ trưởng, Chánh Văn phòng",
    )
    response = client.get(document.get_absolute_url())
    assert "<h1>Công văn 2594/BGDĐT-VP</h1>" in main(response)
    table = metadata(response)
    assert table["Ngày có hiệu lực"] == "Chưa có thông tin"
    assert table["Ngày hết hiệu lực"] == "31/12/2020"
    assert table["Tình trạng hiệu lực"] == "Hết hiệu lực"
    assert table["Người ký"] == "TL. Bộ trưởng, Chánh Văn phòng"
    assert table["Độ khẩn"] == "Thường"


def test_the_full_text_is_the_sanitised_html(client, plan):
    page = main(client.get(plan.get_absolute_url()))
    assert '<h2 id="toan-van">Toàn văn</h2>' in page
    assert "<p>Căn cứ Kế hoạch số 06/KH-BCĐ;</p>" in page and "<h3>1. Mục đích</h3>" in page
    assert "<script" not in page


def test_files_list_current_first_then_old_versions_with_size_hash_and_links(client, plan):
    first = make_file(
        plan,
        name="ke-hoach-1423.pdf",
        uploaded_at=timezone.make_aware(dt.datetime(2020, 7, 17, 15)),
    )
    current = make_file(plan, name="ke-hoach-1423-ban-sua.pdf", replaces=first, title="Kế hoạch (bản ký số)",
                        uploaded_at=timezone.make_aware(dt.datetime(2020, 7, 18, 9)))  # fmt: skip
    appendix = make_file(
        plan,
        name="phu-luc.doc",
        kind="doc",
        uploaded_at=timezone.make_aware(dt.datetime(2020, 7, 17, 16)),
    )
    page = main(client.get(plan.get_absolute_url()))
    files = re.findall(r'<li class="document-file[^"]*">(.*?)</li>', page, re.S)
    assert len(files) == 3
    assert "Kế hoạch (bản ký số)" in files[0] and "phu-luc.doc" in files[1]
    assert "ke-hoach-1423.pdf" in files[2] and "Phiên bản cũ, tải lên ngày" in files[2]
    assert "18/7/2020" not in files[2] and "17/7/2020" in files[2]
    assert "Phiên bản cũ" not in files[0] + files[1]
    assert f'SHA-256: <code class="document-file-hash">{current.sha256}</code>' in files[0]
    assert "Dung lượng: 240,0" in files[0]
    assert f'href="{current.get_absolute_url()}">Tải về' in files[0]
    assert f'href="{current.get_absolute_url()}?xem=1">Xem' in files[0]
    assert f'href="{appendix.get_absolute_url()}">Tải về' in files[1]
    assert "?xem=1" not in files[1]  # a Word file cannot be shown in the browser
    assert f'href="{first.get_absolute_url()}?xem=1">Xem' in files[2]


def test_a_document_without_files_says_so(client, plan):
    assert "Văn bản này chưa có tệp đính kèm." in main(client.get(plan.get_absolute_url()))


def test_related_documents_read_both_ways_grouped_by_relation(
    client, plan, make_document, hidden_documents
):
    basis = make_document(
        "06/KH-BCĐ", body="BCĐ", summary="Tổ chức Kỳ thi tốt nghiệp THPT tỉnh Cà Mau"
    )
    dispatch = make_document(
        "2594/BGDĐT-VP", body="BGDĐT", summary="Xây dựng kế hoạch truyền thông"
    )
    follow_up = make_document("12/TB-HĐT", body="HĐT", summary="Lịch làm thủ tục dự thi")
    link(plan, Relation.BASED_ON, basis)
    link(plan, Relation.IMPLEMENTS, dispatch)
    link(follow_up, Relation.IMPLEMENTS, plan)
    for hidden in hidden_documents.values():
        link(plan, Relation.BASED_ON, hidden)
        link(hidden, Relation.GUIDES, plan)

    page = main(client.get(plan.get_absolute_url()))
    section = page[page.index('id="van-ban-lien-quan"') :]
    groups = re.findall(r"<h3>(.*?)</h3>\s*<ul[^>]*>(.*?)</ul>", section, re.S)
    assert [(label, re.findall(r'href="([^"]+)"', items)) for label, items in groups] == [
        ("Căn cứ", [basis.get_absolute_url()]),
        ("Thực hiện", [dispatch.get_absolute_url()]),
        ("Được thực hiện bởi", [follow_up.get_absolute_url()]),
    ]
    assert "Kế hoạch 06/KH-BCĐ</a> ngày" in section
    # The other side reads the inverse.
    basis_page = main(client.get(basis.get_absolute_url()))
    assert "<h3>Là căn cứ của</h3>" in basis_page and plan.get_absolute_url() in basis_page
    for hidden in hidden_documents.values():
        assert hidden.get_absolute_url() not in page


def test_articles_that_cite_the_document_are_listed_when_published(client, plan):
    cited = make_article("Sở GD&ĐT ban hành Kế hoạch truyền thông", documents=[plan])
    make_article("Bài nháp nhắc kế hoạch", documents=[plan], status=ArticleStatus.DRAFT)
    make_article("Bài hẹn giờ nhắc kế hoạch", documents=[plan], status=ArticleStatus.SCHEDULED,
                 publish_at=timezone.now() + dt.timedelta(days=1))  # fmt: skip
    make_article("Bài đã gỡ nhắc kế hoạch", documents=[plan], status=ArticleStatus.WITHDRAWN,
                 withdrawn_reason="Thông tin chưa chính xác.")  # fmt: skip
    due = make_article("Bài hẹn giờ đã đến giờ", documents=[plan], status=ArticleStatus.SCHEDULED,
                       publish_at=timezone.now() - dt.timedelta(minutes=1))  # fmt: skip
    page = main(client.get(plan.get_absolute_url()))
    section = page[page.index('id="bai-viet-trich-dan"') :]
    assert re.findall(r'<a href="([^"]+)">', section.split("</section>")[0]) == [
        due.get_absolute_url(),
        cited.get_absolute_url(),
    ]


@pytest.mark.parametrize("kind", ["draft", "withdrawn", "not-yet"])
def test_unpublished_documents_are_not_found(client, hidden_documents, kind):
    assert client.get(hidden_documents[kind].get_absolute_url()).status_code == 404


def test_the_detail_page_is_cached_for_anonymous_readers(client, plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(plan.get_absolute_url())
    with CaptureQueriesContext(connection) as cached:
        response = client.get(plan.get_absolute_url())
    assert response.status_code == 200 and len(cached) == 0
    assert "public" in response["Cache-Control"]


def test_the_detail_page_runs_a_fixed_number_of_queries(
    client, plan, make_document, many_documents, count_queries
):
    other = make_document()
    link(plan, Relation.BASED_ON, other)
    make_file(plan)
    make_article("Bài một", documents=[plan])
    few = count_queries(plan.get_absolute_url())

    many_documents(5000)
    previous = None
    for i in range(5):
        previous = make_file(plan, name=f"v{i}.pdf", replaces=previous,
                             uploaded_at=timezone.now() - dt.timedelta(days=10 - i))  # fmt: skip
    for relation in (Relation.GUIDES, Relation.AMENDS, Relation.REPLACES):
        link(plan, relation, make_document())
        link(make_document(), relation, plan)
    for i in range(4):
        make_article(f"Bài {i}", documents=[plan])
    assert count_queries(plan.get_absolute_url()) == few
    # The layout (with the hotline lines), the document, its files, links out, links in and
    # articles.
    assert few <= 8


def test_a_drafts_status_never_leaks_through_a_published_documents_links(
    client, plan, make_document
):
    draft = make_document("99/KH-SGDĐT", status=Status.DRAFT, summary="Bí mật")
    link(plan, Relation.BASED_ON, draft)
    page = main(client.get(plan.get_absolute_url()))
    assert "99/KH-SGDĐT" not in page and "Bí mật" not in page
    assert 'id="van-ban-lien-quan"' not in page
