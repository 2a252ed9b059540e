"""/sitemap.xml: public pages, published articles and categories, with the request's host."""

import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from camau_exam_portal import sitemaps
from news.models import Category

STATIC_PAGES = [
    "/",
    "/tin-tuc/",
    "/lich-thi/",
    "/van-ban/",
    "/hoi-dap/",
    "/duong-day-nong/",
    "/bao-chi/",
]


def entries(response) -> dict[str, str | None]:
    """loc -> lastmod of every <url> of the sitemap."""
    text = response.content.decode()
    found = {}
    for block in re.findall(r"<url>(.*?)</url>", text, flags=re.S):
        loc = re.search(r"<loc>(.*?)</loc>", block).group(1)
        lastmod = re.search(r"<lastmod>(.*?)</lastmod>", block)
        found[loc] = lastmod.group(1) if lastmod else None
    return found


def test_sitemap_lists_static_pages_published_articles_and_categories(
    client, make_article, hidden_articles
):
    article = make_article(title="Hướng dẫn làm thủ tục dự thi")
    Category.objects.filter(slug="ket-qua-thi").update(is_active=False)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    urls = entries(response)
    for page in STATIC_PAGES:
        assert f"http://testserver{page}" in urls
    assert (
        urls[f"http://testserver/tin-tuc/{article.slug}/"]
        == timezone.localdate(article.updated_at).isoformat()
    )
    assert "http://testserver/chuyen-muc/thong-bao/" in urls
    assert "http://testserver/chuyen-muc/ket-qua-thi/" not in urls
    for hidden in hidden_articles.values():
        assert f"/tin-tuc/{hidden.slug}/" not in response.content.decode()


def test_sitemap_urls_use_the_requests_host_without_the_sites_framework(
    client, make_article, settings
):
    assert not apps.is_installed("django.contrib.sites")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "thi.camau.example"]
    article = make_article()

    response = client.get("/sitemap.xml", HTTP_HOST="thi.camau.example", secure=True)

    urls = entries(response)
    assert f"https://thi.camau.example/tin-tuc/{article.slug}/" in urls
    assert all(url.startswith("https://thi.camau.example/") for url in urls)


def test_apps_declare_their_sections_on_their_app_config(db):
    collected = sitemaps.collected_sitemaps()

    assert list(collected)[:3] == ["pages", "news-articles", "news-categories"]


def test_a_section_declared_twice_stops_the_sitemap(monkeypatch):
    configs = [
        SimpleNamespace(label="a", sitemaps={"docs": "news.sitemaps.ArticleSitemap"}),
        SimpleNamespace(label="b", sitemaps={"docs": "news.sitemaps.CategorySitemap"}),
    ]
    monkeypatch.setattr(sitemaps.apps, "get_app_configs", lambda: configs)

    with pytest.raises(ImproperlyConfigured, match="'docs'"):
        sitemaps.collected_sitemaps.__wrapped__()


def test_sitemap_query_count_does_not_grow_with_the_number_of_articles(make_article, count_queries):
    for _ in range(3):
        make_article()
    few = count_queries("/sitemap.xml")
    for _ in range(22):
        make_article()

    assert count_queries("/sitemap.xml") == few
