"""/api/v1/: every refusal is JSON in Vietnamese, also where no route matches, and the OpenAPI
description declares each error an operation can give."""

import json

import pytest

from camau_exam_portal import api

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Không tìm thấy."}


def _assert_json_not_found(response):
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == NOT_FOUND
    # The site's headers are there as on any answer.
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/news/bai%20viet/",
        "/api/v1/categories/th%C3%B4ng-b%C3%A1o/",
        "/api/v1/documents/so-01%2FKH/",
        "/api/v1/qa/cau-hoi%0A/",
        "/api/v1/press-releases/thong-cao!/",
    ],
)
def test_a_malformed_slug_on_a_detail_url_is_a_json_404(client, path):
    _assert_json_not_found(client.get(path))


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/khong-co/",
        "/api/v1/news/bai-viet/them/",
        "/api/v2/news/",
        "/api/",
        "/api",
    ],
)
def test_an_unknown_address_under_api_is_a_json_404(client, path):
    _assert_json_not_found(client.get(path))


def test_an_unknown_slug_is_the_same_json_404(client):
    _assert_json_not_found(client.get("/api/v1/news/khong-co-bai-nay/"))


def test_an_address_without_its_final_slash_is_still_redirected(client):
    response = client.get("/api/v1/news")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/news/"


def test_outside_the_api_an_unknown_address_is_still_the_html_page(client):
    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "Không tìm thấy trang" in response.content.decode()


def test_a_detail_checks_the_list_filters_too(client):
    response = client.get("/api/v1/news/bat-ky/?published_after=hom-qua")

    assert response.status_code == 400
    assert response.json() == {
        "published_after": ["Ngày không hợp lệ: dùng dạng NNNN-TT-NN, ví dụ 2020-07-09."]
    }


@pytest.fixture
def operations(client) -> dict[str, dict]:
    """The GET operation of each path of the description, by path."""
    schema = json.loads(client.get("/api/v1/schema/?format=json").content)
    assert {path: set(methods) for path, methods in schema["paths"].items()} == {
        path: {"get"} for path in schema["paths"]
    }
    return {path: methods["get"] for path, methods in schema["paths"].items()}


def _error_schema(operation: dict, status: str) -> dict:
    return operation["responses"][status]["content"]["application/json"]["schema"]


def test_every_endpoint_of_the_router_is_described(operations):
    prefixes = {f"/api/v1/{prefix}/" for prefix, _, _ in api.router.registry}

    assert {path for path in operations if "{" not in path} == prefixes
    assert {path.split("{")[0] for path in operations if "{" in path} == prefixes


def test_every_operation_declares_429_with_its_retry_after_header(operations):
    for path, operation in operations.items():
        throttled = operation["responses"].get("429")
        assert throttled, f"{path} does not declare 429"
        assert _error_schema(operation, "429") == {"$ref": "#/components/schemas/Error"}
        assert "Retry-After" in throttled["headers"], path


def test_every_detail_and_every_paged_list_declares_404(operations):
    for path, operation in operations.items():
        paged = any(p["name"] == "page" for p in operation.get("parameters", []))
        if "{slug}" in path or paged:
            assert "404" in operation["responses"], f"{path} does not declare 404"
            assert _error_schema(operation, "404") == {"$ref": "#/components/schemas/Error"}
        else:
            assert "404" not in operation["responses"], path


def test_the_operations_of_filtered_endpoints_declare_400(operations):
    filtered = {
        f"/api/v1/{prefix}/"
        for prefix, viewset, _ in api.router.registry
        if getattr(viewset, "filterset_class", None)
    }
    assert filtered == {"/api/v1/news/", "/api/v1/documents/", "/api/v1/qa/"}

    for path, operation in operations.items():
        if path.split("{")[0] in filtered:
            assert _error_schema(operation, "400") == {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            }, path
        else:
            assert "400" not in operation["responses"], path


def test_the_error_body_is_described_as_a_vietnamese_detail(client):
    schema = json.loads(client.get("/api/v1/schema/?format=json").content)

    assert schema["components"]["schemas"]["Error"] == {
        "type": "object",
        "properties": {"detail": {"type": "string", "description": "Lý do, bằng tiếng Việt."}},
        "required": ["detail"],
    }
