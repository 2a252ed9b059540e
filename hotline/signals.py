"""Cache invalidation for the hotline (signals only refresh caches; no business rules here)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.pagecache import bump_public_version
from hotline.context_processors import forget_active_lines
from hotline.models import HotlineLine


def _refresh_public_contacts() -> None:
    forget_active_lines()
    bump_public_version()  # cached pages carry the footer and the home page's hotline box


@receiver(post_save, sender=HotlineLine, dispatch_uid="hotline.line_saved")
@receiver(post_delete, sender=HotlineLine, dispatch_uid="hotline.line_deleted")
def hotline_line_changed(**_kwargs) -> None:
    # After commit: forgetting earlier would let a concurrent page cache the old list again.
    # Robust: a cache that is down must not turn a saved change into an error page.
    transaction.on_commit(_refresh_public_contacts, robust=True)
