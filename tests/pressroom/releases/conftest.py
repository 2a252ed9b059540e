"""Releases sent to the press (tests/pressroom/conftest.py's `press`), five minutes past their
embargo unless told otherwise."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import PressReleaseFactory, at  # noqa: F401 (at: for the tests)

RELEASE = {
    "number": "01/TCBC-SGDĐT",
    "title": "Thông cáo báo chí về Kỳ thi tốt nghiệp THPT năm 2020",
    "summary": "Tình hình chuẩn bị Kỳ thi tại Cà Mau.",
    "body": "<p>Toàn tỉnh có 9.658 thí sinh đăng ký dự thi.</p>",
}


@pytest.fixture
def make_release(press):
    def make(**fields):
        values = {**RELEASE, "publish_at": timezone.now() - dt.timedelta(minutes=5), **fields}
        release = PressReleaseFactory(**values)
        release.lists.set(press["lists"])
        return release

    return make
