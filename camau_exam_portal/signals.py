"""Cache invalidation for the site shell (signals only refresh caches; no business rules here)."""

from django.core.cache import cache
from django.db.models.signals import post_save
from django.dispatch import receiver

from camau_exam_portal.models import SITE_INFO_CACHE_KEY, SiteInfo


@receiver(post_save, sender=SiteInfo, dispatch_uid="portal.site_info_changed")
def site_info_changed(**_kwargs) -> None:
    cache.delete(SITE_INFO_CACHE_KEY)
