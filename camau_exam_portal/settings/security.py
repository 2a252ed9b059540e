"""Log-in (passwords, lock-outs, session limits, the second factor), HTTPS and the
Content-Security-Policy."""

from datetime import timedelta

from csp.constants import NONCE, NONE, SELF

from core.env import env_bool, env_int

from .base import DEBUG
from .storage import _MEDIA_IMG_ORIGINS

# Authentication
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        # Django's own, with the message in Vietnamese (its catalogue lacks this one).
        "NAME": "accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "home"

# Failed logins: five tries per (username, IP) pair, then a cool-off. Locking the pair, not the
# account, means one attacker cannot lock everyone else out of an account.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "errors/lockout.html"
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
AXES_USERNAME_CALLABLE = "accounts.axes.axes_username"
AXES_VERBOSE = False
# Number of reverse proxies in front of the portal whose X-Forwarded-For can be trusted.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)

# Every session ends 12 hours after its log-in, however active (SessionLimitsMiddleware); staff
# sessions also after STAFF_IDLE_MINUTES without a request.
SESSION_COOKIE_AGE = 12 * 60 * 60
STAFF_IDLE_MINUTES = env_int("STAFF_IDLE_MINUTES", 30, minimum=1)

# Second factor (accounts/): staff (Office, Testing, superusers) give a code
# of an authenticator app after their password wherever DEBUG is off; exam-site users too when
# OTP_REQUIRED_FOR_SITES is true.
OTP_REQUIRED_FOR_STAFF = env_bool("OTP_REQUIRED_FOR_STAFF", not DEBUG)
OTP_REQUIRED_FOR_SITES = env_bool("OTP_REQUIRED_FOR_SITES", False)
# The name authenticator apps show next to the account.
OTP_TOTP_ISSUER = "Cổng thông tin Kỳ thi Cà Mau"
# Device secrets are not shown in admin.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# HTTP security
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("SECURE_PROXY_SSL_HEADER", False) else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: only our own assets; a script needs the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_MEDIA_IMG_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}
# Django admin and CKEditor 5 set inline styles; allowed there and nowhere public.
CONTENT_SECURITY_POLICY_ADMIN_UPDATE = {"style-src": ["'unsafe-inline'"]}
