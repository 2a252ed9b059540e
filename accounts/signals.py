"""The audit of second-factor devices removed.

Signals carry no business rules here, with this one exception: devices are deleted by django-otp's
own admin pages, which call no service of ours, so post_delete is the one place every deletion
passes through.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.services import device_deletion_record


@receiver(post_delete, sender=TOTPDevice, dispatch_uid="portal.totp_device_deleted")
@receiver(post_delete, sender=StaticDevice, dispatch_uid="portal.static_device_deleted")
def second_factor_device_deleted(*, instance, origin=None, **_kwargs) -> None:
    # In the deleting transaction: the entry exists exactly when the deletion does.
    device_deletion_record(device=instance, origin=origin)
