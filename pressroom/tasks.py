"""Celery entry points of the press room: thin, bounded."""

from celery import shared_task

from pressroom.services import releases


@shared_task(name="pressroom.tasks.distribute_due", soft_time_limit=120, time_limit=150)
def distribute_due() -> int:
    return releases.releases_distribute_due()
