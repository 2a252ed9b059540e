"""/api/v1/qa/: read-only JSON of published Q&A entries for partner portals."""

import datetime as dt
import json

import pytest
from django.utils import timezone
from drf_spectacular.validation import validate_schema

from documents.models import Status as DocumentStatus
from hotline.models import QATopic


@pytest.fixture
def entry(make_entry, make_document):
    entry = make_entry(
        "Được mang vật dụng gì vào phòng thi?",
        question="Thí sinh được mang những gì?",
        topic=QATopic.RULES,
        answer="<p>Bút, thước kẻ.</p><script>x()</script>",
        answering_unit="Phòng Khảo thí và Quản lý chất lượng",
    )
    plan = make_document("1423/KH-SGDĐT", issued_on=dt.date(2020, 7, 17))
    draft = make_document("99/KH-SGDĐT", status=DocumentStatus.DRAFT)
    entry.related_documents.set([plan, draft])
    return entry


def test_the_list_gives_published_entries_newest_first_with_their_documents(
    client, entry, make_entry, hidden_entries
):
    older = make_entry("Câu hỏi cũ hơn", published_at=timezone.now() - dt.timedelta(days=5))

    response = client.get("/api/v1/qa/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["count"] == 2
    assert [item["slug"] for item in data["results"]] == [entry.slug, older.slug]
    assert data["results"][0] == {
        "slug": entry.slug,
        "url": f"http://testserver/hoi-dap/{entry.slug}/",
        "question_title": "Được mang vật dụng gì vào phòng thi?",
        "question": "Thí sinh được mang những gì?",
        "topic": "quy-che",
        "topic_label": "Quy chế thi, vật dụng mang vào phòng thi",
        "answer_html": "<p>Bút, thước kẻ.</p>",
        "answering_unit": "Phòng Khảo thí và Quản lý chất lượng",
        "published_at": timezone.localtime(entry.published_at).isoformat(),
        "related_documents": [
            {"number_symbol": "1423/KH-SGDĐT", "url": "http://testserver/van-ban/1423-kh-sgddt/"}
        ],
    }


def test_the_detail_is_found_by_slug(client, entry):
    item = client.get(f"/api/v1/qa/{entry.slug}/").json()
    assert item["question_title"] == entry.question_title
    assert item["related_documents"] == [
        {"number_symbol": "1423/KH-SGDĐT", "url": "http://testserver/van-ban/1423-kh-sgddt/"}
    ]


@pytest.mark.parametrize("kind", ["draft", "not-yet"])
def test_unpublished_entries_are_not_in_the_api(client, hidden_entries, kind):
    response = client.get(f"/api/v1/qa/{hidden_entries[kind].slug}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}
    assert client.get("/api/v1/qa/").json()["count"] == 0


def test_the_topic_filter(client, make_entry):
    schedule = make_entry("Lịch thi", topic=QATopic.SCHEDULE)
    make_entry("Quy chế", topic=QATopic.RULES)
    data = client.get("/api/v1/qa/?topic=lich-thi").json()
    assert [item["slug"] for item in data["results"]] == [schedule.slug]
    assert client.get("/api/v1/qa/?topic=suc-khoe").json()["count"] == 0


def test_an_unknown_topic_is_refused_in_vietnamese(client, db):
    response = client.get("/api/v1/qa/?topic=bong-da")
    assert response.status_code == 400
    assert response.json() == {"topic": ["Không có chủ đề “bong-da”."]}


def test_the_api_is_read_only(client, entry):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(
            f"/api/v1/qa/{entry.slug}/", data={}, content_type="application/json"
        )
        assert response.status_code == 405


def test_the_list_runs_a_fixed_number_of_queries(
    client, make_entry, make_document, django_assert_max_num_queries
):
    for _ in range(15):
        make_entry().related_documents.set([make_document(), make_document()])
    # count, page, related documents
    with django_assert_max_num_queries(3):
        assert client.get("/api/v1/qa/").status_code == 200


def test_the_schema_describes_the_qa_endpoints(client, db):
    schema = json.loads(client.get("/api/v1/schema/?format=json").content)
    validate_schema(schema)
    assert {"/api/v1/qa/", "/api/v1/qa/{slug}/"} <= set(schema["paths"])
    assert set(schema["paths"]["/api/v1/qa/"]) == {"get"}
    parameters = {p["name"] for p in schema["paths"]["/api/v1/qa/"]["get"]["parameters"]}
    assert parameters == {"topic", "page"}
