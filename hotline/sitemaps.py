"""The Q&A column's section of /sitemap.xml (declared on HotlineConfig.sitemaps)."""

from django.contrib.sitemaps import Sitemap

from hotline.models import QAEntry


class QAEntrySitemap(Sitemap):
    """Published entries only: never a draft or an entry not yet due."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return (
            QAEntry.objects.published()
            .only("slug", "updated_at", "published_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item: QAEntry):
        return item.updated_at
