import pytest

from hotline.events import HotlineEvent
from notifications.models import Delivery, RecipientRole, Subscription
from tests import factories
from tests.factories import RecipientFactory


@pytest.fixture
def standing(db):
    """Two standing members with no hotline subscription of their own, and a member (not
    standing) who asked for urgent hotline reports at once and questions at once."""
    members = [
        RecipientFactory(name="Phó Trưởng ban Mẫu", role=RecipientRole.STANDING_DEPUTY),
        RecipientFactory(name="Giám đốc Mẫu", role=RecipientRole.DIRECTOR),
    ]
    member = RecipientFactory(
        name="Thành viên Mẫu",
        email="thanhvien@example.org",
        role=RecipientRole.MEMBER,
        is_standing=False,
    )
    for event in (HotlineEvent.URGENT, HotlineEvent.QUESTION):
        Subscription.objects.create(recipient=member, event=event, delivery=Delivery.IMMEDIATE)
    return {"standing": members, "member": member}


@pytest.fixture
def submit(db):
    """tests.factories.ticket: a question sent through the web form."""
    return factories.ticket
