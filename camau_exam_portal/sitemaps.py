"""/sitemap.xml: the public pages of the shell plus the sections every app declares.

An app adds its sections on its AppConfig, as dotted paths to `Sitemap` classes, the way it declares
`role_permissions`:

    class DocumentsConfig(AppConfig):
        sitemaps = {"documents": "documents.sitemaps.DocumentSitemap"}

Section names are unique across apps. URLs are absolute with the request's host and scheme: the sites
framework is not installed, so Django's view uses a RequestSite.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import ImproperlyConfigured
from django.urls import path, reverse
from django.utils.module_loading import import_string
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# Search engines read the sitemap a few times a day at most; proxies may keep it this long (seconds).
SITEMAP_MAX_AGE = 300


class StaticPagesSitemap(Sitemap):
    """The fixed public pages of the URL map (ARCHITECTURE.md)."""

    changefreq = "daily"
    priority = 1.0

    def items(self) -> list[str]:
        return [
            "home",
            "news:article-list",
            "calendar",
            "documents:document-list",
            "hotline:qa-list",
            "hotline:contact",
            "pressroom:index",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


@cache
def collected_sitemaps() -> dict[str, type[Sitemap]]:
    """The shell's section, then each app's in INSTALLED_APPS order."""
    sections: dict[str, type[Sitemap]] = {"pages": StaticPagesSitemap}
    for config in apps.get_app_configs():
        for section, dotted_path in getattr(config, "sitemaps", {}).items():
            if section in sections:
                raise ImproperlyConfigured(
                    f"Sitemap section {section!r} of app {config.label!r} is declared twice."
                )
            sections[section] = import_string(dotted_path)
    return sections


@require_safe
@cache_control(public=True, max_age=SITEMAP_MAX_AGE)
def sitemap(request):
    return sitemap_views.sitemap(request, sitemaps=collected_sitemaps())


urlpatterns = [path("", sitemap, name="sitemap")]
