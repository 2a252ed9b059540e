"""What the press room's areas share: the press the Office works with."""

import pytest

from pressroom.models import DistributionList, OutletKind
from tests.factories import MediaOutletFactory, press_contact


@pytest.fixture
def press(db):
    """Two outlets, three contacts (one inactive), two lists sharing contact A."""
    local = MediaOutletFactory(name="Báo Mẫu Cà Mau", kind=OutletKind.LOCAL)
    central = MediaOutletFactory(name="Báo Mẫu Trung ương", kind=OutletKind.CENTRAL)
    people = {
        "a": press_contact(local, "Phóng viên A", "pv.a@example.org"),
        "b": press_contact(central, "Phóng viên B", "pv.b@example.org"),
        "off": press_contact(local, "Phóng viên nghỉ", "pv.nghi@example.org", is_active=False),
    }
    local_list = DistributionList.objects.create(name="Báo chí địa phương")
    local_list.contacts.add(people["a"], people["off"])
    all_list = DistributionList.objects.create(name="Tất cả cơ quan báo chí")
    all_list.contacts.add(people["a"], people["b"])
    return {"outlets": (local, central), "people": people, "lists": (local_list, all_list)}
