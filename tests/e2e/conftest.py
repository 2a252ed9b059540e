"""Browser tests: Debian's Chromium driven by Playwright's sync API against pytest-django's live server.

Every test in this folder is marked `browser`. On a machine without Chromium they are skipped; with
CI=true they fail instead (tests/services.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.services import CHROMIUM, require_chromium

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
    from playwright.sync_api import sync_playwright

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


@pytest.fixture
def page(browser, viewport):
    context = new_context(browser, viewport=viewport)
    # A slow CI machine should fail with a message, not hang for Playwright's 30 s default.
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def console_errors(page):
    """Console errors and uncaught exceptions of the page, CSP violations included."""
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    return errors


@pytest.fixture
def demo_data(transactional_db):
    """The 2020 exam and the agency's details as `manage.py seed_demo` loads them."""
    from camau_exam_portal.demo import seed_site_info
    from exams.demo import seed_exam

    exam = seed_exam()
    seed_site_info()
    return exam
