"""/api/v1/: read-only JSON of the news column for partner portals, and its OpenAPI description."""

import datetime as dt
import json

import pytest
import yaml
from django.utils import timezone
from drf_spectacular.validation import validate_schema

from news.models import Category


def at(day: str, hour: int = 9) -> dt.datetime:
    """A time of a day in the portal's time zone."""
    return timezone.make_aware(dt.datetime.fromisoformat(day).replace(hour=hour))


def test_list_gives_published_articles_newest_first_with_their_fields(
    client, make_article, hidden_articles
):
    older = make_article(title="Bài cũ hơn")
    newer = make_article(title="Bài mới hơn", publish_at=timezone.now() - dt.timedelta(minutes=1))

    response = client.get("/api/v1/news/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["count"] == 2
    assert [item["slug"] for item in data["results"]] == [newer.slug, older.slug]
    item = data["results"][0]
    assert item == {
        "id": newer.pk,
        "title": "Bài mới hơn",
        "slug": newer.slug,
        "summary": newer.summary,
        "url": f"http://testserver/tin-tuc/{newer.slug}/",
        "category": {"name": "Thông báo", "slug": "thong-bao"},
        "published_at": timezone.localtime(newer.publish_at).isoformat(),
        "updated_at": timezone.localtime(newer.updated_at).isoformat(),
        "body_html": newer.body,
        "cover_image": None,
    }
    assert not {item["title"] for item in data["results"]} & {
        a.title for a in hidden_articles.values()
    }


def test_body_is_the_sanitised_html_and_the_cover_image_has_an_absolute_url(client, make_article):
    article = make_article(
        body='<p onclick="steal()">Nội dung</p><script>alert(1)</script>',
        cover_image="tin-tuc/2020/07/anh.jpg",
        cover_alt="Thí sinh làm thủ tục dự thi",
    )

    item = client.get(f"/api/v1/news/{article.slug}/").json()

    assert "script" not in item["body_html"]
    assert "onclick" not in item["body_html"]
    assert item["cover_image"] == {
        "url": "http://testserver/media/tin-tuc/2020/07/anh.jpg",
        "alt": "Thí sinh làm thủ tục dự thi",
    }


def test_list_is_paginated_twenty_a_page(client, make_article):
    articles = [make_article() for _ in range(25)]

    first = client.get("/api/v1/news/").json()
    second = client.get("/api/v1/news/?page=2").json()

    assert first["count"] == 25
    assert [i["id"] for i in first["results"]] == [a.pk for a in articles[:20]]
    assert first["next"] == "http://testserver/api/v1/news/?page=2"
    assert first["previous"] is None
    assert [i["id"] for i in second["results"]] == [a.pk for a in articles[20:]]
    assert second["next"] is None


def test_a_page_past_the_end_is_not_found_in_vietnamese(client, make_article):
    make_article()

    response = client.get("/api/v1/news/?page=9")

    assert response.status_code == 404
    assert response.json() == {"detail": "Trang không tồn tại."}


def test_detail_by_slug_shows_only_published_articles(client, make_article, hidden_articles):
    article = make_article()

    assert client.get(f"/api/v1/news/{article.slug}/").json()["id"] == article.pk
    for hidden in hidden_articles.values():
        response = client.get(f"/api/v1/news/{hidden.slug}/")
        assert response.status_code == 404
        assert response.json() == {"detail": "Không tìm thấy."}


def test_filter_by_category_slug(client, make_article):
    notice = make_article(category="thong-bao")
    make_article(category="ket-qua-thi")

    data = client.get("/api/v1/news/?category=thong-bao").json()

    assert [item["id"] for item in data["results"]] == [notice.pk]


def test_an_unknown_category_is_refused_in_vietnamese(client, db):
    response = client.get("/api/v1/news/?category=khong-co")

    assert response.status_code == 400
    assert response.json() == {"category": ["Không có chuyên mục có đường dẫn này."]}


def test_filter_by_publication_dates_includes_both_days_whole(client, make_article):
    before = make_article(publish_at=at("2020-07-31", hour=23))
    first_day = make_article(publish_at=at("2020-08-01", hour=0))
    last_day = make_article(publish_at=at("2020-08-03", hour=23))
    after = make_article(publish_at=at("2020-08-04", hour=0))

    def ids(query):
        return {item["id"] for item in client.get(f"/api/v1/news/?{query}").json()["results"]}

    assert ids("published_after=2020-08-01&published_before=2020-08-03") == {
        first_day.pk,
        last_day.pk,
    }
    assert ids("published_after=2020-08-04") == {after.pk}
    assert ids("published_before=2020-07-31") == {before.pk}


@pytest.mark.parametrize("value", ["01/08/2020", "2020-13-01", "hom-qua"])
def test_an_invalid_date_is_refused_in_vietnamese(client, db, value):
    response = client.get(f"/api/v1/news/?published_after={value}")

    assert response.status_code == 400
    assert response.json() == {
        "published_after": ["Ngày không hợp lệ: dùng dạng NNNN-TT-NN, ví dụ 2020-07-09."]
    }


def test_a_date_range_ending_before_it_starts_is_refused(client, db):
    response = client.get("/api/v1/news/?published_after=2020-08-05&published_before=2020-08-01")

    assert response.status_code == 400
    assert "Ngày kết thúc" in response.json()["published_before"][0]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/v1/news/", "/api/v1/news/{slug}/", "/api/v1/categories/"])
def test_the_api_is_read_only(client, make_article, method, path):
    article = make_article()

    response = getattr(client, method)(
        path.format(slug=article.slug), data={"title": "Sửa"}, content_type="application/json"
    )

    assert response.status_code == 405
    assert "chỉ cho phép đọc" in response.json()["detail"]
    article.refresh_from_db()
    assert article.title != "Sửa"


def test_head_and_options_are_allowed(client, db):
    assert client.head("/api/v1/news/").status_code == 200
    response = client.options("/api/v1/news/")
    assert response.status_code == 200
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_categories_lists_the_active_categories(client, db):
    Category.objects.filter(slug="ket-qua-thi").update(is_active=False)

    data = client.get("/api/v1/categories/").json()

    slugs = [item["slug"] for item in data]
    assert "thong-bao" in slugs
    assert "ket-qua-thi" not in slugs
    notice = next(item for item in data if item["slug"] == "thong-bao")
    assert notice["name"] == "Thông báo"
    assert notice["url"] == "http://testserver/chuyen-muc/thong-bao/"


def test_requests_are_throttled_per_client_address(client, db, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/min"},
    }
    for _ in range(3):
        assert client.get("/api/v1/news/", REMOTE_ADDR="203.0.113.7").status_code == 200

    refused = client.get("/api/v1/news/", REMOTE_ADDR="203.0.113.7")
    # A forged X-Forwarded-For does not buy more requests: no proxy is trusted.
    forged = client.get(
        "/api/v1/news/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    other = client.get("/api/v1/news/", REMOTE_ADDR="203.0.113.8")

    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Quá nhiều yêu cầu từ địa chỉ này.")
    assert int(refused["Retry-After"]) > 0
    assert forged.status_code == 429
    assert other.status_code == 200


def test_root_lists_the_endpoints(client, db):
    data = client.get("/api/v1/").json()

    assert data == {
        "news": "http://testserver/api/v1/news/",
        "categories": "http://testserver/api/v1/categories/",
        "documents": "http://testserver/api/v1/documents/",
        "qa": "http://testserver/api/v1/qa/",
        "press-releases": "http://testserver/api/v1/press-releases/",
    }


def test_schema_is_a_valid_openapi_3_description_of_the_api(client, db):
    as_json = client.get("/api/v1/schema/?format=json")
    as_yaml = client.get("/api/v1/schema/")

    assert as_json.status_code == 200
    schema = json.loads(as_json.content)
    validate_schema(schema)  # drf-spectacular's check against the OpenAPI 3.0 JSON schema
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/news/", "/api/v1/news/{slug}/", "/api/v1/categories/"} <= set(schema["paths"])
    assert set(schema["paths"]["/api/v1/news/"]) == {"get"}
    parameters = {p["name"] for p in schema["paths"]["/api/v1/news/"]["get"]["parameters"]}
    assert parameters == {"category", "published_after", "published_before", "page"}
    assert as_yaml.status_code == 200
    assert yaml.safe_load(as_yaml.content) == schema


def test_docs_page_loads_swagger_ui_from_our_own_static_files(client, db):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "//cdn" not in page
    assert "<style" not in page
    # Every script is a file of its own: the CSP allows no inline script.
    assert page.count("<script") == page.count("<script src=")
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in script.content.decode()


def test_list_and_detail_query_counts_do_not_grow_with_the_number_of_articles(
    make_article, count_queries
):
    articles = [make_article() for _ in range(3)]
    few = {
        path: count_queries(path)
        for path in ["/api/v1/news/", "/api/v1/news/?category=thong-bao", "/api/v1/categories/"]
    }
    few_detail = count_queries(f"/api/v1/news/{articles[0].slug}/")
    for _ in range(22):
        make_article()

    for path, count in few.items():
        assert count_queries(path) == count, path
    assert count_queries(f"/api/v1/news/{articles[0].slug}/") == few_detail
