"""The public pages of the column and what staff see in admin."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import Article, Status
from news.services import article_publish

XSS_PAYLOADS = [
    "<script>alert('xss')</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">bấm</a>',
    '<a href="JaVaScRiPt:alert(1)">bấm</a>',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<iframe src="https://evil.example.org"></iframe>',
    '<p style="background:url(javascript:alert(1))">kiểu</p>',
    '<div onmouseover="alert(1)">rê chuột</div>',
    '<object data="x.swf"></object><embed src="x.swf">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">dữ liệu</a>',
    '<form action="https://evil.example.org"><input name="q"></form>',
    "<p>an toàn</p><!-- <script>alert(1)</script> -->",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_stored_body_keeps_no_script_handler_or_javascript_url(make_article, client, payload):
    article = make_article(body=f"<p>Bài viết.</p>{payload}")
    stored = Article.objects.get(pk=article.pk).body.lower()
    for forbidden in ["<script", "onerror", "onload", "onmouseover", "javascript:", "<iframe",
                      "<svg", "<object", "<embed", "<form", "style=", "data:text"]:  # fmt: skip
        assert forbidden not in stored
    main = client.get(article.get_absolute_url()).content.decode().lower().split("<main")[1]
    assert "<script" not in main and "onerror=" not in main and "javascript:" not in main


def test_allowed_formatting_survives_sanitising(make_article):
    body = (
        '<h2>Lịch thi</h2><p><strong>Đậm</strong> <em>nghiêng</em> <a href="https://moet.gov.vn/">Bộ</a></p>'
        '<figure class="table"><table><thead><tr><th scope="col">Môn</th></tr></thead>'
        "<tbody><tr><td>Toán</td></tr></tbody></table></figure>"
    )
    stored = make_article(body=body).body
    assert "<h2>Lịch thi</h2>" in stored and "<strong>Đậm</strong>" in stored
    assert 'href="https://moet.gov.vn/"' in stored and 'rel="noopener noreferrer"' in stored
    assert '<th scope="col">Môn</th>' in stored and '<figure class="table">' in stored


def test_the_list_is_paginated_newest_first(make_article, client):
    articles = [make_article() for _ in range(12)]
    first = client.get("/tin-tuc/").content.decode()
    assert articles[0].title in first and articles[11].title not in first
    assert "Trang 1 / 2" in first
    second = client.get("/tin-tuc/?page=2").content.decode()
    assert articles[11].title in second


def test_drafts_and_scheduled_articles_are_not_public(make_article, client):
    draft = make_article(status=Status.DRAFT)
    scheduled = make_article(
        status=Status.SCHEDULED, publish_at=timezone.now() + dt.timedelta(days=1)
    )
    for article in (draft, scheduled):
        assert client.get(article.get_absolute_url()).status_code == 404
        assert article.title not in client.get("/tin-tuc/").content.decode()
        assert article.title not in client.get("/").content.decode()


def test_an_article_page_has_breadcrumbs_vietnamese_dates_and_sharing_meta(make_article, client):
    article = make_article(publish_at=dt.datetime(2020, 8, 9, 4, 30, tzinfo=dt.UTC))
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'aria-label="Đường dẫn"' in page and article.category.name in page
    assert "Chủ nhật, 11:30 9/8/2020" in page
    assert f'<meta property="og:title" content="{article.title}">' in page
    assert '<meta name="description" content="Tóm tắt bài' in page


def test_a_corrected_article_shows_its_update_time_and_history(make_article, client, office):
    article = make_article()
    article.summary = "Tóm tắt đã đính chính."
    from news.services import article_save

    article_save(article=article, user=office, change_note="Đính chính số thí sinh vắng.")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Cập nhật lúc" in page and "Đính chính số thí sinh vắng." in page


def test_preview_is_for_staff_only_and_never_cached(make_article, client, office, personas):
    article = make_article(status=Status.DRAFT)
    url = f"/tin-tuc/xem-truoc/{article.pk}/"
    assert client.get(url).status_code in (302, 403)
    client.force_login(personas["site_a"])
    assert client.get(url).status_code == 403
    client.force_login(office)
    response = client.get(url)
    assert response.status_code == 200
    assert "Bản xem trước" in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_home_shows_pinned_latest_and_per_category_news(make_article, client, category):
    pinned = make_article(title="Tin ghim", pinned_until=timezone.now() + dt.timedelta(days=1))
    latest = make_article(title="Tin mới nhất")
    page = client.get("/").content.decode()
    assert "Tin nổi bật" in page and pinned.title in page and latest.title in page
    assert f'href="{category.get_absolute_url()}"' in page


def count_queries(client, path) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/", "/tin-tuc/", "ARTICLE", "CATEGORY", "/tin-tuc/?page=2"])
def test_public_pages_run_a_fixed_number_of_queries(make_article, client, category, path):
    first = make_article()
    for _ in range(11):
        make_article()
    resolve = {"ARTICLE": first.get_absolute_url(), "CATEGORY": category.get_absolute_url()}
    count_queries(client, "/")  # the first request ever creates the agency's details row
    few = count_queries(client, resolve.get(path, path))
    for _ in range(30):
        make_article()
    assert count_queries(client, resolve.get(path, path)) == few


def test_anonymous_pages_are_cached_and_refreshed_on_publish(
    make_article, client, category, office, django_capture_on_commit_callbacks
):
    make_article(title="Bài thứ nhất")
    client.get("/tin-tuc/")
    with CaptureQueriesContext(connection) as cached:
        client.get("/tin-tuc/")
    assert len(cached) == 0
    article = Article(title="Bài vừa đăng", summary="x", body="<p>x</p>", category=category)
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=article, user=office)
    assert "Bài vừa đăng" in client.get("/tin-tuc/").content.decode()


def test_office_writes_and_publishes_through_admin_and_history_names_them(client, office, category):
    client.force_login(office)
    response = client.post(
        "/admin/news/article/add/",
        {
            "title": "Thí sinh đến điểm thi đúng giờ",
            "slug": "",
            "category": category.pk,
            "summary": "Lưu ý giờ có mặt.",
            "body": "<p>Có mặt trước 7 giờ.</p><script>alert(1)</script>",
            "byline": "Văn phòng Sở",
            "cover_alt": "",
            "status": "da-dang",
            "publish_at_0": "9/8/2020",
            "publish_at_1": "06:00",
            "pinned_until_0": "",
            "pinned_until_1": "",
            "change_note": "",
            "withdrawn_reason": "",
            "corrections-TOTAL_FORMS": "0",
            "corrections-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="thi-sinh-den-diem-thi-dung-gio")
    assert article.status == Status.PUBLISHED and "<script" not in article.body
    assert article.history.first().history_user == office


def test_admin_refuses_a_change_to_a_published_article_without_a_note(client, office, make_article):
    article = make_article()
    client.force_login(office)
    data = {
        "title": "Tiêu đề mới",
        "slug": article.slug,
        "category": article.category_id,
        "summary": article.summary,
        "body": article.body,
        "byline": "",
        "cover_alt": "",
        "status": "da-dang",
        "publish_at_0": timezone.localtime(article.publish_at).strftime("%d/%m/%Y"),
        "publish_at_1": timezone.localtime(article.publish_at).strftime("%H:%M:%S"),
        "pinned_until_0": "",
        "pinned_until_1": "",
        "change_note": "",
        "withdrawn_reason": "",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    response = client.post(f"/admin/news/article/{article.pk}/change/", data)
    assert response.status_code == 200
    assert "hãy ghi ngắn gọn nội dung cập nhật" in response.content.decode()
    article.refresh_from_db()
    assert article.title != "Tiêu đề mới"
    data["change_note"] = "Sửa tiêu đề."
    assert client.post(f"/admin/news/article/{article.pk}/change/", data).status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề mới" and article.corrections.get().note == "Sửa tiêu đề."


def test_logged_in_readers_and_pages_with_a_message_are_never_served_from_the_cache(
    make_article, client, office
):
    from django.contrib.messages import constants

    make_article()
    client.get("/tin-tuc/")  # cached for anonymous readers
    client.force_login(office)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/tin-tuc/")
    assert len(queries) > 0 and page.status_code == 200
    client.logout()
    from django.contrib.messages.storage.cookie import CookieStorage

    storage = CookieStorage(client.get("/").wsgi_request)
    storage.add(constants.INFO, "Đã gửi câu hỏi.")
    response = client.get("/")
    storage.update(response)
    client.cookies.update(response.cookies)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/tin-tuc/").content.decode()
    assert len(queries) > 0
    assert "Đã gửi câu hỏi." in page
