import pytest

from notifications.models import Delivery, Recipient, RecipientRole, Subscription
from reports.events import ReportEvent


@pytest.fixture
def standing(db):
    """Two standing members who want incidents at once, and reports in their digest."""
    members = []
    for name, role in [
        ("Phó Trưởng ban Mẫu", RecipientRole.STANDING_DEPUTY),
        ("Chủ tịch Hội đồng Mẫu", RecipientRole.COUNCIL_CHAIR),
    ]:
        recipient = Recipient.objects.create(
            name=name,
            email=f"{role}@example.org",
            role=role,
            is_standing=True,
        )
        Subscription.objects.create(recipient=recipient, event=ReportEvent.URGENT)
        Subscription.objects.create(
            recipient=recipient, event=ReportEvent.SUBMITTED, delivery=Delivery.DIGEST
        )
        members.append(recipient)
    return members
