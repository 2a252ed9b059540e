"""The second factor of a log-in: TOTP apps through django-otp, with single-use recovery codes.

Who must give one is decided here (`otp_required_for`); the middleware (`TwoFactorMiddleware` in
middleware.py) sends such a user, logged in by password only, to the code page before anything
else, and the admin site refuses them too. TOTPDevice refuses a code of a time step already used
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
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.models import VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.models import HistoricalRecords

from camau_exam_portal.models import SecurityEvent, SecurityEventKind
from exams.roles import Role, has_role

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_DEVICE_NAME = "Mã khôi phục"
# The recovery codes of a set-up just confirmed, shown once and then removed from the session.
_FRESH_CODES_KEY = "twofactor_fresh_recovery_codes"


# --- Policy -------------------------------------------------------------------------------------


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


WRONG_CODE = (
    "Mã xác thực không đúng hoặc đã được dùng. Xin nhập mã 6 chữ số mới nhất trên ứng dụng "
    "xác thực (mỗi mã chỉ dùng được một lần)."
)
WRONG_RECOVERY_CODE = "Mã khôi phục không đúng hoặc đã được dùng."


# --- Services -----------------------------------------------------------------------------------


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


# --- Forms --------------------------------------------------------------------------------------


class TokenForm(forms.Form):
    """One of the two: the 6-digit code of the app, or a recovery code."""

    otp_token = forms.CharField(label="Mã xác thực", required=False, max_length=8)
    recovery_code = forms.CharField(label="Mã khôi phục", required=False, max_length=24)

    def clean_otp_token(self) -> str:
        token = "".join(self.cleaned_data["otp_token"].split())
        if token and not token.isdigit():
            raise forms.ValidationError("Mã xác thực chỉ gồm chữ số.")
        return token

    def clean_recovery_code(self) -> str:
        return "".join(char for char in self.cleaned_data["recovery_code"] if char.isalnum())

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("otp_token") or data.get("recovery_code")):
            raise forms.ValidationError("Xin nhập mã xác thực.", code="required")
        return data


class SetupForm(forms.Form):
    device_id = forms.IntegerField(widget=forms.HiddenInput)
    otp_token = forms.CharField(label="Mã xác thực", max_length=8)

    def clean_otp_token(self) -> str:
        token = "".join(self.cleaned_data["otp_token"].split())
        if not token.isdigit():
            raise forms.ValidationError("Mã xác thực chỉ gồm chữ số.")
        return token


# --- Views --------------------------------------------------------------------------------------


def _next_url(request) -> str:
    candidate = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _setup_url(request) -> str:
    next_url = _next_url(request)
    url = reverse("accounts:otp-setup")
    return f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}" if next_url else url


def _done(request):
    return redirect(_next_url(request) or settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters("otp_token", "recovery_code")
@never_cache
@login_required
def verify(request):
    """The code page after a password log-in."""
    user = request.user
    if is_verified(user):
        if not has_confirmed_totp(user):
            # Signed in with a recovery code after the app was removed: set up a new one now.
            return redirect(_setup_url(request))
        return _done(request)
    if not user_has_device(user):
        return redirect(second_factor_url(user, _next_url(request)))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        recovery = not form.cleaned_data["otp_token"]
        token = form.cleaned_data["recovery_code"] if recovery else form.cleaned_data["otp_token"]
        try:
            device = second_factor_verify(user=user, token=token, recovery=recovery)
        except forms.ValidationError as error:
            form.add_error("recovery_code" if recovery else "otp_token", error)
        else:
            otp_login(request, device)
            if not has_confirmed_totp(user):
                return redirect(_setup_url(request))
            return _done(request)
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})


@sensitive_post_parameters("otp_token")
@never_cache
@login_required
def setup(request):
    """Add an authenticator app: the secret as text and an otpauth:// link, confirmed by a code.

    Only for a user with no device yet, or one already verified (by a recovery code) who has no
    app: someone who knows only the password must never be able to add a device of their own.
    """
    user = request.user
    fresh_codes = request.session.pop(_FRESH_CODES_KEY, None)
    if fresh_codes and is_verified(user):
        return render(
            request,
            "accounts/otp_recovery_codes.html",
            {"codes": fresh_codes, "next": _next_url(request) or reverse("accounts:home")},
        )
    if has_confirmed_totp(user) or (user_has_device(user) and not is_verified(user)):
        return redirect(second_factor_url(user, _next_url(request)))

    device = totp_device_pending(user=user)
    form = SetupForm(request.POST or None, initial={"device_id": device.pk})
    if request.method == "POST" and form.is_valid():
        try:
            confirmed, codes = totp_device_confirm(
                user=user,
                device_id=form.cleaned_data["device_id"],
                token=form.cleaned_data["otp_token"],
            )
        except forms.ValidationError as error:
            form.add_error("otp_token", error)
        else:
            otp_login(request, confirmed)
            request.session[_FRESH_CODES_KEY] = codes
            return redirect(request.get_full_path())
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "device": device,
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "config_url": device.config_url,
            "next": _next_url(request),
        },
    )
