from django.db.models import Count, Q

from notifications.models import Message, MessageStatus


def outbox_health() -> dict[str, int]:
    """How many rows wait and how many failed, for the admin index."""
    return Message.objects.aggregate(
        pending=Count("pk", filter=Q(status__in=[MessageStatus.PENDING, MessageStatus.SENDING])),
        failed=Count("pk", filter=Q(status=MessageStatus.FAILED)),
    )
