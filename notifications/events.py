"""The events the portal tells people of, as the apps that raise them declare them.

notifications knows no other app's event by name. Each app lists the events it raises in a
`TextChoices` of its own (`hotline/events.py`, ...) and names it on its AppConfig, as search
providers and sitemaps are named:

    class HotlineConfig(AppConfig):
        notification_events = "hotline.events.HotlineEvent"

The registry reads those attributes at first use, after the app registry is ready, in
INSTALLED_APPS order. A value is stored in rows (messages, subscriptions): it never changes once
used. The model fields that hold one take their choices from `event_choices`, a callable, so that
adding an event changes no migration of this app. `notify()` refuses an event nobody declared, and
the system check `notifications.E004` refuses a value declared by two apps.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.apps import apps as global_apps
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

# What an app names on its AppConfig: a Choices class, or its dotted path.
ATTRIBUTE = "notification_events"


class NotificationEvent(models.TextChoices):
    """The events of notifications itself."""

    DIGEST = "tong-hop", _("Bản tin tổng hợp")


class UnknownEvent(ValueError):
    """An event no installed app declares: a programming error, never a user's."""


@dataclass(frozen=True)
class DeclaredEvent:
    value: str
    label: str  # lazy: translated when shown
    app_label: str


def declarations(app_configs=None) -> list[DeclaredEvent]:
    """Every declaration of the given apps (all installed apps by default), duplicates included,
    in INSTALLED_APPS order then each class's order. Raises ImproperlyConfigured for a dotted
    path that does not import or an attribute that is no Choices class."""
    found = []
    for config in app_configs if app_configs is not None else global_apps.get_app_configs():
        declared = getattr(config, ATTRIBUTE, None)
        if declared is None:
            continue
        try:
            events = import_string(declared) if isinstance(declared, str) else declared
        except ImportError as error:
            raise ImproperlyConfigured(
                f"{config.label}: {ATTRIBUTE} = {declared!r} does not import ({error})."
            ) from error
        if not (isinstance(events, type) and issubclass(events, models.Choices)):
            raise ImproperlyConfigured(
                f"{config.label}: {ATTRIBUTE} must be a TextChoices class or its dotted path, "
                f"not {declared!r}."
            )
        found += [DeclaredEvent(str(m.value), m.label, config.label) for m in events]
    return found


@functools.cache
def declared_events() -> dict[str, DeclaredEvent]:
    """The declared events by value. A value declared twice keeps its first declaration here;
    the system check reports the second, which stops `runserver`, `migrate` and the tests."""
    events: dict[str, DeclaredEvent] = {}
    for event in declarations():
        events.setdefault(event.value, event)
    return events


def event_choices() -> list[tuple[str, str]]:
    """(value, label) of every declared event: the choices of the model fields holding one."""
    return [(event.value, event.label) for event in declared_events().values()]


def event_label(value: str) -> str:
    """The event's label as staff read it; the stored value itself for an event no longer
    declared (an old row of a removed feature still shows something)."""
    event = declared_events().get(str(value))
    return str(event.label) if event else str(value)


def ensure_declared(value: str) -> str:
    """The value when an installed app declares it; UnknownEvent otherwise."""
    if str(value) not in declared_events():
        known = ", ".join(sorted(declared_events()))
        raise UnknownEvent(
            f"Unknown notification event: {str(value)!r}. An app declares its events on its "
            f"AppConfig ({ATTRIBUTE}); declared: {known}."
        )
    return str(value)


@receiver(setting_changed)
def _forget_on_installed_apps_change(*, setting, **kwargs) -> None:
    # A test that changes INSTALLED_APPS changes who declares what.
    if setting == "INSTALLED_APPS":
        declared_events.cache_clear()
