"""Press contacts receive e-mail through notifications: one Recipient each, kept in step."""

from __future__ import annotations

from django.db import transaction

from notifications.models import Recipient, RecipientRole
from pressroom.models import PressContact


def contact_save(*, contact: PressContact) -> PressContact:
    """Save the contact and its Recipient (role "press"): same name, address and activity, so
    what the Office edits is what the worker sends to."""
    contact.full_clean()
    with transaction.atomic():
        active = contact.is_active and contact.outlet.is_active
        if contact.recipient_id is None:
            contact.recipient = Recipient.objects.create(
                name=contact.name,
                title=contact.title,
                organisation=contact.outlet.name,
                email=contact.email,
                phone=contact.phone,
                role=RecipientRole.PRESS,
                is_active=active,
            )
        else:
            Recipient.objects.filter(pk=contact.recipient_id).update(
                name=contact.name,
                title=contact.title,
                organisation=contact.outlet.name,
                email=contact.email,
                phone=contact.phone,
                is_active=active,
            )
        contact.save()
    return contact


def recipients_of(lists) -> list[Recipient]:
    """The active recipients of the contacts of these distribution lists, each once."""
    contacts = (
        PressContact.objects.filter(lists__in=lists, is_active=True, outlet__is_active=True)
        .exclude(recipient=None)
        .select_related("recipient")
        .distinct()
    )
    return [c.recipient for c in contacts if c.recipient.is_active]
