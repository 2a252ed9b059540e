"""Cache invalidation when the Office edits the agency's details (shown in every footer)."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from core.models import SITE_INFO_CACHE_KEY, SiteInfo
from core.pagecache import bump_public_version


@receiver(post_save, sender=SiteInfo, dispatch_uid="portal.site_info_changed")
def site_info_changed(**_kwargs) -> None:
    def refresh() -> None:
        try:
            cache.delete(SITE_INFO_CACHE_KEY)
        finally:
            bump_public_version()  # cached pages show the footer too

    # After commit, and robust: a cache that is down must not undo the Office's edit.
    transaction.on_commit(refresh, robust=True)
