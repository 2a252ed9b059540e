"""The apps' own knobs: site reports, the hotline, notification delivery and the public page cache."""

from datetime import date

from core.env import env_bool, env_int, env_list, env_str

from .base import SITE_URL
from .services import CELERY_BEAT_SCHEDULE

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
    # New hotline mail becomes tickets within a minute. (The schedule is services.py's own dict:
    # this entry joins it only when a mailbox is set.)
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

PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 300, minimum=0)
# Megabytes of public pages each web process keeps a copy of, served while Redis is down
# (core/pagecache.py); 0 turns the copies off.
PUBLIC_PAGE_FALLBACK_MB = env_int("PUBLIC_PAGE_FALLBACK_MB", 16, minimum=0)
