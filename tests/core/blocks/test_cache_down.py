"""With the cache (Redis) down, public pages are served from the process's own copies, or rendered,
instead of failing, and a publication is saved without an error (found by bench/exam_day)."""

from __future__ import annotations

import pytest
from django.test import override_settings

from camau_exam_portal.demo import seed_site_info
from core import pagecache
from exams.demo import seed_exam

# Nothing listens on port 1 of loopback: every cache call fails at once, as with Redis stopped.
DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture
def content(db):
    seed_exam()
    seed_site_info()


@pytest.fixture
def cache_down(content):
    pagecache._memo["until"] = 0.0
    with override_settings(CACHES=DEAD_REDIS):  # restored before the suite's own cache clean-up
        yield
    pagecache._memo["until"] = 0.0


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/tin-tuc/",
        "/van-ban/?q=ke+hoach",
        "/hoi-dap/",
        "/bao-chi/",
        "/lich-thi/",
        "/tim-kiem/?q=ky+thi",
        "/duong-day-nong/",
        "/feeds/tin-tuc/rss/",
        "/sitemap.xml",
        "/api/v1/news/",
    ],
)
def test_public_pages_are_served_while_the_cache_is_down(client, cache_down, path):
    from django.core.cache import cache

    with pytest.raises(Exception):  # noqa: B017 (the premise: the cache really is down)
        cache.get("anything")

    response = client.get(path)

    assert response.status_code == 200


def test_a_publication_is_saved_without_error_while_the_cache_is_down(cache_down):
    pagecache.bump_public_version()  # does not raise

    assert pagecache._memo["until"] == 0.0


def _down():
    pagecache._memo["until"] = 0.0
    return override_settings(CACHES=DEAD_REDIS)


def test_a_page_read_before_the_outage_is_served_from_the_process_copy(
    client, content, django_assert_num_queries
):
    before = client.get("/")
    assert before.status_code == 200

    with _down(), django_assert_num_queries(0):  # not rendered: the copy, no database query
        during = client.get("/")

    assert during.status_code == 200
    assert during.content == before.content
    assert during["Content-Type"] == before["Content-Type"]


def test_a_page_first_asked_during_the_outage_is_rendered_once(
    client, cache_down, django_assert_num_queries
):
    first = client.get("/tin-tuc/")
    with django_assert_num_queries(0):
        second = client.get("/tin-tuc/")

    assert first.status_code == second.status_code == 200
    assert second.content == first.content


def test_a_publication_in_this_process_drops_its_copies(client, cache_down):
    client.get("/tin-tuc/")

    pagecache.bump_public_version()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/tin-tuc/")
    assert response.status_code == 200
    assert len(queries) > 0  # rendered afresh, from the database


def test_a_copy_is_not_used_past_the_page_cache_lifetime(client, cache_down, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get("/tin-tuc/")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/tin-tuc/")

    assert response.status_code == 200
    assert len(queries) > 0


def test_the_copies_stay_within_their_memory_budget(settings):
    settings.PUBLIC_PAGE_FALLBACK_MB = 1
    copies = pagecache.LocalCopies()
    page = b"x" * 400_000

    for name in ("a", "b", "c"):
        copies.keep(name, page, {})

    assert copies.size <= 1024 * 1024
    assert copies.recall("a") is None  # the least recently used went first
    assert copies.recall("c") == (page, {})
    copies.keep("huge", b"x" * 2_000_000, {})  # larger than the budget: not kept at all
    assert copies.recall("huge") is None and copies.recall("c") is not None


def test_no_copies_are_kept_when_turned_off(client, content, settings):
    settings.PUBLIC_PAGE_FALLBACK_MB = 0

    client.get("/")

    assert len(pagecache.local_copies) == 0
