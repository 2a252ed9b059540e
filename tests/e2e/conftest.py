"""Browser tests: Debian's Chromium driven by Playwright's sync API against the production stack.

The portal under test is scripts/run-production (tests/production_stack.py): gunicorn, a Celery
worker and Celery beat with DEBUG off, on this run's PostgreSQL test database and on Redis, with
an SMTP sink on loopback as its mail server. The stack starts once for this folder; each test
(`portal`) gets the database emptied (transactional_db), Redis's cache emptied (tests/conftest.py)
and the sink's messages forgotten. Data a test makes through the ORM is committed, so the stack
sees it, and what a browser does in the stack is read back through the ORM.

Every test in this folder is marked `browser`. Without Chromium, PostgreSQL (DATABASE_URL) or
Redis (REDIS_URL) they are skipped; with CI=true they fail instead (tests/services.py).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest

from tests.production_stack import ProductionStack, database_url, free_port, loopback_env, redis_db
from tests.services import CHROMIUM, require_chromium, require_postgres, require_redis
from tests.smtp import SmtpSink

HERE = Path(__file__).parent

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    # This hook sees the whole session's items, not only this folder's: mark ours alone.
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


# Package scope, not session: one Chromium for every test of this folder, stopped before the rest
# of the suite runs. pytest-django runs the live-server (transactional) tests as one block, so this
# starts once per run; while Playwright runs, the main thread has an event loop (see below) that
# would break asyncio.run() or async_to_sync() in unrelated tests.
@pytest.fixture(scope="package")
def _playwright():
    require_chromium()
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait as long as actions do (see _page) instead of expect's own 5 s: on a loaded
    # machine, a page on its way should not fail an assertion that an action would have waited for.
    expect.set_options(timeout=10_000)

    # The sync API keeps an asyncio event loop running in this thread for as long as Playwright is
    # started, and Django then refuses ORM calls from the test ("async context"). The ORM calls here
    # are plain synchronous ones, so the check is switched off exactly while Playwright runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    manager = sync_playwright().start()
    try:
        yield manager
    finally:
        manager.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(_playwright):
    browser = _playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


def new_context(browser, *, viewport=PHONE, **options):
    """A fresh profile as a reader in Cà Mau would have it: Vietnamese, Vietnam's time zone."""
    return browser.new_context(
        viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **options
    )


@pytest.fixture
def viewport():
    """The page's viewport; a test overrides it with @pytest.mark.parametrize("viewport", [...])."""
    return PHONE


def _page(browser, **options):
    context = new_context(browser, **options)
    # A slow CI machine should fail with a message, not hang for Playwright's 30 s default.
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def page(browser, viewport):
    yield from _page(browser, viewport=viewport)


@pytest.fixture
def no_script_page(browser):
    """A phone's page with JavaScript off: the forms work without it."""
    yield from _page(browser, java_script_enabled=False)


@pytest.fixture
def console_errors(page):
    """Console errors and uncaught exceptions of the page, CSP violations included."""
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    return errors


# The stack's Celery broker is a redis-server of its own (tests/redis_server.py): a queue shared
# with another run on the same Redis (a second checkout, a whole suite run while this folder runs)
# lets one stack's worker take the other's tasks, and their mail then reaches the wrong SMTP sink
# or none. Where redis-server is not installed, a database of REDIS_URL's server is used, 13-15
# as REDIS_URL's database picks it (tests/conftest.py gives xdist workers cache databases 0-12);
# the cache between tests is emptied on REDIS_URL's own database, never on the broker's.
STACK_BROKER_DBS = (13, 14, 15)


def stack_broker_db(redis_url: str) -> int:
    import urllib.parse

    number = int(urllib.parse.urlsplit(redis_url).path.strip("/") or 0)
    return STACK_BROKER_DBS[number % len(STACK_BROKER_DBS)]


@contextlib.contextmanager
def _stack_broker(redis_url: str, folder: Path):
    if shutil.which("redis-server"):
        from tests.redis_server import RedisServer

        server = RedisServer(free_port(), folder)
        server.start()
        try:
            yield server.url
        finally:
            server.stop()
        return
    import redis

    broker = redis_db(redis_url, stack_broker_db(redis_url))
    redis.Redis.from_url(broker).flushdb()
    try:
        yield broker
    finally:
        redis.Redis.from_url(broker).flushdb()


@pytest.fixture(scope="package")
def _stack(django_db_setup, django_db_blocker, tmp_path_factory):
    require_chromium()
    require_postgres()
    require_redis()
    from django.conf import settings
    from django.db import connection

    with contextlib.ExitStack() as cleanup:
        broker = cleanup.enter_context(
            _stack_broker(settings.REDIS_URL, tmp_path_factory.mktemp("stack-broker"))
        )
        sink = SmtpSink(free_port())
        sink.start()
        cleanup.callback(sink.stop)
        var_dir = tmp_path_factory.mktemp("production-stack")
        env = loopback_env(
            database_url=database_url(connection.settings_dict),
            redis_url=settings.REDIS_URL,
            broker_url=broker,
            var_dir=var_dir,
            EMAIL_HOST=sink.host,
            EMAIL_PORT=sink.port,
            # A failed delivery is tried again within seconds, not minutes.
            NOTIFICATIONS_RETRY_DELAYS="1,2,4",
        )
        stack = ProductionStack(env, var_dir, web_workers=2)
        stack.mail = sink
        stack.content_types, stack.permissions = _content_types_and_permissions(django_db_blocker)
        stack.collectstatic()
        cleanup.callback(stack.stop)
        stack.start()
        yield stack


def _content_types_and_permissions(django_db_blocker) -> tuple[list[dict], list[dict]]:
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    with django_db_blocker.unblock():
        return list(ContentType.objects.values()), list(Permission.objects.values())


def _restore_content_types(stack) -> None:
    """Content types and permissions with the ids the stack's processes know.

    The flush after a test empties every table; its post_migrate then makes the content types
    and permissions again, with new ids. The stack's processes cache content types by id (admin's
    log entries, generic relations) as production's do, where these rows never change: the rows
    are put back as they were when the stack started."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from exams.roles import sync_role_permissions

    current = sorted(ContentType.objects.values_list("id", "app_label", "model"))
    if current == sorted((c["id"], c["app_label"], c["model"]) for c in stack.content_types):
        return
    ContentType.objects.all().delete()  # and, by cascade, the permissions and the groups' grants
    ContentType.objects.bulk_create(ContentType(**row) for row in stack.content_types)
    Permission.objects.bulk_create(Permission(**row) for row in stack.permissions)
    ContentType.objects.clear_cache()
    sync_role_permissions()


@pytest.fixture
def portal(_stack, transactional_db):
    """The production stack, at `portal.url`; `portal.mail` is its SMTP server's record."""
    _restore_content_types(_stack)
    _stack.mail.clear()
    yield _stack
    for folder in (_stack.media_root, _stack.private_root):
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_media(_isolated_media, request, settings):
    """With the stack, this process's uploads go where the stack reads them (its VAR_DIR).

    Autouse, so it runs before the tests' data fixtures: it also sets up `portal` first."""
    if "portal" not in request.fixturenames:
        return
    request.getfixturevalue("portal")
    from django.utils.functional import empty

    from core.storage import private_storage

    stack = request.getfixturevalue("_stack")
    settings.MEDIA_ROOT = stack.media_root
    settings.PRIVATE_MEDIA_ROOT = stack.private_root
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": stack.private_root, "base_url": None},
        },
    }
    private_storage._wrapped = empty


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Passwords hashed with few rounds, in a format the stack's default hashers can check."""
    settings.PASSWORD_HASHERS = ["tests.e2e.helpers.FewRoundsPBKDF2PasswordHasher"]


@pytest.fixture
def demo_data(transactional_db):
    """The 2020 exam and the agency's details as `manage.py seed_demo` loads them."""
    from camau_exam_portal.demo import seed_site_info
    from exams.demo import seed_exam

    exam = seed_exam()
    seed_site_info()
    return exam
