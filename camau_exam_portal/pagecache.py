"""Whole-page cache for anonymous readers, refreshed when public content changes.

Every cached page's key carries the current content version; publishing, changing or withdrawing
anything public bumps the version (`bump_public_version`), so the next reader gets a fresh page and
the old entries simply expire. Each process remembers the version for a second, so a cached page
costs one cache round trip; another process sees a bump within that second. When the cache cannot be
reached (Redis down), pages are rendered for every request instead, so they stay up.
"""

from __future__ import annotations

import hashlib
import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

VERSION_KEY = "public:version"
VERSION_MEMO_SECONDS = 1.0
_memo: dict[str, float] = {"version": 0, "until": 0.0}


def public_version() -> int:
    now = time.monotonic()
    if _memo["until"] > now:
        return int(_memo["version"])
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    _memo.update(version=version, until=now + VERSION_MEMO_SECONDS)
    return version


def bump_public_version() -> None:
    """Called after a public change is committed: the change is saved whatever happens here. With
    the cache down nothing is served from it, and a Redis that restarts comes back empty; a cache
    that was only unreachable may serve its older pages until they expire."""
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 2, timeout=None)
    except Exception as error:  # the cache is down: the saved change must not become an error
        logger.warning("Public page cache unavailable (%s); version not bumped.", error)
    _memo["until"] = 0.0


def cache_public_page(view):
    """Cache the view's response for anonymous GETs (per host, path and query string)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if request.method != "GET" or not _is_anonymous_without_messages(request):
            return view(request, *args, **kwargs)
        # Per host too: pages print absolute links (sharing metadata) built from the request.
        digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        try:
            key = f"page:{public_version()}:{digest}"
            stored = cache.get(key)
        except Exception as error:  # the cache is down: render the page, store nothing
            logger.warning("Public page cache unavailable (%s); rendering.", error)
            key = stored = None
        if stored is not None:
            # Body and headers only: far cheaper to unpickle than a whole response object.
            content, headers = stored
            response = HttpResponse(content, headers=headers)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if (
                key is not None
                and response.status_code == 200
                and not response.cookies
                and not response.streaming
            ):
                try:
                    cache.set(
                        key,
                        (response.content, dict(response.items())),
                        settings.PUBLIC_PAGE_CACHE_SECONDS,
                    )
                except Exception as error:  # the cache went down while rendering
                    logger.warning("Public page cache unavailable (%s).", error)
        patch_cache_control(response, public=True, max_age=60)
        return response

    return wrapper


def _is_anonymous_without_messages(request: HttpRequest) -> bool:
    """A logged-in reader's page, or one carrying a flash message, is theirs: never cache it.

    Without a session or messages cookie the reader is anonymous and has no message: the common
    case is decided from the cookies alone, without loading the user or the message storage.
    """
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies:
        return True
    from django.contrib.messages import get_messages

    return not request.user.is_authenticated and len(get_messages(request)) == 0
