"""Whole-page cache for anonymous readers, refreshed when public content changes.

Every cached page's key carries the current content version; publishing, changing or withdrawing
anything public bumps the version (`bump_public_version`), so the next reader gets a fresh page and
the old entries simply expire. Each process remembers the version for a second, so a cached page
costs one cache round trip; another process sees a bump within that second.

When the cache cannot be reached (Redis down), pages stay up and stay fast: each process keeps its
own copy of the pages it served lately (`LocalCopies`, bounded by PUBLIC_PAGE_FALLBACK_MB) and
serves those while Redis is away, rendering only the pages it has no copy of. A copy is used for at
most PUBLIC_PAGE_CACHE_SECONDS after the page was last confirmed current, the staleness readers
already accept from the cache; a publication in this process drops this process's copies. After a
failure the process leaves Redis alone for a second (`_breaker`), so a Redis that no longer answers
costs its timeout once a second, not on every request.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

VERSION_KEY = "public:version"
VERSION_MEMO_SECONDS = 1.0
_memo: dict[str, float] = {"version": 0, "until": 0.0}
# Seconds a process leaves the cache alone after a cache call failed.
CACHE_RETRY_SECONDS = 1.0
_breaker: dict[str, float] = {"until": 0.0}


class LocalCopies:
    """This process's copies of the public pages it served lately: (content, headers) by page,
    with the time each was last confirmed current; the least recently used go first once the
    contents exceed `max_bytes`."""

    def __init__(self) -> None:
        self._pages: OrderedDict[str, tuple[float, bytes, dict]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()  # runserver and threaded servers share the process

    def keep(self, digest: str, content: bytes, headers: dict) -> None:
        limit = settings.PUBLIC_PAGE_FALLBACK_MB * 1024 * 1024
        if len(content) > limit:
            return
        with self._lock:
            old = self._pages.pop(digest, None)
            if old is not None:
                self._bytes -= len(old[1])
            self._pages[digest] = (time.monotonic(), content, headers)
            self._bytes += len(content)
            while self._bytes > limit:
                _digest, (_at, dropped, _headers) = self._pages.popitem(last=False)
                self._bytes -= len(dropped)

    def recall(self, digest: str) -> tuple[bytes, dict] | None:
        with self._lock:
            entry = self._pages.get(digest)
            if entry is None:
                return None
            kept_at, content, headers = entry
            if time.monotonic() - kept_at > settings.PUBLIC_PAGE_CACHE_SECONDS:
                return None
            self._pages.move_to_end(digest)
            return content, headers

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0

    @property
    def size(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._pages)


local_copies = LocalCopies()


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
    that was only unreachable may serve its older pages until they expire. This process's own
    copies are dropped; other processes' copies are used for at most PUBLIC_PAGE_CACHE_SECONDS."""
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 2, timeout=None)
    except Exception as error:  # the cache is down: the saved change must not become an error
        logger.warning("Public page cache unavailable (%s); version not bumped.", error)
    _memo["until"] = 0.0
    local_copies.clear()


def cache_public_page(view):
    """Cache the view's response for anonymous GETs (per host, path and query string)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if request.method != "GET" or not _is_anonymous_without_messages(request):
            return view(request, *args, **kwargs)
        # Per host too: pages print absolute links (sharing metadata) built from the request.
        digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        key = stored = None
        if time.monotonic() >= _breaker["until"]:
            try:
                key = f"page:{public_version()}:{digest}"
                stored = cache.get(key)
            except Exception as error:  # the cache is down: this process's copies, or render
                _cache_failed(error)
                key = stored = None
        if stored is None and key is None:
            stored = local_copies.recall(digest)
        if stored is not None:
            # Body and headers only: far cheaper to unpickle than a whole response object.
            content, headers = stored
            response = HttpResponse(content, headers=headers)
            if key is not None:
                local_copies.keep(digest, content, headers)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.cookies and not response.streaming:
                page = (response.content, dict(response.items()))
                local_copies.keep(digest, *page)
                if key is not None:
                    try:
                        cache.set(key, page, settings.PUBLIC_PAGE_CACHE_SECONDS)
                    except Exception as error:  # the cache went down while rendering
                        _cache_failed(error)
        patch_cache_control(response, public=True, max_age=60)
        return response

    return wrapper


def _cache_failed(error: Exception) -> None:
    """Log the failure and leave the cache alone for CACHE_RETRY_SECONDS in this process."""
    _breaker["until"] = time.monotonic() + CACHE_RETRY_SECONDS
    logger.warning(
        "Public page cache unavailable (%s); serving this process's copies for %.0f s.",
        error,
        CACHE_RETRY_SECONDS,
    )


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
