"""The portal's Celery app: its settings come from Django settings prefixed CELERY_."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "camau_exam_portal.settings")

app = Celery("camau_exam_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
