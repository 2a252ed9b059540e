"""Settings of the portal: one module, fed by environment variables (see .env.example).

Nothing set gives the embedded default: SQLite, a filesystem Celery broker and mail written to files,
all under var/. DATABASE_URL, REDIS_URL and EMAIL_HOST switch to PostgreSQL, Redis and SMTP.
"""

import re
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from core.env import (
    env_bool,
    env_int,
    env_list,
    env_optional,
    env_str,
    is_web_origin,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

_DEV_SECRET_KEY = "django-insecure-development-only-key-never-used-when-DEBUG-is-off-0123456789"  # noqa: S105 (DEBUG only)
SECRET_KEY = env_optional("SECRET_KEY")
if SECRET_KEY is None:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Public address of the portal, used in e-mails and feeds where no request is at hand.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "camau_exam_portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_ckeditor_5",
    "axes",
    # Second factor of staff log-ins: TOTP apps, and single-use recovery codes (static tokens).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "core",
    "accounts",
    "camau_exam_portal.apps.PortalConfig",
    "exams",
    "notifications",
    "news",
    "documents",
    "hotline",
    "pressroom",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # request.user.is_verified(): has this session given its second factor?
    "django_otp.middleware.OTPMiddleware",
    # Idle staff sessions end, and every session 12 hours after its log-in.
    "accounts.middleware.SessionLimitsMiddleware",
    # Who must give a second factor and has not is sent to the code page first.
    "accounts.middleware.TwoFactorMiddleware",
    # Records which staff user made each change in the audit history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.PortalCSPMiddleware",
    # Axes last: it turns a locked-out login into the cool-off page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "camau_exam_portal.urls"
WSGI_APPLICATION = "camau_exam_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "camau_exam_portal.context_processors.portal",
                "hotline.context_processors.hotline_lines",
            ],
        },
    },
]

# Database: PostgreSQL from DATABASE_URL, otherwise a SQLite file under var/.
DATABASE_URL = env_optional("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
            conn_health_checks=True,
        )
    }
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgres://...).")
else:
    # The embedded default keeps its SQLite file under var/, which a fresh clone does not have.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {
                # The web server and the worker write at once: WAL and immediate transactions
                # make them wait for each other instead of failing with "database is locked".
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # A file, not memory: integration tests run a real Celery worker in another process.
            "TEST": {"NAME": str(VAR_DIR / "test-db.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and broker: Redis from REDIS_URL, otherwise local memory and the filesystem transport.
REDIS_URL = env_optional("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "camau",
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "camau-exam-portal",
            "TIMEOUT": 300,
        }
    }

CELERY_BROKER_URL = env_optional("CELERY_BROKER_URL") or REDIS_URL or "filesystem://"
if CELERY_BROKER_URL == "filesystem://":
    _broker_dir = VAR_DIR / "broker"
    # Made here, not by the worker: a web request or the mail pipe may enqueue before it starts.
    for _folder in ("queue", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # A task whose worker died is redelivered after this many seconds; every retry delay
        # of a task must stay below it.
        "visibility_timeout": 3600,
        # Publishing must not hang a web request when Redis is down: fail fast, the sweeper retries.
        "socket_connect_timeout": 3,
        "socket_timeout": 5,
        # Without this Kombu retries the connection on publish (about 6 s) despite retry=False.
        "max_retries": 0,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 90
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A send cut off mid-SMTP would widen the duplicate window; let it finish (the claim makes it safe).
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Notifications go through two queues: "urgent" (incidents, escalations) is never stuck behind the
# digests and ordinary reports of "celery". A worker consumes both: celery worker -Q celery,urgent.
CELERY_TASK_DEFAULT_QUEUE = "celery"
# Periodic work; every entry says why it runs when it runs.
CELERY_BEAT_SCHEDULE = {
    # Rows whose enqueue was lost (broker down at commit, worker killed) are picked up within a
    # minute of their grace period ending.
    "notifications-sweep": {
        "task": "notifications.tasks.sweep_messages",
        "schedule": env_int("NOTIFICATIONS_SWEEP_SECONDS", 30, minimum=5),
        "options": {"expires": 25},
    },
    # Scheduled articles become public at their time; this refreshes cached pages within a minute.
    "news-publish-due": {
        "task": "news.tasks.publish_due",
        "schedule": 60,
        "options": {"expires": 55},
    },
    # A press release becomes public at the end of its embargo; within a minute it is e-mailed
    # to its distribution lists and cached pages are refreshed.
    "pressroom-distribute-due": {
        "task": "pressroom.tasks.distribute_due",
        "schedule": 60,
        "options": {"expires": 55},
    },
    # After a session's report deadline (or once every site has reported): reminders to the sites
    # that have not, the list of missing sites to the standing members, a draft article; each once.
    "reports-follow-up": {
        "task": "reports.tasks.follow_up_sessions",
        "schedule": 60,
        "options": {"expires": 55},
    },
    # One digest e-mail per reader per period gathers the non-urgent news they chose to batch.
    "notifications-digest": {
        "task": "notifications.tasks.build_digests",
        "schedule": 60 * env_int("NOTIFICATIONS_DIGEST_MINUTES", 60, minimum=1),
    },
}

# Site reports (reports app). A session's quick-report deadline is set per session in admin.
# An end-of-day report is due at this local time of its day; the final report this many days
# after the exam's last day (at the same time).
REPORTS_DAILY_DEADLINE = env_str("REPORTS_DAILY_DEADLINE", "20:00")
REPORTS_FINAL_DEADLINE_DAYS = env_int("REPORTS_FINAL_DEADLINE_DAYS", 2, minimum=0)

# Hotline (hotline app).
# The hotline's own address: replies to the acknowledgements come back to it (and into tickets).
HOTLINE_EMAIL = env_str("HOTLINE_EMAIL", "")
# Public form: at most this many submissions per address per window (seconds). Not lower: mobile
# carriers and school networks put many people behind one address.
HOTLINE_RATE_LIMIT = env_int("HOTLINE_RATE_LIMIT", 10, minimum=1)
HOTLINE_RATE_WINDOW = env_int("HOTLINE_RATE_WINDOW", 600, minimum=1)
# Attachments of a ticket: how many, and how large each.
HOTLINE_MAX_ATTACHMENTS = env_int("HOTLINE_MAX_ATTACHMENTS", 3, minimum=0)
HOTLINE_ATTACHMENT_MAX_BYTES = env_int(
    "HOTLINE_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024, minimum=1024
)
# Due dates: a question is answered within 15 working days (Nghị định 43/2011, Article 17); a
# report of wrongdoing or an incident made while a session runs within hours.
HOTLINE_QUESTION_WORKING_DAYS = env_int("HOTLINE_QUESTION_WORKING_DAYS", 15, minimum=1)
HOTLINE_URGENT_DUE_HOURS = env_int("HOTLINE_URGENT_DUE_HOURS", 2, minimum=1)
HOTLINE_REPORT_DUE_HOURS = env_int("HOTLINE_REPORT_DUE_HOURS", 24, minimum=1)
# Days off besides Saturdays and Sundays (ISO dates), e.g. the Tết holiday of the year.
HOTLINE_HOLIDAYS = [date.fromisoformat(day) for day in env_list("HOTLINE_HOLIDAYS", [])]
# Optional IMAP mailbox polled for hotline mail (the other way in is the `hotline_receive_email`
# command on a mail server's pipe). Nothing is polled when HOTLINE_IMAP_HOST is empty.
HOTLINE_IMAP_HOST = env_str("HOTLINE_IMAP_HOST", "")
HOTLINE_IMAP_PORT = env_int("HOTLINE_IMAP_PORT", 993, minimum=1)
HOTLINE_IMAP_SSL = env_bool("HOTLINE_IMAP_SSL", True)
HOTLINE_IMAP_USER = env_str("HOTLINE_IMAP_USER", "")
HOTLINE_IMAP_PASSWORD = env_str("HOTLINE_IMAP_PASSWORD", "")
HOTLINE_IMAP_FOLDER = env_str("HOTLINE_IMAP_FOLDER", "INBOX")
HOTLINE_IMAP_SECONDS = env_int("HOTLINE_IMAP_SECONDS", 60, minimum=10)
if HOTLINE_IMAP_HOST:
    # New hotline mail becomes tickets within a minute.
    CELERY_BEAT_SCHEDULE["hotline-imap-poll"] = {
        "task": "hotline.tasks.poll_imap",
        "schedule": HOTLINE_IMAP_SECONDS,
        "options": {"expires": HOTLINE_IMAP_SECONDS - 5},
    }

# Notification delivery (notifications app).
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 5, minimum=1)
# Seconds before the 2nd, 3rd, ... attempt; each must stay below the broker's visibility timeout.
NOTIFICATIONS_RETRY_DELAYS = [
    int(x) for x in env_list("NOTIFICATIONS_RETRY_DELAYS", ["10", "30", "90", "270"])
]
# A claim older than this belongs to a worker that died; the row may be taken again.
NOTIFICATIONS_CLAIM_LEASE_SECONDS = env_int("NOTIFICATIONS_CLAIM_LEASE_SECONDS", 300, minimum=1)
# A pending row not sent this long after it was enqueued is enqueued again by the sweeper.
NOTIFICATIONS_SWEEP_GRACE_SECONDS = env_int("NOTIFICATIONS_SWEEP_GRACE_SECONDS", 60, minimum=1)
NOTIFICATIONS_SMTP_TIMEOUT = env_int("NOTIFICATIONS_SMTP_TIMEOUT", 20, minimum=1)
NOTIFICATIONS_MESSAGE_ID_DOMAIN = env_str(
    "NOTIFICATIONS_MESSAGE_ID_DOMAIN", SITE_URL.split("://", 1)[-1].split("/")[0].split(":")[0]
)

# Mail: SMTP from EMAIL_HOST, otherwise one file per message under var/mail/.
EMAIL_HOST = env_optional("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    if EMAIL_USE_TLS and EMAIL_USE_SSL:
        raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Cổng thông tin Kỳ thi tốt nghiệp THPT <no-reply@portal.example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

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

# Language, time zone, formats
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["core.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

# Static and uploaded files
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Files the public sends with a hotline ticket are not public: they live outside MEDIA_ROOT and
# only staff open them, through a view that checks permission.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
# Where uploads are kept: "filesystem" (the folders above, on this machine) or "s3", an
# S3-compatible object store (MinIO, ...) that every web host and worker sees: docs/deploy.md.
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "filesystem").strip().lower()
# Origins other than the portal's own that public pages may load images from (the object store's
# public address in "s3" mode).
_MEDIA_IMG_ORIGINS: list[str] = []
if MEDIA_STORAGE == "filesystem":
    _MEDIA_STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
        },
    }
elif MEDIA_STORAGE == "s3":
    from botocore.config import Config as _BotoConfig

    _S3_REQUIRED = (
        "MEDIA_S3_ENDPOINT_URL",
        "MEDIA_S3_BUCKET",
        "MEDIA_S3_ACCESS_KEY_ID",
        "MEDIA_S3_SECRET_ACCESS_KEY",
    )
    _s3 = {name: env_optional(name) for name in _S3_REQUIRED}
    _missing = [name for name, value in _s3.items() if value is None]
    if _missing:
        raise ImproperlyConfigured(
            f"MEDIA_STORAGE=s3 needs {', '.join(_missing)} (a secret may come from <NAME>_FILE); "
            "see docs/deploy.md."
        )

    def _http_url(name: str, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
            raise ImproperlyConfigured(
                f"{name}={value!r} is not an address such as https://s3.example.gov.vn."
            )
        return value.rstrip("/")

    def _bucket(name: str, value: str) -> str:
        # S3's naming rules, which MinIO shares: a typo is refused here, not at the first upload.
        if not re.fullmatch(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", value):
            raise ImproperlyConfigured(
                f"{name}={value!r} is not a bucket name: 3 to 63 lower-case letters, digits, "
                "dots or hyphens."
            )
        return value

    _s3_endpoint = _http_url("MEDIA_S3_ENDPOINT_URL", _s3["MEDIA_S3_ENDPOINT_URL"])
    _s3_public_bucket = _bucket("MEDIA_S3_BUCKET", _s3["MEDIA_S3_BUCKET"])
    # Hotline attachments and embargoed press files: a bucket of their own is safest; without
    # one they share the public bucket under the private/ prefix, which must stay unreadable.
    _s3_private_bucket = _bucket(
        "MEDIA_S3_PRIVATE_BUCKET", env_str("MEDIA_S3_PRIVATE_BUCKET", _s3_public_bucket)
    )
    _s3_addressing = env_str("MEDIA_S3_ADDRESSING_STYLE", "path")
    if _s3_addressing not in ("path", "virtual"):
        raise ImproperlyConfigured(
            f"MEDIA_S3_ADDRESSING_STYLE={_s3_addressing!r}: use path (MinIO) or virtual."
        )
    _s3_common = {
        "endpoint_url": _s3_endpoint,
        "region_name": env_str("MEDIA_S3_REGION", "us-east-1"),
        "access_key": _s3["MEDIA_S3_ACCESS_KEY_ID"],
        "secret_key": _s3["MEDIA_S3_SECRET_ACCESS_KEY"],
        # Names are generated, but two uploads must never replace each other's file.
        "file_overwrite": False,
        # A file read for a download is spooled to a temporary file past this size, not memory.
        "max_memory_size": 2 * 1024 * 1024,
        # A store that does not answer fails the request in seconds (botocore's default is a
        # minute per try), and the page says so instead of tying up a web worker.
        "client_config": _BotoConfig(
            s3={"addressing_style": _s3_addressing},
            signature_version="s3v4",
            connect_timeout=5,
            read_timeout=30,
            retries={"mode": "standard", "max_attempts": 3},
        ),
    }
    # Browsers fetch public files from here: by default the store itself (its bucket must allow
    # anonymous reads of media/); or the portal's own host when nginx proxies /media/ to it.
    _s3_public_url = _http_url(
        "MEDIA_S3_PUBLIC_URL",
        env_str("MEDIA_S3_PUBLIC_URL", f"{_s3_endpoint}/{_s3_public_bucket}"),
    )
    _s3_public = urlsplit(_s3_public_url)
    _MEDIA_IMG_ORIGINS.append(f"{_s3_public.scheme}://{_s3_public.netloc}")
    _MEDIA_STORAGES = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_s3_common,
                "bucket_name": _s3_public_bucket,
                "location": "media",
                # Public files keep one permanent address (article bodies store it), unsigned.
                "querystring_auth": False,
                "url_protocol": f"{_s3_public.scheme}:",
                "custom_domain": _s3_public.netloc + _s3_public.path,
            },
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_s3_common,
                "bucket_name": _s3_private_bucket,
                "location": "private",
                "default_acl": "private",
                # The portal streams these files itself after checking permission; an address
                # of the store, should one ever be made, is signed and short-lived.
                "querystring_auth": True,
                "querystring_expire": 300,
            },
        },
    }
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE={MEDIA_STORAGE!r}: use filesystem or s3.")
STORAGES = {
    **_MEDIA_STORAGES,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640
# Largest file accepted for a document of the library (PDF, DOC/DOCX, XLS/XLSX, JPG, PNG); the
# reverse proxy's body limit (docs/deploy.md) must allow it.
DOCUMENT_FILE_MAX_BYTES = env_int("DOCUMENT_FILE_MAX_BYTES", 25 * 1024 * 1024, minimum=1024)

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 300, minimum=0)
# Megabytes of public pages each web process keeps a copy of, served while Redis is down
# (core/pagecache.py); 0 turns the copies off.
PUBLIC_PAGE_FALLBACK_MB = env_int("PUBLIC_PAGE_FALLBACK_MB", 16, minimum=0)

# Rich text editor: CKEditor 5 from django-ckeditor-5's bundled build, served from our own static
# files (no CDN). The bundle carries more plugins than the newsroom needs; those that fetch or embed
# content from other sites, or write markup the sanitiser (core/richtext.py) and the
# public pages' CSP would drop anyway, are removed, so the editor shows what readers will get.
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "vi",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "underline",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "insertTable",
                "uploadImage",
                "|",
                "undo",
                "redo",
            ],
            "shouldNotGroupWhenFull": True,
        },
        # The article's title is the page's h1: headings in the body start at h2.
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Đoạn văn", "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": "Tiêu đề mục",
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": "Tiêu đề mục nhỏ",
                    "class": "ck-heading_heading3",
                },
                {
                    "model": "heading4",
                    "view": "h4",
                    "title": "Tiêu đề ý",
                    "class": "ck-heading_heading4",
                },
            ]
        },
        "link": {"defaultProtocol": "https://"},
        "image": {
            "toolbar": ["toggleImageCaption", "imageTextAlternative"],
            # Only uploads to our own server: an image "inserted from a URL" would be blocked by the
            # public pages' CSP (img-src 'self').
            "insert": {"integrations": ["upload"]},
        },
        # Table and cell properties write inline styles, which the sanitiser strips and the CSP
        # forbids on public pages: not offered.
        "table": {
            "contentToolbar": ["tableColumn", "tableRow", "mergeTableCells", "toggleTableCaption"]
        },
        # List styles are CSS (stripped); a numbered list may start at another number (<ol start>).
        "list": {"properties": {"styles": False, "startIndex": True, "reversed": False}},
        "removePlugins": [
            # Embeds of other sites' players and raw HTML.
            "MediaEmbed",
            "HtmlEmbed",
            "SourceEditing",
            "FullPage",
            # Markdown would make the editor store Markdown instead of HTML.
            "Markdown",
            # Inline styles and markup the sanitiser removes.
            "ImageResize",
            "TableProperties",
            "TableCellProperties",
            "Style",
            "Font",
            "Highlight",
            "Alignment",
            "CodeBlock",
            "Code",
            "TodoList",
            "PageBreak",
            "Mention",
            # Uploads go through SimpleUploadAdapter to our view only; nothing saves in the background.
            "CKFinderUploadAdapter",
            "Autosave",
        ],
        "placeholder": "Nội dung bài viết…",
    }
}
# Our own upload view (news/uploads.py): staff who may write articles, checked and re-encoded images.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "news:editor-image-upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "gif", "webp"]
# Only for the package's own upload view, which is not routed (news/urls.py has ours); kept strict.
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CKEDITOR_5_MAX_FILE_SIZE = 5

# Feeds, sitemap, the read-only API for partner portals and the embeddable widget (news column).
INSTALLED_APPS += [
    "django.contrib.sitemaps",
    # Swagger UI's files served from our static files: the CSP allows no CDN.
    "drf_spectacular_sidecar",
]

# /api/v1/: anonymous, read-only, throttled per client address (core/api_policy.py).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["core.api_policy.ReadOnly"],
    "DEFAULT_THROTTLE_CLASSES": ["core.api_policy.PerAddressThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/min"},
    "DEFAULT_PAGINATION_CLASS": "core.api_policy.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api_policy.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Cổng thông tin Kỳ thi tốt nghiệp THPT",
    "DESCRIPTION": (
        "Dữ liệu chỉ đọc cho cổng thông tin của các cơ quan, đơn vị: tin tức, chuyên mục, văn bản chỉ đạo, hỏi đáp và thông cáo báo chí về Kỳ thi. "
        "Không cần đăng nhập; mỗi địa chỉ IP được gửi tối đa 120 yêu cầu mỗi phút."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Partner portals allowed to show /tin-tuc/widget/ in an iframe, as origins
# (https://host or https://host:port, comma-separated). Empty: only the portal itself. The Office
# adds more in admin (Thông tin cơ quan), without a restart; both lists count.
WIDGET_FRAME_ANCESTORS = env_list("WIDGET_FRAME_ANCESTORS")
for _origin in WIDGET_FRAME_ANCESTORS:
    if not is_web_origin(_origin):
        raise ImproperlyConfigured(
            f"WIDGET_FRAME_ANCESTORS: {_origin!r} is not an origin such as https://example.gov.vn."
        )
