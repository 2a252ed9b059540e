"""With the cache (Redis) down, public pages are rendered for every reader instead of failing,
and a publication is saved without an error (found by bench/exam_day)."""

from __future__ import annotations

import pytest
from django.test import override_settings

from camau_exam_portal import pagecache
from camau_exam_portal.demo import seed_site_info
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
def cache_down(db):
    seed_exam()
    seed_site_info()
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
