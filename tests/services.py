"""Which outside services this run has, and what a test does when one is missing.

On a bare machine a test that needs PostgreSQL, Redis or Chromium is skipped with the reason.
With CI=true the same absence fails the test: CI must exercise the real services.
"""

from __future__ import annotations

import os
import shutil

import pytest
from django.conf import settings
from django.db import connection

CHROMIUM = "/usr/bin/chromium"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require(available: bool, reason: str) -> None:
    if available:
        return
    if in_ci():
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


def require_postgres() -> None:
    require(
        connection.vendor == "postgresql",
        "PostgreSQL is not configured (set DATABASE_URL=postgres://...)",
    )


def require_redis() -> None:
    require(bool(settings.REDIS_URL), "Redis is not configured (set REDIS_URL=redis://...)")


def require_chromium() -> None:
    require(
        os.path.exists(CHROMIUM) and shutil.which("chromium") is not None,
        f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)",
    )
