import pytest

from notifications.models import Delivery, RecipientRole, Subscription
from reports.events import ReportEvent
from tests.factories import RecipientFactory


@pytest.fixture
def standing(db):
    """Two standing members who want incidents at once, and reports in their digest."""
    members = [
        RecipientFactory(name="Phó Trưởng ban Mẫu", role=RecipientRole.STANDING_DEPUTY),
        RecipientFactory(name="Chủ tịch Hội đồng Mẫu", role=RecipientRole.COUNCIL_CHAIR),
    ]
    for recipient in members:
        Subscription.objects.create(recipient=recipient, event=ReportEvent.URGENT)
        Subscription.objects.create(
            recipient=recipient, event=ReportEvent.SUBMITTED, delivery=Delivery.DIGEST
        )
    return members
