"""/api/v1/documents/: read-only JSON of published documents for partner portals."""

import datetime as dt
import itertools
import json

import pytest
from django.utils import timezone
from drf_spectacular.validation import validate_schema

from documents.models import Relation, Validity
from tests.documents.public.conftest import link, make_file

D = dt.date


@pytest.fixture
def plan(make_document):
    return make_document(
        "1423/KH-SGDĐT",
        issued_on=D(2020, 7, 17),
        effective_on=D(2020, 7, 17),
        summary="Kế hoạch truyền thông về Kỳ thi tốt nghiệp THPT năm 2020",
        signer_position="Giám đốc",
        signer_name="Nguyễn Minh Luân",
        full_text="<p>Toàn văn kế hoạch.</p><script>x()</script>",
    )


def test_the_list_gives_published_documents_newest_issued_first_with_files_and_links(
    client, plan, make_document, hidden_documents
):
    basis = make_document(
        "06/KH-BCĐ", body="BCĐ", issued_on=D(2020, 7, 15), summary="Tổ chức Kỳ thi"
    )
    link(plan, Relation.BASED_ON, basis)
    link(plan, Relation.BASED_ON, hidden_documents["draft"])
    old = make_file(plan, name="ke-hoach.pdf", uploaded_at=timezone.now() - dt.timedelta(days=2))
    current = make_file(plan, name="ke-hoach-moi.pdf", replaces=old)

    response = client.get("/api/v1/documents/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["count"] == 2
    assert [item["slug"] for item in data["results"]] == [plan.slug, basis.slug]
    item = data["results"][0]
    assert "full_text_html" not in item
    assert item == {
        "id": plan.pk,
        "number_symbol": "1423/KH-SGDĐT",
        "slug": "1423-kh-sgddt",
        "url": "http://testserver/van-ban/1423-kh-sgddt/",
        "doc_type": "ke-hoach",
        "doc_type_label": "Kế hoạch",
        "issuing_body": {"name": "Sở Giáo dục và Đào tạo Cà Mau", "abbreviation": "SGDĐT"},
        "issued_on": "2020-07-17",
        "effective_on": "2020-07-17",
        "expires_on": None,
        "validity": "con-hieu-luc",
        "validity_label": "Còn hiệu lực",
        "signer": "Giám đốc Nguyễn Minh Luân",
        "summary": "Kế hoạch truyền thông về Kỳ thi tốt nghiệp THPT năm 2020",
        "field": "Giáo dục và đào tạo",
        "urgency": "",
        "urgency_label": "Thường",
        "published_at": timezone.localtime(plan.publish_at).isoformat(),
        "updated_at": timezone.localtime(plan.updated_at).isoformat(),
        "files": [
            {
                "title": "ke-hoach-moi.pdf",
                "kind": "pdf",
                "size": 245_760,
                "sha256": current.sha256,
                "url": f"http://testserver/van-ban/1423-kh-sgddt/tep/{current.pk}/",
                "is_current": True,
                "uploaded_at": timezone.localtime(current.uploaded_at).isoformat(),
            },
            {
                "title": "ke-hoach.pdf",
                "kind": "pdf",
                "size": 245_760,
                "sha256": old.sha256,
                "url": f"http://testserver/van-ban/1423-kh-sgddt/tep/{old.pk}/",
                "is_current": False,
                "uploaded_at": timezone.localtime(old.uploaded_at).isoformat(),
            },
        ],
        "links": [
            {
                "relation": "can-cu",
                "direction": "out",
                "label": "Căn cứ",
                "document": {
                    "number_symbol": "06/KH-BCĐ",
                    "slug": basis.slug,
                    "summary": "Tổ chức Kỳ thi",
                    "url": f"http://testserver/van-ban/{basis.slug}/",
                },
            }
        ],
    }
    assert data["results"][1]["links"] == [
        {
            "relation": "can-cu",
            "direction": "in",
            "label": "Là căn cứ của",
            "document": {
                "number_symbol": "1423/KH-SGDĐT",
                "slug": plan.slug,
                "summary": plan.summary,
                "url": f"http://testserver/van-ban/{plan.slug}/",
            },
        }
    ]


def test_the_detail_by_slug_adds_the_sanitised_full_text(client, plan):
    item = client.get(f"/api/v1/documents/{plan.slug}/").json()
    assert item["id"] == plan.pk
    assert item["full_text_html"] == "<p>Toàn văn kế hoạch.</p>"


@pytest.mark.parametrize("kind", ["draft", "withdrawn", "not-yet"])
def test_unpublished_documents_are_not_in_the_api(client, hidden_documents, kind):
    hidden = hidden_documents[kind]
    response = client.get(f"/api/v1/documents/{hidden.slug}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}
    assert client.get("/api/v1/documents/").json()["count"] == 0


@pytest.fixture
def library(make_document):
    today = timezone.localdate()
    return {
        "plan": make_document("1423/KH-SGDĐT", issued_on=D(2020, 7, 17), summary="Kế hoạch truyền thông"),
        "circular": make_document("15/2020/TT-BGDĐT", body="BGDĐT", issued_on=D(2020, 5, 26), summary="Quy chế thi"),
        "old": make_document("03/2019/TT-BGDĐT", body="BGDĐT", issued_on=D(2019, 3, 28),
                             expires_on=D(2020, 5, 26), summary="Sửa đổi Quy chế thi"),
        "decision": make_document("512/QĐ-UBND", body="UBND", issued_on=D(2019, 3, 25),
                                  validity_override=Validity.PARTLY_EXPIRED, summary="Thành lập Ban Chỉ đạo"),
        "future": make_document("20/PA-SGDĐT", issued_on=D(2020, 8, 4),
                                effective_on=today + dt.timedelta(days=3), summary="Phương án đợt 2"),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("issuing_body=BGDĐT", ["circular", "old"]),
        ("issuing_body=bgddt", ["circular", "old"]),
        ("doc_type=thong-tu", ["circular", "old"]),
        ("year=2019", ["old", "decision"]),
        ("validity=het-hieu-luc", ["old"]),
        ("validity=chua-co-hieu-luc", ["future"]),
        ("validity=con-hieu-luc", ["plan", "circular"]),
        ("issued_after=2020-05-26&issued_before=2020-07-17", ["plan", "circular"]),
        ("q=quy+che", ["circular", "old"]),
        ("issuing_body=SGDDT&year=2020&doc_type=ke-hoach&validity=con-hieu-luc", ["plan"]),
    ],
)
def test_filters_like_the_page(client, library, query, expected):
    data = client.get(f"/api/v1/documents/?{query}").json()
    assert [item["slug"] for item in data["results"]] == [library[k].slug for k in expected]


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("issuing_body=XYZ", {"issuing_body": ["Không có cơ quan ban hành có tên viết tắt này, ví dụ SGDĐT, BGDĐT, UBND."]}),
        ("doc_type=bao-chi", {"doc_type": ["Không có loại văn bản “bao-chi”."]}),
        ("year=hai-nghin", {"year": ["Năm không hợp lệ: nhập 4 chữ số, ví dụ 2020."]}),
        ("validity=mai-mai", {"validity": ["Không có tình trạng hiệu lực “mai-mai”."]}),
        ("issued_after=17/7/2020", {"issued_after": ["Ngày không hợp lệ: dùng dạng NNNN-TT-NN, ví dụ 2020-07-17."]}),
        ("q=ke%00hoach", {"q": ["Có ký tự không hợp lệ (ký tự rỗng): hãy nhập lại."]}),
        ("issuing_body=S%00", {"issuing_body": ["Có ký tự không hợp lệ (ký tự rỗng): hãy nhập lại."]}),
        ("issued_after=2020-08-01&issued_before=2020-07-01",
         {"issued_before": ["Ngày kết thúc phải bằng hoặc sau ngày bắt đầu (issued_after)."]}),
    ],
)  # fmt: skip
def test_invalid_filters_are_refused_in_vietnamese(client, db, query, errors):
    response = client.get(f"/api/v1/documents/?{query}")
    assert response.status_code == 400
    assert response.json() == errors


def test_the_api_is_read_only(client, plan):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(
            f"/api/v1/documents/{plan.slug}/", data={}, content_type="application/json"
        )
        assert response.status_code == 405


def test_the_list_runs_a_fixed_number_of_queries(
    client, make_document, many_documents, django_assert_max_num_queries
):
    documents = [make_document() for _ in range(5)]
    for source, target in itertools.pairwise(documents):
        link(source, Relation.BASED_ON, target)
        make_file(source)
    many_documents(500)
    # count, page, files, links out, links in
    with django_assert_max_num_queries(5):
        assert client.get("/api/v1/documents/").status_code == 200


def test_the_schema_describes_the_documents_endpoints(client, db):
    schema = json.loads(client.get("/api/v1/schema/?format=json").content)
    validate_schema(schema)
    assert {"/api/v1/documents/", "/api/v1/documents/{slug}/"} <= set(schema["paths"])
    assert set(schema["paths"]["/api/v1/documents/"]) == {"get"}
    parameters = {p["name"] for p in schema["paths"]["/api/v1/documents/"]["get"]["parameters"]}
    assert parameters == {
        "issuing_body", "doc_type", "year", "validity", "issued_after", "issued_before", "q", "page",
    }  # fmt: skip
