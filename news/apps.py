from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Tin tức"
    search_provider = "news.search.provider"

    # The Office writes and publishes the column; the Testing division reads it in admin.
    role_permissions = {
        "Văn phòng Sở": [
            f"news.{action}_{model}"
            for model in ("article", "category", "relatedportal")
            for action in ("add", "change", "view")
        ]
        + ["news.view_correction", "news.view_historicalarticle"],
        "Phòng Khảo thí": ["news.view_article", "news.view_category"],
    }

    # Sections of /sitemap.xml, collected by camau_exam_portal.sitemaps.
    sitemaps = {
        "news-articles": "news.sitemaps.ArticleSitemap",
        "news-categories": "news.sitemaps.CategorySitemap",
    }
