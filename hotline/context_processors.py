"""The published hotline lines, for the footer, the home page's box and /duong-day-nong/."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from hotline.models import HotlineLine

logger = logging.getLogger(__name__)

ACTIVE_LINES_CACHE_KEY = "hotline:active-lines"
ACTIVE_LINES_CACHE_SECONDS = 600


def active_lines() -> list[HotlineLine]:
    """The lines to publish today, from the cache when it holds today's list.

    The cached value carries its day: a line whose period starts or ends at midnight appears or
    disappears with the first page after midnight. Saving or deleting a line forgets the list
    (hotline/signals.py). With the cache unreachable the list is read from the database, so the
    pages stay up.
    """
    today = timezone.localdate()
    try:
        cached = cache.get(ACTIVE_LINES_CACHE_KEY)
    except Exception as error:  # the cache is down: read the database instead
        logger.warning("Hotline lines cache unavailable (%s).", error)
        return list(HotlineLine.objects.active())
    if cached is not None and cached[0] == today:
        return cached[1]
    lines = list(HotlineLine.objects.active())
    try:
        cache.set(ACTIVE_LINES_CACHE_KEY, (today, lines), ACTIVE_LINES_CACHE_SECONDS)
    except Exception as error:
        logger.warning("Hotline lines cache unavailable (%s).", error)
    return lines


def forget_active_lines() -> None:
    cache.delete(ACTIVE_LINES_CACHE_KEY)


def hotline_lines(request):
    """`hotline_lines`: the active lines, read only when a template uses them."""
    return {"hotline_lines": SimpleLazyObject(active_lines)}
