"""The portal's Celery app: its settings come from Django settings prefixed CELERY_."""

import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "camau_exam_portal.settings")

app = Celery("camau_exam_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _refuse_to_start_misconfigured(**kwargs) -> None:
    """Celery runs Django's system checks but ignores their result: a worker with, say, a claim
    lease shorter than its task time limit would deliver twice. Stop it instead (SystemExit:
    Celery's signals swallow ordinary exceptions)."""
    from django.core import checks

    errors = [m for m in checks.run_checks() if m.is_serious() and not m.is_silenced()]
    if errors:
        raise SystemExit("System check identified errors:\n" + "\n".join(map(str, errors)))
