"""Public reads of press releases, shared by the feed, the API and the sitemap; each a fixed
number of queries whatever the number of releases.

Only releases the public may read now (`PressRelease.objects.published()`: approved and past
their embargo) are ever returned: never a draft, a withdrawn release or one under embargo.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet

from pressroom.models import PressRelease, ReleaseAttachment, ReleaseCorrection

# The columns a feed or a list shows: never the body or the search columns.
LISTING_FIELDS = ("number", "title", "slug", "summary", "publish_at", "updated_at")


def release_heading(release: PressRelease) -> str:
    """How a release is named in lists, the feed and the search: "Thông cáo số 01/TCBC-SGDĐT:
    <title>", or the title alone when the release has no number."""
    if release.number:
        return f"Thông cáo số {release.number}: {release.title}"
    return release.title


def published_releases(*, now: dt.datetime | None = None) -> QuerySet[PressRelease]:
    """Releases the public may read, newest published (end of embargo) first."""
    return PressRelease.objects.published(now).only(*LISTING_FIELDS).order_by("-publish_at", "-pk")


def releases_with_relations(*, now: dt.datetime | None = None) -> QuerySet[PressRelease]:
    """Published releases with their body, public corrections (newest first) and attachments
    (in the order added): three queries for any number of releases."""
    return (
        PressRelease.objects.published(now)
        .only(*LISTING_FIELDS, "body")
        .prefetch_related(
            Prefetch(
                "corrections",
                queryset=ReleaseCorrection.objects.only("release", "note", "created_at").order_by(
                    "-created_at", "-pk"
                ),
            ),
            Prefetch(
                "attachments",
                queryset=ReleaseAttachment.objects.only(
                    "release", "title", "size", "content_type"
                ).order_by("pk"),
            ),
        )
        .order_by("-publish_at", "-pk")
    )
