import pytest

from hotline.events import HotlineEvent
from notifications.models import Delivery, Recipient, RecipientRole, Subscription


@pytest.fixture
def standing(db):
    """Two standing members with no hotline subscription of their own, and a member (not
    standing) who asked for urgent hotline reports at once and questions at once."""
    members = [
        Recipient.objects.create(
            name=name, email=f"{role}@example.org", role=role, is_standing=True
        )
        for name, role in [
            ("Phó Trưởng ban Mẫu", RecipientRole.STANDING_DEPUTY),
            ("Giám đốc Mẫu", RecipientRole.DIRECTOR),
        ]
    ]
    member = Recipient.objects.create(
        name="Thành viên Mẫu", email="thanhvien@example.org", role=RecipientRole.MEMBER
    )
    for event in (HotlineEvent.URGENT, HotlineEvent.QUESTION):
        Subscription.objects.create(recipient=member, event=event, delivery=Delivery.IMMEDIATE)
    return {"standing": members, "member": member}


@pytest.fixture
def submit(db):
    from hotline.models import Category, Channel
    from hotline.services import ticket_submit

    def make(**fields):
        values = {
            "channel": Channel.WEB,
            "category": Category.QUESTION,
            "subject": "Hỏi về giờ làm thủ tục dự thi",
            "message": "Thí sinh cần có mặt lúc mấy giờ ngày 8/8?",
        }
        values.update(fields)
        return ticket_submit(**values)

    return make
