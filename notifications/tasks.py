"""Celery entry points of the notifications app: thin, idempotent, bounded."""

from celery import shared_task

from notifications import services


@shared_task(
    bind=True,
    acks_late=True,
    # Redelivering a task whose worker died is safe only because message_deliver claims its row.
    reject_on_worker_lost=True,
    max_retries=None,  # bounded by NOTIFICATIONS_MAX_ATTEMPTS on the row
    soft_time_limit=60,
    time_limit=90,
)
def deliver_message(self, message_id: int) -> None:
    outcome = services.message_deliver(message_id=message_id)
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in, retry_policy={"max_retries": 0})


@shared_task(soft_time_limit=60, time_limit=90)
def sweep_messages() -> int:
    return services.messages_sweep()


@shared_task(soft_time_limit=120, time_limit=180)
def build_digests() -> int:
    return services.digests_build()
