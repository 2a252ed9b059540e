"""The services the portal talks to: PostgreSQL or SQLite, Redis or local memory, the Celery broker
and its periodic work, SMTP or mail written to files."""

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from core.env import env_bool, env_int, env_optional, env_str

from .base import VAR_DIR

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
