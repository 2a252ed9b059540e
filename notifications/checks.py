from django.conf import settings
from django.core.checks import Error, register


@register()
def retry_delays_fit_the_broker(app_configs, **kwargs):
    """A retry scheduled past Redis' visibility timeout would be delivered twice by the broker."""
    problems = []
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout")
    delays = settings.NOTIFICATIONS_RETRY_DELAYS
    if not delays or any(d <= 0 for d in delays):
        problems.append(
            Error("NOTIFICATIONS_RETRY_DELAYS must list positive seconds.", id="notifications.E001")
        )
    elif visibility is not None and max(delays) >= visibility:
        problems.append(
            Error(
                f"A retry delay ({max(delays)} s) is not shorter than the broker's visibility "
                f"timeout ({visibility} s).",
                hint="Shorten NOTIFICATIONS_RETRY_DELAYS.",
                id="notifications.E002",
            )
        )
    if settings.NOTIFICATIONS_CLAIM_LEASE_SECONDS <= 90:
        problems.append(
            Error(
                "NOTIFICATIONS_CLAIM_LEASE_SECONDS must exceed the delivery task's time limit (90 s), "
                "or a slow send could be claimed twice.",
                id="notifications.E003",
            )
        )
    return problems
