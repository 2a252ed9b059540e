"""HTTP helpers shared by the apps."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting X-Forwarded-For only as far as TRUSTED_PROXY_COUNT proxies.

    Each trusted proxy appends the address it saw; the client is the entry that many places from the
    right. Without trusted proxies a forged header is ignored and REMOTE_ADDR is used.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
