"""/van-ban/: filters, sorting, pages and the count, with URLs that reproduce the result."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from documents.models import Document, Status, Validity
from documents.services import document_publish

D = dt.date


def listed(response) -> list[str]:
    """The number and symbol of every document listed, in order."""
    assert response.status_code == 200, response.content.decode()[:2000]
    return re.findall(
        r'class="document-card-title"><a href="[^"]+">[^<]* ([^ <]+)</a>', response.content.decode()
    )


def count_text(response) -> str:
    return re.search(
        r'<p class="document-count"[^>]*>(.*?)</p>', response.content.decode(), re.S
    ).group(1)


@pytest.fixture
def library(make_document, bodies):
    """A small library that every filter splits differently."""
    today = timezone.localdate()
    return {
        "plan": make_document(
            "1423/KH-SGDĐT",
            issued_on=D(2020, 7, 17),
            summary="Kế hoạch truyền thông về Kỳ thi tốt nghiệp THPT năm 2020",
            signer_name="Nguyễn Minh Luân",
        ),
        "ministry": make_document(
            "2594/BGDĐT-VP",
            body="BGDĐT",
            issued_on=D(2020, 7, 16),
            summary="Xây dựng kế hoạch truyền thông Kỳ thi trên địa bàn tỉnh, thành phố",
        ),
        "circular": make_document(
            "15/2020/TT-BGDĐT",
            body="BGDĐT",
            issued_on=D(2020, 5, 26),
            summary="Ban hành Quy chế thi tốt nghiệp trung học phổ thông",
        ),
        "old": make_document(
            "03/2019/TT-BGDĐT",
            body="BGDĐT",
            issued_on=D(2019, 3, 28),
            expires_on=D(2020, 5, 26),
            summary="Sửa đổi Quy chế thi trung học phổ thông quốc gia",
        ),
        "decision": make_document(
            "512/QĐ-UBND",
            body="UBND",
            issued_on=D(2019, 3, 25),
            summary="Thành lập Ban Chỉ đạo thi năm 2019",
            validity_override=Validity.PARTLY_EXPIRED,
        ),
        "future": make_document(
            "20/PA-SGDĐT",
            issued_on=D(2020, 8, 4),
            effective_on=today + dt.timedelta(days=10),
            summary="Phương án tổ chức thi đợt 2",
        ),
    }


def symbols(*documents) -> list[str]:
    return [d.number_symbol for d in documents]


def test_the_list_shows_every_published_document_newest_issued_first(client, library):
    response = client.get("/van-ban/")
    assert listed(response) == symbols(
        library["future"], library["plan"], library["ministry"], library["circular"],
        library["old"], library["decision"],
    )  # fmt: skip
    assert count_text(response) == "Tìm thấy 6 văn bản"


def test_each_result_shows_type_symbol_body_date_summary_and_validity(client, library):
    page = client.get("/van-ban/?q=1423").content.decode()
    card = page[page.index('<article class="document-card">') :]
    card = card[: card.index("</article>")]
    assert '<a href="/van-ban/1423-kh-sgddt/">Kế hoạch 1423/KH-SGDĐT</a>' in card
    assert "Sở Giáo dục và Đào tạo Cà Mau" in card
    assert '<time datetime="2020-07-17">17/7/2020</time>' in card
    assert "Kế hoạch truyền thông về Kỳ thi tốt nghiệp THPT năm 2020" in card
    assert '<span class="validity validity-con-hieu-luc">Còn hiệu lực</span>' in card


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("co_quan=BODY:BGDĐT", ["ministry", "circular", "old"]),
        ("loai=thong-tu", ["circular", "old"]),
        ("loai=cong-van", ["ministry"]),
        ("nam=2019", ["old", "decision"]),
        ("tu_ngay=2020-07-16", ["future", "plan", "ministry"]),
        ("den_ngay=2019-03-28", ["old", "decision"]),
        ("tu_ngay=17/7/2020&den_ngay=17/7/2020", ["plan"]),
        ("hieu_luc=con-hieu-luc", ["plan", "ministry", "circular"]),
        ("hieu_luc=het-hieu-luc", ["old"]),
        ("hieu_luc=het-hieu-luc-mot-phan", ["decision"]),
        ("hieu_luc=chua-co-hieu-luc", ["future"]),
        ("q=quy+che", ["circular", "old"]),
        ("q=QUY+CHẾ+thi", ["circular", "old"]),
        ("q=truyen+thong", ["plan", "ministry"]),
        ("q=1423%2FKH-SGDĐT", ["plan"]),
        ("q=1423/kh-sgddt", ["plan"]),
        ("q=15%2F2020", ["circular"]),
        ("q=nguyen+minh+luan", ["plan"]),
        ("q=bong+da", []),
    ],
)
def test_each_filter_alone(client, library, bodies, query, expected):
    query = re.sub(r"BODY:(\w+)", lambda m: str(bodies[m.group(1)].pk), query)
    assert listed(client.get(f"/van-ban/?{query}")) == symbols(*(library[k] for k in expected))


def test_filters_combine(client, library, bodies):
    url = (
        f"/van-ban/?co_quan={bodies['BGDĐT'].pk}&loai=thong-tu&nam=2020"
        "&hieu_luc=con-hieu-luc&q=quy+che&tu_ngay=2020-01-01&den_ngay=2020-12-31"
    )
    assert listed(client.get(url)) == symbols(library["circular"])
    url = f"/van-ban/?co_quan={bodies['SGDĐT'].pk}&q=ke+hoach"
    assert listed(client.get(url)) == symbols(library["plan"])


def test_the_keyword_searches_the_full_text_with_accents_optional(client, make_document):
    document = make_document(
        full_text="<p>Thí sinh mang theo <strong>Giấy báo dự thi</strong>.</p>"
    )
    assert listed(client.get("/van-ban/?q=giay+bao+du+thi")) == [document.number_symbol]
    assert listed(client.get("/van-ban/?q=Giấy+Báo")) == [document.number_symbol]


def test_sorting_by_newest_published(client, make_document):
    issued_first = make_document(
        issued_on=D(2020, 8, 1), publish_at=timezone.now() - dt.timedelta(days=3)
    )
    published_first = make_document(
        issued_on=D(2020, 6, 1), publish_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert listed(client.get("/van-ban/")) == symbols(issued_first, published_first)
    assert listed(client.get("/van-ban/?sap_xep=moi-ban-hanh")) == symbols(
        issued_first, published_first
    )
    assert listed(client.get("/van-ban/?sap_xep=moi-dang")) == symbols(
        published_first, issued_first
    )


def test_documents_of_the_same_day_are_ordered_by_number(client, make_document):
    day = D(2020, 7, 20)
    low, high = (
        make_document("9/KH-SGDĐT", issued_on=day),
        make_document("10/KH-SGDĐT", issued_on=day),
    )
    assert listed(client.get("/van-ban/")) == symbols(high, low)


def test_pages_of_twenty_keep_the_filters_and_the_sort(client, make_document):
    documents = [make_document() for _ in range(45)]
    make_document("1/TB-BGDĐT", body="BGDĐT")
    query = "loai=ke-hoach&sap_xep=moi-dang"
    first = client.get(f"/van-ban/?{query}")
    assert listed(first) == symbols(*documents[:20])
    assert count_text(first) == "Tìm thấy 45 văn bản, trang 1 / 3"
    page = first.content.decode()
    assert f'href="?page=2&amp;{query.replace("&", "&amp;")}" rel="next"' in page
    second = client.get(f"/van-ban/?page=2&{query}")
    assert listed(second) == symbols(*documents[20:40])
    assert f'href="?page=1&amp;{query.replace("&", "&amp;")}" rel="prev"' in second.content.decode()
    assert listed(client.get(f"/van-ban/?page=3&{query}")) == symbols(*documents[40:])


def test_a_page_past_the_end_is_not_found(client, make_document):
    make_document()
    assert client.get("/van-ban/?page=2").status_code == 404
    assert client.get("/van-ban/?page=abc").status_code == 404


def test_the_count_is_written_with_a_thousands_separator(client, many_documents, bodies):
    many_documents(1200)
    assert count_text(client.get("/van-ban/")) == "Tìm thấy 1.200 văn bản, trang 1 / 60"


def test_no_result_says_so_and_offers_every_document(client, library):
    response = client.get("/van-ban/?q=bong+da")
    assert "Không tìm thấy văn bản nào phù hợp với bộ lọc." in count_text(response)
    assert '<a href="/van-ban/">xem tất cả văn bản</a>' in count_text(response)


def test_the_form_is_a_get_form_whose_url_reproduces_the_result(client, library, bodies):
    page = client.get("/van-ban/").content.decode()
    assert re.search(r'<form class="document-filter" action="/van-ban/" method="get"', page)
    url = f"/van-ban/?co_quan={bodies['BGDĐT'].pk}&nam=2020&sap_xep=moi-dang"
    response = client.get(url)
    page = response.content.decode()
    # The form shows the filters the URL holds, so submitting it again gives the same result.
    assert f'<option value="{bodies["BGDĐT"].pk}" selected>' in page
    assert '<option value="2020" selected>2020</option>' in page
    assert '<option value="moi-dang" selected>' in page
    assert '<details class="document-filter-more" open>' in page
    assert listed(response) == symbols(library["ministry"], library["circular"])
    # Another reader (no session, no cookie) opening the shared URL gets the same list.
    from django.test import Client

    assert listed(Client().get(url)) == listed(response)


def test_empty_fields_of_a_submitted_form_are_dropped_from_the_url(client, library):
    response = client.get(
        "/van-ban/?q=quy+che&co_quan=&loai=&nam=&tu_ngay=&den_ngay=&hieu_luc=&sap_xep=moi-dang"
    )
    assert response.status_code == 302
    assert response["Location"] == "/van-ban/?q=quy+che&sap_xep=moi-dang"
    response = client.get("/van-ban/?q=&co_quan=")
    assert response["Location"] == "/van-ban/"


def test_a_clear_link_appears_once_a_filter_is_set(client, library):
    assert "Xóa bộ lọc" not in client.get("/van-ban/").content.decode()
    page = client.get("/van-ban/?nam=2020").content.decode()
    assert '<a class="document-filter-reset" href="/van-ban/">Xóa bộ lọc</a>' in page
    assert '<meta name="robots" content="noindex, follow">' in page


def test_form_labels_are_vietnamese(client, library):
    page = client.get("/van-ban/").content.decode()
    for label in ["Từ khóa", "Cơ quan ban hành", "Loại văn bản", "Năm ban hành", "Ban hành từ ngày",
                  "Đến ngày", "Tình trạng hiệu lực", "Sắp xếp"]:  # fmt: skip
        assert f">{label}</label>" in page
    assert '<option value="2019">2019</option>' in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("co_quan=999", "Không có cơ quan ban hành này"),
        ("co_quan=abc", "Không có cơ quan ban hành này"),
        ("loai=bao-chi", "Không có loại văn bản này"),
        ("nam=1999", "Không có văn bản nào ban hành năm này"),
        ("nam=abc", "Không có văn bản nào ban hành năm này"),
        ("tu_ngay=32/13/2020", "Ngày không hợp lệ"),
        ("den_ngay=hom-qua", "Ngày không hợp lệ"),
        ("tu_ngay=2020-08-01&den_ngay=2020-07-01", "“Đến ngày” phải bằng hoặc sau “Từ ngày”"),
        ("hieu_luc=mai-mai", "Không có tình trạng hiệu lực này"),
        ("sap_xep=ngau-nhien", "Cách sắp xếp không hợp lệ"),
        ("q=" + "a" * 201, "Từ khóa dài quá 200 ký tự"),
        ("nam=%00", "Không có văn bản nào ban hành năm này"),
        ("q=ke%00hoach", "Có ký tự không hợp lệ (ký tự rỗng)"),
        ("co_quan=%00", "Không có cơ quan ban hành này"),
    ],
)
def test_invalid_values_are_explained_in_vietnamese_without_an_error_page(
    client, library, query, message
):
    response = client.get(f"/van-ban/?{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Bộ lọc chưa đúng, xin sửa lại:" in page and message in page
    assert 'aria-invalid="true"' in page
    assert 'class="document-list"' not in page
    assert '<form class="document-filter"' in page


def test_only_published_documents_are_listed(client, library, hidden_documents):
    page = client.get("/van-ban/?q=lich+thi").content.decode()
    assert count_text(client.get("/van-ban/?q=lich+thi")).startswith("Không tìm thấy")
    for hidden in hidden_documents.values():
        assert hidden.number_symbol not in page
        assert hidden.number_symbol not in client.get("/van-ban/").content.decode()


def test_the_year_filter_offers_only_years_of_published_documents(client, make_document):
    make_document(issued_on=D(2020, 3, 1))
    make_document(issued_on=D(2018, 3, 1), status=Status.DRAFT)
    page = client.get("/van-ban/").content.decode()
    assert '<option value="2020">' in page and '<option value="2018">' not in page


def test_the_list_and_its_filtered_views_are_cached_and_refreshed_on_publish(
    client, make_document, django_capture_on_commit_callbacks
):
    make_document(summary="Văn bản thứ nhất")
    for url in ("/van-ban/", "/van-ban/?q=van+ban"):
        client.get(url)
        with CaptureQueriesContext(connection) as cached:
            assert client.get(url).status_code == 200
        assert len(cached) == 0
    draft = make_document(summary="Văn bản vừa đăng", status=Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        document_publish(document=draft, publish_at=timezone.now())
    assert "Văn bản vừa đăng" in client.get("/van-ban/?q=van+ban").content.decode()


def test_the_page_links_the_feed_of_new_documents(client, db):
    page = client.get("/van-ban/").content.decode()
    assert 'type="application/rss+xml" title="Văn bản mới (RSS)" href="/feeds/van-ban/rss/"' in page


QUERIES = [
    "/van-ban/",
    "/van-ban/?page=2",
    "/van-ban/?q=ke+hoach+ky+thi&sap_xep=moi-dang",
    "/van-ban/?co_quan=BODY&loai=ke-hoach&nam=2020&hieu_luc=con-hieu-luc&tu_ngay=2019-01-01&den_ngay=2020-12-31&q=ke+hoach",
]


@pytest.mark.parametrize("path", QUERIES)
def test_the_list_runs_a_fixed_number_of_queries_with_5000_documents(
    make_document, many_documents, count_queries, bodies, path
):
    path = path.replace("BODY", str(bodies["SGDĐT"].pk))
    for _ in range(45):
        make_document(summary="Kế hoạch tổ chức Kỳ thi")
    few = count_queries(path)
    many_documents(5000)
    assert Document.objects.count() == 5045
    assert count_queries(path) == few
    # The layout (with the hotline lines), the year choices, the bodies (and the chosen one),
    # the count and the page.
    assert few <= 8
