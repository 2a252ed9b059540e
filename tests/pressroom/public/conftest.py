"""The press room's public pages: outlets with their private links, releases either side of their
embargo, briefings in each state, files made in the test. Times are Cà Mau's, in August 2020."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.base import ContentFile

from pressroom.models import (
    BriefingMaterial,
    MediaKitItem,
    MediaOutlet,
    OutletKind,
    PressRelease,
    ReleaseAttachment,
    Spokesperson,
)
from tests.factories import PressBriefingFactory, PressReleaseFactory, at, pdf_bytes

# The morning the tests live in, and the release's embargo later that morning.
MORNING = at(2020, 8, 5, 7, 0)
EMBARGO = at(2020, 8, 5, 8, 0)

RELEASE = {
    "number": "01/TCBC-SGDĐT",
    "title": "Thông cáo báo chí về Kỳ thi tốt nghiệp THPT năm 2020",
    "summary": "Tình hình chuẩn bị Kỳ thi tại Cà Mau.",
    "body": "<p>Toàn tỉnh có <strong>9.658</strong> thí sinh đăng ký dự thi.</p>",
    "publish_at": EMBARGO,
}
BRIEFING = {
    "starts_at": at(2020, 8, 6, 8, 0),
    "chair": "Giám đốc Sở Giáo dục và Đào tạo",
    "participants": "Thường trực Ban Chỉ đạo; các cơ quan báo chí",
    "agenda": "<p>Thông tin về công tác chuẩn bị Kỳ thi.</p>",
    "capacity": 40,
}


def page_of(response) -> str:
    return response.content.decode()


@pytest.fixture
def morning(time_machine):
    """The clock stands at 07:00 on 5/8/2020, an hour before the embargo; `morning.move_to(...)`
    moves it."""
    time_machine.move_to(MORNING, tick=False)
    return time_machine


@pytest.fixture
def outlets(db):
    """An outlet the Office works with, and one no longer contacted."""
    return {
        "active": MediaOutlet.objects.create(name="Báo Mẫu Cà Mau", kind=OutletKind.LOCAL),
        "inactive": MediaOutlet.objects.create(
            name="Báo Mẫu Đã Ngừng", kind=OutletKind.CENTRAL, is_active=False
        ),
    }


@pytest.fixture
def spokesperson(db):
    return Spokesperson.objects.create(
        name="Trần Văn Phát Ngôn",
        title="Chánh Văn phòng Sở",
        phone="0123 456 789",
        email="phatngon@example.org",
        is_default=True,
    )


@pytest.fixture
def make_release(db):
    def make(**fields):
        return PressReleaseFactory(**{**RELEASE, **fields})

    return make


def attach(release: PressRelease, name: str = "Số liệu thí sinh.pdf", data: bytes | None = None):
    data = data if data is not None else pdf_bytes()
    attachment = ReleaseAttachment(
        release=release,
        title="Số liệu thí sinh đăng ký dự thi",
        original_name=name,
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    attachment.file.save("tep.pdf", ContentFile(data), save=False)
    attachment.save()
    return attachment


def public_file(model, **fields):
    """A briefing material or a media kit item, on the public media storage."""
    data = pdf_bytes()
    item = model(
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        **fields,
    )
    item.file.save("tep.pdf", ContentFile(data), save=False)
    item.save()
    return item


@pytest.fixture
def make_briefing(db):
    def make(**fields):
        return PressBriefingFactory(**{**BRIEFING, **fields})

    return make


@pytest.fixture
def make_material():
    def make(briefing, **fields):
        values = {"title": "Bài phát biểu khai mạc", "original_name": "Phát biểu.pdf"}
        values.update(fields)
        return public_file(BriefingMaterial, briefing=briefing, **values)

    return make


@pytest.fixture
def make_kit_item(db):
    def make(**fields):
        values = {"title": "Số liệu Kỳ thi năm 2020", "original_name": "So lieu.pdf"}
        values.update(fields)
        return public_file(MediaKitItem, **values)

    return make
