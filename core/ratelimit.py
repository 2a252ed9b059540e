"""A per-client fixed-window rate limit for public forms that keeps working when the cache is down.

The count lives in the shared cache (Redis in production), so every web process sees the same
count. When the cache cannot be reached, the count falls back to this process's memory: the limit
is then per process, looser but still there, and the form stays up.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)

_local: dict[str, tuple[float, int]] = {}
_local_lock = threading.Lock()
_LOCAL_MAX_KEYS = 10_000


def _key(scope: str, client: str, window: int) -> tuple[str, float]:
    now = time.time()
    bucket = int(now // window)
    # The client address is hashed: the cache keeps no IP address in the clear.
    digest = hashlib.sha256(f"{scope}:{client}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{bucket}", (bucket + 1) * window


def hit(*, scope: str, client: str, limit: int, window: int) -> bool:
    """Count one attempt of `client`; True while it is within `limit` attempts per `window`
    seconds, False once it is over."""
    key, ends_at = _key(scope, client, window)
    try:
        count = 1 if cache.add(key, 1, timeout=window + 1) else cache.incr(key)
    except ValueError:  # the key expired between add and incr
        count = 1
    except Exception as error:  # the cache is down: count in this process instead
        logger.warning("Rate limit cache unavailable (%s); counting locally.", error)
        count = _local_hit(key, ends_at)
    return count <= limit


def _local_hit(key: str, ends_at: float) -> int:
    now = time.time()
    with _local_lock:
        if len(_local) > _LOCAL_MAX_KEYS:
            for stale in [k for k, (end, _count) in _local.items() if end <= now]:
                del _local[stale]
        end, count = _local.get(key, (ends_at, 0))
        _local[key] = (end, count + 1)
        return count + 1
