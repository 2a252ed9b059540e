from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q

from notifications.models import Message, MessageStatus


def outbox_health() -> dict[str, int]:
    """How many rows wait and how many failed, for the admin index."""
    return Message.objects.aggregate(
        pending=Count("pk", filter=Q(status__in=[MessageStatus.PENDING, MessageStatus.SENDING])),
        failed=Count("pk", filter=Q(status=MessageStatus.FAILED)),
    )


@dataclass(frozen=True)
class DeliveryState:
    """Where one message of the outbox stands, as staff read it."""

    status: str
    label: str
    sent_at: dt.datetime | None


def delivery_states(*, dedupe_keys: Iterable[str]) -> dict[tuple[str, str], DeliveryState]:
    """The state of every message written under these keys, by (dedupe key, lower-cased
    address): for a caller that keeps its own record of what it sent (notify_address) and shows
    how each went. One query, whatever the number of keys."""
    keys = set(dedupe_keys)
    if not keys:
        return {}
    labels = dict(MessageStatus.choices)
    rows = (
        Message.objects.filter(dedupe_key__in=keys)
        .order_by("pk")
        .values_list("dedupe_key", "recipient__email", "status", "sent_at")
    )
    states: dict[tuple[str, str], DeliveryState] = {}
    for key, email, status, sent_at in rows:
        states.setdefault(
            (key, email.lower()), DeliveryState(status, str(labels.get(status, status)), sent_at)
        )
    return states
