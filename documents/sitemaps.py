"""The library's section of /sitemap.xml (declared on DocumentsConfig.sitemaps)."""

from django.contrib.sitemaps import Sitemap

from documents.models import Document


class DocumentSitemap(Sitemap):
    """Published documents only: never a draft, a withdrawn one or one not yet due."""

    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return (
            Document.objects.published()
            .only("slug", "updated_at", "publish_at")
            .order_by("-publish_at", "-pk")
        )

    def lastmod(self, item: Document):
        return item.updated_at
