from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from notifications.events import declarations


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


@register()
def events_declared_once(app_configs, **kwargs):
    """Each event value is declared by one app (two apps sharing a value would mix their
    subscribers and their messages), and every declaration can be read."""
    try:
        found = declarations(app_configs)
    except ImproperlyConfigured as error:
        return [
            Error(
                f"A declaration of notification events cannot be read: {error}",
                hint="Name a TextChoices class, or its dotted path, on the AppConfig.",
                id="notifications.E005",
            )
        ]
    problems = []
    first: dict[str, str] = {}
    for event in found:
        if event.value in first:
            problems.append(
                Error(
                    f"The notification event {event.value!r} is declared by both "
                    f"{first[event.value]} and {event.app_label}.",
                    hint="Give the event of one of them another value.",
                    id="notifications.E004",
                )
            )
        first.setdefault(event.value, event.app_label)
    return problems
