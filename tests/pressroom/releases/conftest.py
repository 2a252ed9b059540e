import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from pressroom.models import (
    DistributionList,
    MediaOutlet,
    OutletKind,
    PressContact,
    PressRelease,
    ReleaseStatus,
)
from pressroom.services.contacts import contact_save

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VN)


@pytest.fixture
def press(db):
    """Two outlets, three contacts (one inactive), two lists sharing a contact."""
    local = MediaOutlet.objects.create(name="Báo Mẫu Cà Mau", kind=OutletKind.LOCAL)
    central = MediaOutlet.objects.create(name="Báo Mẫu Trung ương", kind=OutletKind.CENTRAL)

    def contact(outlet, name, email, **extra):
        return contact_save(contact=PressContact(outlet=outlet, name=name, email=email, **extra))

    people = {
        "a": contact(local, "Phóng viên A", "pv.a@example.org"),
        "b": contact(central, "Phóng viên B", "pv.b@example.org"),
        "off": contact(local, "Phóng viên nghỉ", "pv.nghi@example.org", is_active=False),
    }
    local_list = DistributionList.objects.create(name="Báo chí địa phương")
    local_list.contacts.add(people["a"], people["off"])
    all_list = DistributionList.objects.create(name="Tất cả cơ quan báo chí")
    all_list.contacts.add(people["a"], people["b"])
    return {"outlets": (local, central), "people": people, "lists": (local_list, all_list)}


@pytest.fixture
def make_release(press):
    def make(**fields):
        values = {
            "number": "01/TCBC-SGDĐT",
            "title": "Thông cáo báo chí về Kỳ thi tốt nghiệp THPT năm 2020",
            "summary": "Tình hình chuẩn bị Kỳ thi tại Cà Mau.",
            "body": "<p>Toàn tỉnh có 9.658 thí sinh đăng ký dự thi.</p>",
            "status": ReleaseStatus.APPROVED,
            "publish_at": timezone.now() - dt.timedelta(minutes=5),
        }
        values.update(fields)
        release = PressRelease.objects.create(**values)
        release.lists.set(press["lists"])
        return release

    return make
