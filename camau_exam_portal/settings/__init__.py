"""Settings of the portal, fed by environment variables (see .env.example).

Nothing set gives the embedded default: SQLite, a filesystem Celery broker and mail written to files,
all under var/. DATABASE_URL, REDIS_URL and EMAIL_HOST switch to PostgreSQL, Redis and SMTP.

One module per concern, read in this order (a later one may use what an earlier one decided):

    base       paths, DEBUG, secret key and hosts, apps, middleware, templates, language, logging
    services   database, cache, Celery broker and its periodic work, mail
    features   the apps' own knobs: site reports, hotline, notification delivery, page cache
    storage    static files and uploads: folders on this machine or an S3-compatible store
    security   log-in (passwords, lock-outs, sessions, second factor), HTTPS, the CSP
    content    the rich-text editor, the read-only API and the widget's partner portals

Any value the portal cannot use stops start-up with ImproperlyConfigured naming the variable.
DJANGO_SETTINGS_MODULE stays camau_exam_portal.settings.
"""

# In this order, not the alphabet's: it is the order in which the checks run and fail.
# isort: off
from .base import *  # noqa: F403
from .services import *  # noqa: F403
from .features import *  # noqa: F403
from .storage import *  # noqa: F403
from .security import *  # noqa: F403
from .content import *  # noqa: F403
