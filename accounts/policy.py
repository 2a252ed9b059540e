"""Who must give a second factor, and where they go to give it.

Staff (Office, Testing, superusers) give a code wherever OTP_REQUIRED_FOR_STAFF is on, exam-site
users where OTP_REQUIRED_FOR_SITES is. The middleware (`accounts.middleware.TwoFactorMiddleware`)
sends such a user, logged in by password only, to the code page before anything else, and the admin
site refuses them too.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from exams.roles import Role, has_role


def is_staff_user(user) -> bool:
    """Office, Testing, superusers and anyone marked staff: the people who work in admin."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.is_staff or has_role(user, *Role.STAFF)


def otp_required_for(user) -> bool:
    if not user.is_authenticated:
        return False
    if is_staff_user(user):
        return settings.OTP_REQUIRED_FOR_STAFF
    if has_role(user, Role.SITE):
        return settings.OTP_REQUIRED_FOR_SITES
    return False


def is_verified(user) -> bool:
    # OTPMiddleware installs is_verified() on request.user; a user loaded elsewhere is not verified.
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def needs_second_factor(user) -> bool:
    """Logged in by password only, by someone who must also give a code."""
    return otp_required_for(user) and not is_verified(user)


def has_confirmed_totp(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def second_factor_url(user, next_url: str = "") -> str:
    """The code page for a user with a device, the set-up page for one without, keeping `next`."""
    name = "accounts:otp-verify" if user_has_device(user) else "accounts:otp-setup"
    url = reverse(name)
    return f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}" if next_url else url
