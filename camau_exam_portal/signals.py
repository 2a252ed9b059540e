"""Cache invalidation for the site shell, and the audit of second-factor devices removed.

Signals refresh caches and carry no business rules. The one exception is the audit entry of a
device deleted: devices are deleted by django-otp's own admin pages, which call no service of ours,
so post_delete is the one place every deletion passes through.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from camau_exam_portal.models import SITE_INFO_CACHE_KEY, SiteInfo
from camau_exam_portal.pagecache import bump_public_version
from camau_exam_portal.twofactor import device_deletion_record


@receiver(post_save, sender=SiteInfo, dispatch_uid="portal.site_info_changed")
def site_info_changed(**_kwargs) -> None:
    def refresh() -> None:
        try:
            cache.delete(SITE_INFO_CACHE_KEY)
        finally:
            bump_public_version()  # cached pages show the footer too

    # After commit, and robust: a cache that is down must not undo the Office's edit.
    transaction.on_commit(refresh, robust=True)


@receiver(post_delete, sender=TOTPDevice, dispatch_uid="portal.totp_device_deleted")
@receiver(post_delete, sender=StaticDevice, dispatch_uid="portal.static_device_deleted")
def second_factor_device_deleted(*, instance, origin=None, **_kwargs) -> None:
    # In the deleting transaction: the entry exists exactly when the deletion does.
    device_deletion_record(device=instance, origin=origin)
