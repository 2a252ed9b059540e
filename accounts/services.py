"""The second factor of a log-in: TOTP apps through django-otp, with single-use recovery codes.

Who must give one is decided in `accounts.policy`. TOTPDevice refuses a code of a time step already used
(`last_t`), StaticDevice deletes a recovery code when it is used, and both throttle failures with
django-otp's exponential back-off.

The security audit (`SecurityEvent`, a read-only list in admin) gets one entry for each set-up of an
app, each new set of recovery codes, each log-in with a recovery code and each device removed,
wherever it is removed (django-otp's own admin pages included, through a post_delete receiver).
Failed codes are not recorded: django-otp counts and throttles them on the device.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from base64 import b32encode

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_otp.models import VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.models import HistoricalRecords

from accounts.models import SecurityEvent, SecurityEventKind

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_DEVICE_NAME = "Mã khôi phục"

WRONG_CODE = (
    "Mã xác thực không đúng hoặc đã được dùng. Xin nhập mã 6 chữ số mới nhất trên ứng dụng "
    "xác thực (mỗi mã chỉ dùng được một lần)."
)
WRONG_RECOVERY_CODE = "Mã khôi phục không đúng hoặc đã được dùng."


def security_event_record(*, kind: SecurityEventKind, account, actor, device) -> SecurityEvent:
    """One audit entry, in the caller's transaction: it is kept only if the change it records is."""
    return SecurityEvent.objects.create(
        kind=kind,
        account=account,
        account_username=account.get_username(),
        actor=actor,
        actor_username=actor.get_username() if actor else "",
        device_name=device.name,
    )


def device_deletion_record(*, device, origin) -> SecurityEvent:
    """Record that a TOTP or recovery-code device was deleted, by the user of the current request.

    `origin` is what delete() was called on: the device (or a queryset of them), or the account
    when the devices go with it. The entry then keeps the names only, as the account's row is
    about to be deleted in the same transaction.
    """
    kind = (
        SecurityEventKind.RECOVERY_DELETED
        if isinstance(device, StaticDevice)
        else SecurityEventKind.TOTP_DELETED
    )
    account = device.user
    actor = _request_user()
    gone = _users_being_deleted(origin)
    return SecurityEvent.objects.create(
        kind=kind,
        account=None if account.pk in gone else account,
        account_username=account.get_username(),
        actor=None if actor is None or actor.pk in gone else actor,
        actor_username=actor.get_username() if actor else "",
        device_name=device.name,
    )


def _request_user():
    """Who is logged in on the request being served, or None (a command, the shell).

    simple-history's HistoryRequestMiddleware already keeps the request where model code can
    reach it; the history of content models names its users from the same place.
    """
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _users_being_deleted(origin) -> set:
    user_model = get_user_model()
    if isinstance(origin, user_model):
        return {origin.pk}
    if isinstance(origin, QuerySet) and issubclass(origin.model, user_model):
        return set(origin.values_list("pk", flat=True))
    return set()


def totp_device_pending(*, user) -> TOTPDevice:
    """The user's unconfirmed TOTP device, made once: reloading the set-up page keeps the secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


_SELF = object()


def recovery_code_new() -> str:
    """A recovery code: 16 base32 letters and digits (80 random bits) in four groups, abcd-efgh-..."""
    raw = b32encode(secrets.token_bytes(10)).decode().lower()
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def recovery_code_digest(code: str) -> str:
    """What the database keeps of a recovery code, never the code itself: 16 hex digits of its
    SHA-256, whatever case, spaces or dashes it is typed with. The codes are random (80 bits), so
    a copy of the database does not give them back. StaticToken's column holds 16 characters."""
    normalized = "".join(char for char in code.lower() if char.isalnum())
    return hashlib.sha256(f"camau-recovery-code:{normalized}".encode()).hexdigest()[:16]


def recovery_codes_replace(*, user, actor=_SELF) -> list[str]:
    """A fresh set of single-use recovery codes, shown once and stored as digests only; any
    earlier ones stop working. Recorded as done by `actor` (the user themself unless given;
    None from a management command)."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, defaults={"name": RECOVERY_DEVICE_NAME, "confirmed": True}
        )
        device.token_set.all().delete()
        codes = [recovery_code_new() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=recovery_code_digest(code)) for code in codes
        )
        security_event_record(
            kind=SecurityEventKind.RECOVERY_CODES_ISSUED,
            account=user,
            actor=user if actor is _SELF else actor,
            device=device,
        )
    return codes


def totp_device_confirm(*, user, device_id: int, token: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the pending device with a code from the app and issue new recovery codes; both are
    recorded in the security audit.

    Raises ValidationError when the code is wrong or verification is throttled; nothing changes
    then except django-otp's failure count.
    """
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(pk=device_id, user=user, confirmed=False)
            .first()
        )
        if device is None:
            raise forms.ValidationError(
                "Phiên thiết lập đã thay đổi. Xin tải lại trang và thử lại.", code="stale"
            )
        _check_throttle(device)
        if not device.verify_token(token):
            error = forms.ValidationError(WRONG_CODE, code="invalid_token")
        else:
            error = None
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            security_event_record(
                kind=SecurityEventKind.TOTP_CONFIRMED, account=user, actor=user, device=device
            )
            codes = recovery_codes_replace(user=user)
    # Outside the atomic block: the failure count django-otp saved must stay.
    if error is not None:
        raise error
    return device, codes


def second_factor_verify(*, user, token: str, recovery: bool):
    """The device that accepted the code (TOTP, or a recovery code which is then used up and the
    log-in recorded in the security audit)."""
    model = StaticDevice if recovery else TOTPDevice
    if recovery:
        token = recovery_code_digest(token)
    error = None
    with transaction.atomic():
        devices = list(
            model.objects.devices_for_user(user, confirmed=True).select_for_update().order_by("pk")
        )
        if not devices:
            error = forms.ValidationError(
                "Tài khoản chưa có mã khôi phục." if recovery else WRONG_CODE,
                code="no_device",
            )
        for device in devices:
            try:
                _check_throttle(device)
            except forms.ValidationError as throttled:
                error = throttled
                continue
            if device.verify_token(token):
                if recovery:
                    security_event_record(
                        kind=SecurityEventKind.RECOVERY_CODE_USED,
                        account=user,
                        actor=user,
                        device=device,
                    )
                return device
            error = forms.ValidationError(
                WRONG_RECOVERY_CODE if recovery else WRONG_CODE, code="invalid_token"
            )
    raise error


def _check_throttle(device) -> None:
    allowed, extra = device.verify_is_allowed()
    if allowed:
        return
    if extra and extra.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
        # django-otp doubles the wait after each failure: 1 s, 2 s, 4 s, ...
        wait = math.ceil((extra["locked_until"] - timezone.now()).total_seconds())
        wait_text = f"{wait} giây" if wait < 120 else f"{math.ceil(wait / 60)} phút"
        message = (
            f"Đã nhập sai {extra['failure_count']} lần liên tiếp. Xin chờ {wait_text} rồi thử lại."
        )
    else:
        message = "Tạm thời chưa thể xác thực. Xin chờ ít phút rồi thử lại."
    raise forms.ValidationError(message, code="throttled")
