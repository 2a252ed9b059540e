from celery import shared_task

from news import services


@shared_task(soft_time_limit=60, time_limit=90)
def publish_due() -> int:
    return services.articles_publish_due()
