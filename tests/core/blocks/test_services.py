"""The configured services are really used: PostgreSQL, Redis (cache and broker)."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from camau_exam_portal.celery import app as celery_app
from tests.services import require_postgres, require_redis


def test_the_database_is_postgresql_when_database_url_is_set(db):
    require_postgres()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    assert int(version.split(".")[0]) >= 13


def test_cache_goes_through_redis_when_redis_url_is_set():
    require_redis()
    import redis

    key = f"probe-{uuid.uuid4()}"
    cache.set(key, "Kỳ thi", 30)
    assert cache.get(key) == "Kỳ thi"
    raw = redis.Redis.from_url(settings.REDIS_URL)
    assert any(key in k.decode() for k in raw.keys(f"*{key}*"))
    cache.delete(key)


def test_celery_broker_is_redis_when_redis_url_is_set():
    require_redis()
    assert celery_app.conf.broker_url == settings.REDIS_URL
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1)
        assert conn.transport.driver_type == "redis"
