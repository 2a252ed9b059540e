"""Celery entry points of the site reports: thin, bounded."""

from celery import shared_task

from reports.followup import sessions_follow_up


@shared_task(name="reports.tasks.follow_up_sessions", soft_time_limit=50, time_limit=55)
def follow_up_sessions() -> int:
    return sessions_follow_up()
