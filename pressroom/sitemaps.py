from django.contrib.sitemaps import Sitemap

from pressroom.models import PressBriefing, PressRelease


class PressReleaseSitemap(Sitemap):
    def items(self):
        return PressRelease.objects.published()


class PressBriefingSitemap(Sitemap):
    def items(self):
        return PressBriefing.objects.public()
