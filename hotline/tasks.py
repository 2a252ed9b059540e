"""Celery entry points of the hotline: thin, bounded."""

from celery import shared_task

from hotline import inbound


# Well above inbound.IMAP_BUDGET_SECONDS, after which a poll starts no new message.
@shared_task(name="hotline.tasks.poll_imap", soft_time_limit=150, time_limit=180)
def poll_imap() -> int:
    return inbound.imap_poll()
