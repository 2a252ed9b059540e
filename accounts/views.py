"""Log-in for exam-site users and the Steering Committee (staff log in through /admin/), and the
pages of the second factor: the code page and the set-up of an authenticator app."""

from __future__ import annotations

from base64 import b32encode

from django import forms
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device

from accounts.forms import LoginForm, SetupForm, TokenForm
from accounts.policy import has_confirmed_totp, is_verified, second_factor_url
from accounts.services import second_factor_verify, totp_device_confirm, totp_device_pending
from exams.roles import Role, has_role

# The recovery codes of a set-up just confirmed, shown once and then removed from the session.
_FRESH_CODES_KEY = "twofactor_fresh_recovery_codes"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def account_home(request):
    """Send each person to the place their role works in."""
    user = request.user
    if has_role(user, Role.SITE) and not user.is_superuser:
        return redirect("reports:site-home")
    if has_role(user, Role.STEERING):
        return redirect("reports:dashboard")
    if user.is_staff:
        return redirect("admin:index")
    return redirect("home")


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
