import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, resolve_url
from django.urls import reverse

from accounts.policy import is_staff_user, needs_second_factor, second_factor_url

# Session keys of SessionLimitsMiddleware: when this log-in began, and the last request of staff.
SESSION_STARTED_KEY = "portal_session_started"
SESSION_ACTIVITY_KEY = "portal_last_activity"


class SessionLimitsMiddleware:
    """Ends a staff session after STAFF_IDLE_MINUTES without a request, and every session
    SESSION_COOKIE_AGE after its log-in however active it is: Django's own expiry slides forward
    each time the session is saved, which a staff session is about once a minute here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.get(SESSION_STARTED_KEY, now)
            last = session.get(SESSION_ACTIVITY_KEY, started)
            staff = is_staff_user(user)
            if now - started > settings.SESSION_COOKIE_AGE:
                hours = settings.SESSION_COOKIE_AGE // 3600
                return self._expire(request, f"Phiên làm việc đã hết hạn sau {hours} giờ.")
            idle_limit = settings.STAFF_IDLE_MINUTES
            if staff and now - last > idle_limit * 60:
                return self._expire(
                    request,
                    f"Phiên làm việc đã hết hạn sau {idle_limit} phút không hoạt động.",
                )
            if SESSION_STARTED_KEY not in session:
                session[SESSION_STARTED_KEY] = started
            # Written at most once a minute: every write saves the session row.
            if staff and (SESSION_ACTIVITY_KEY not in session or now - last >= 60):
                session[SESSION_ACTIVITY_KEY] = now
        response = self.get_response(request)
        # A log-in made by this request starts the clock.
        if request.user.is_authenticated and SESSION_STARTED_KEY not in request.session:
            request.session[SESSION_STARTED_KEY] = time.time()
        return response

    @staticmethod
    def _expire(request, message: str):
        path = request.get_full_path()
        logout(request)
        messages.info(request, f"{message} Xin đăng nhập lại.")
        login = "admin:login" if request.path_info.startswith("/admin/") else settings.LOGIN_URL
        if request.method != "GET":
            return redirect(login)
        return redirect_to_login(path, resolve_url(login))


class TwoFactorMiddleware:
    """Someone who must give a second factor and has only given a password goes to the code page
    (or the set-up page) whatever they ask for, except those pages themselves and log-out."""

    ALLOWED = ("accounts:otp-verify", "accounts:otp-setup", "accounts:logout", "admin:logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_second_factor(request.user) and not self._allowed(request):
            next_url = request.get_full_path() if request.method == "GET" else ""
            if request.path_info in (resolve_url(settings.LOGIN_URL), reverse("admin:login")):
                # Asked for a log-in page: go on to where that log-in would have led.
                next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
            return redirect(second_factor_url(request.user, next_url))
        return self.get_response(request)

    def _allowed(self, request) -> bool:
        if request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return True
        return request.path_info in {reverse(name) for name in self.ALLOWED}
