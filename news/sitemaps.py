"""The news column's sections of /sitemap.xml (declared on NewsConfig.sitemaps)."""

from django.contrib.sitemaps import Sitemap

from news.models import Article, Category


class ArticleSitemap(Sitemap):
    """Published articles only: never a draft, a scheduled article before its time, a withdrawn one."""

    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "updated_at", "publish_at")
            .order_by("-publish_at", "-pk")
        )

    def lastmod(self, item: Article):
        return item.updated_at


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Category.objects.filter(is_active=True).order_by("order", "name")
