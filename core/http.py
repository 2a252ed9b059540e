"""HTTP helpers shared by the apps."""

import logging

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest

logger = logging.getLogger(__name__)


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


# A stored file is served with this policy instead of the site's: it is never run as a page of
# the portal, whatever its content.
FILE_CSP = "default-src 'none'; sandbox"


def stored_file_response(
    stored, *, filename: str, content_type: str, inline: bool = False, private: bool = False
) -> FileResponse:
    """A file from storage as a download (or shown in the browser when `inline`), named by the
    already-cleaned `filename`. A private one is never kept by a cache and never sends its address
    (which may carry a key) as a Referer. A file missing from storage is logged and a 404."""
    try:
        # Through the storage, never a path on disk: with MEDIA_STORAGE=s3 the file is an object
        # of the store, and S3Storage reports a missing one as FileNotFoundError too.
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError):
        logger.error("Stored file %s is missing from storage", stored.name)
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=filename,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    if private:
        response["Cache-Control"] = "no-store, private"
        response["Referrer-Policy"] = "no-referrer"
    return response
