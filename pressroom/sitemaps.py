"""The press room's sections of /sitemap.xml (declared on PressroomConfig.sitemaps)."""

from django.contrib.sitemaps import Sitemap

from pressroom.models import PressBriefing, PressRelease
from pressroom.selectors import published_releases


class PressReleaseSitemap(Sitemap):
    """Published releases only: never a draft, a withdrawn release or one under embargo."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return published_releases()

    def lastmod(self, item: PressRelease):
        return item.updated_at


class PressBriefingSitemap(Sitemap):
    """Announced briefings only: a briefing still being planned is internal."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return (
            PressBriefing.objects.public()
            .only("slug", "starts_at", "updated_at")
            .order_by("-starts_at", "-pk")
        )

    def lastmod(self, item: PressBriefing):
        return item.updated_at
