"""/api/v1/press-releases/: read-only JSON of published press releases."""

import datetime as dt
import json

import pytest
import time_machine
from django.utils import timezone
from drf_spectacular.validation import validate_schema

from pressroom.services.releases import release_save


@pytest.fixture
def release(make_release, make_attachment, django_user_model):
    """A published release with two attachments, corrected twice by the Office."""
    release = make_release(
        "Tình hình tổ chức Kỳ thi ngày đầu",
        number="02/TCBC-SGDĐT",
        summary="Kỳ thi diễn ra an toàn.",
        body='<p onclick="steal()">Toàn tỉnh có <strong>9.658</strong> thí sinh.</p>'
        "<script>alert(1)</script>",
        publish_at=timezone.now() - dt.timedelta(days=2),
    )
    make_attachment(release, "Toàn văn thông cáo", size=48_213)
    make_attachment(
        release,
        "Bảng số liệu thí sinh",
        file="bao-chi/2020/08/fedcba9876543210.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        size=10_240,
    )
    editor = django_user_model.objects.create_user("vanphong", email="vanphong@example.org")
    for days_ago, note in ((1, "Sửa tóm tắt."), (0, "Sửa số thí sinh.")):
        with time_machine.travel(timezone.now() - dt.timedelta(days=days_ago), tick=False):
            release.summary = f"Kỳ thi diễn ra an toàn ({note})"
            release_save(release=release, user=editor, change_note=note)
    release.refresh_from_db()
    return release


def test_the_list_gives_published_releases_newest_first_with_their_fields(
    client, release, make_release, hidden_releases
):
    newer = make_release("Thông cáo mới hơn", publish_at=timezone.now() - dt.timedelta(hours=1))

    response = client.get("/api/v1/press-releases/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["count"] == 2
    assert [item["slug"] for item in data["results"]] == [newer.slug, release.slug]
    first, second = release.attachments.order_by("pk")
    new_correction, old_correction = release.corrections.all()
    assert data["results"][1] == {
        "number": "02/TCBC-SGDĐT",
        "title": "Tình hình tổ chức Kỳ thi ngày đầu",
        "slug": release.slug,
        "summary": "Kỳ thi diễn ra an toàn (Sửa số thí sinh.)",
        "body_html": "<p>Toàn tỉnh có <strong>9.658</strong> thí sinh.</p>",
        "published_at": timezone.localtime(release.publish_at).isoformat(),
        "url": f"http://testserver/bao-chi/thong-cao/{release.slug}/",
        "corrections": [
            {
                "note": "Sửa số thí sinh.",
                "created_at": timezone.localtime(new_correction.created_at).isoformat(),
            },
            {
                "note": "Sửa tóm tắt.",
                "created_at": timezone.localtime(old_correction.created_at).isoformat(),
            },
        ],
        "attachments": [
            {
                "title": "Toàn văn thông cáo",
                "url": f"http://testserver/bao-chi/thong-cao-tep/{first.pk}/",
                "size": 48_213,
                "content_type": "application/pdf",
            },
            {
                "title": "Bảng số liệu thí sinh",
                "url": f"http://testserver/bao-chi/thong-cao-tep/{second.pk}/",
                "size": 10_240,
                "content_type": (
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                ),
            },
        ],
    }
    assert new_correction.created_at > old_correction.created_at


def test_the_detail_is_found_by_slug(client, release):
    item = client.get(f"/api/v1/press-releases/{release.slug}/").json()
    assert item["title"] == "Tình hình tổ chức Kỳ thi ngày đầu"
    assert item["url"] == f"http://testserver/bao-chi/thong-cao/{release.slug}/"
    assert [c["note"] for c in item["corrections"]] == ["Sửa số thí sinh.", "Sửa tóm tắt."]
    assert [a["title"] for a in item["attachments"]] == [
        "Toàn văn thông cáo",
        "Bảng số liệu thí sinh",
    ]


@pytest.mark.parametrize("kind", ["draft", "withdrawn", "embargoed"])
def test_releases_the_public_may_not_read_are_not_in_the_api(client, hidden_releases, kind):
    response = client.get(f"/api/v1/press-releases/{hidden_releases[kind].slug}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}
    assert client.get("/api/v1/press-releases/").json()["count"] == 0


def test_the_list_is_paginated_twenty_a_page(client, make_release):
    releases = [make_release() for _ in range(25)]
    first = client.get("/api/v1/press-releases/").json()
    second = client.get("/api/v1/press-releases/?page=2").json()
    assert first["count"] == 25
    assert [item["slug"] for item in first["results"]] == [r.slug for r in releases[:20]]
    assert first["next"] == "http://testserver/api/v1/press-releases/?page=2"
    assert [item["slug"] for item in second["results"]] == [r.slug for r in releases[20:]]


def test_the_api_is_read_only(client, release):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(
            f"/api/v1/press-releases/{release.slug}/", data={}, content_type="application/json"
        )
        assert response.status_code == 405


@pytest.mark.parametrize("releases", [3, 20])
def test_the_list_runs_a_fixed_number_of_queries(
    client, make_release, make_attachment, django_assert_num_queries, releases
):
    for _ in range(releases):
        release = make_release()
        release.corrections.create(note="Đính chính.")
        make_attachment(release, "Toàn văn")
        make_attachment(release, "Phụ lục")
    # count, page, corrections, attachments
    with django_assert_num_queries(4):
        assert client.get("/api/v1/press-releases/").status_code == 200


def test_the_schema_describes_the_press_release_endpoints(client, db):
    schema = json.loads(client.get("/api/v1/schema/?format=json").content)
    validate_schema(schema)
    paths = {"/api/v1/press-releases/", "/api/v1/press-releases/{slug}/"}
    assert paths <= set(schema["paths"])
    for path in paths:
        assert set(schema["paths"][path]) == {"get"}
    parameters = {
        p["name"] for p in schema["paths"]["/api/v1/press-releases/"]["get"]["parameters"]
    }
    assert parameters == {"page"}
    assert "thông cáo báo chí" in schema["info"]["description"]
