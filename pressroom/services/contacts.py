"""Press contacts, as the Office keeps them. They are e-mailed at their own address through
notifications (notify_address): nothing of them is copied into notifications' recipients."""

from __future__ import annotations

from pressroom.models import PressContact


def contact_save(*, contact: PressContact) -> PressContact:
    """Validate and save the contact; what the Office edits is what the next e-mail uses."""
    contact.full_clean()
    contact.save()
    return contact


def contacts_of(lists) -> list[PressContact]:
    """The active contacts of active outlets on these distribution lists, each once."""
    return list(
        PressContact.objects.filter(lists__in=lists, is_active=True, outlet__is_active=True)
        .select_related("outlet")
        .distinct()
    )
