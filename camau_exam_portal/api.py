"""/api/v1/: the read-only JSON API for partner portals, its OpenAPI description and its docs page.

An app adds its endpoints by registering a read-only viewset below, one line each:

    router.register("documents", documents_api.DocumentViewSet, basename="document")

The router refuses a viewset that could write; core.api_policy holds the rules every
endpoint follows (anonymous, read-only, throttled, paginated, Vietnamese errors).
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import routers

from documents import api as documents_api
from hotline import api as hotline_api
from news import api as news_api
from pressroom import api as pressroom_api

WRITE_ACTIONS = ("create", "update", "partial_update", "destroy")


class ReadOnlyRouter(routers.DefaultRouter):
    def register(self, prefix, viewset, basename=None):
        writes = [action for action in WRITE_ACTIONS if hasattr(viewset, action)]
        if writes:
            raise ImproperlyConfigured(
                f"{viewset.__name__} offers {', '.join(writes)}: the public API is read-only."
            )
        super().register(prefix, viewset, basename)


router = ReadOnlyRouter()
router.register("news", news_api.ArticleViewSet, basename="article")
router.register("categories", news_api.CategoryViewSet, basename="category")
router.register("documents", documents_api.DocumentViewSet, basename="document")
router.register("qa", hotline_api.QAEntryViewSet, basename="qa-entry")
router.register("press-releases", pressroom_api.PressReleaseViewSet, basename="press-release")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI from our own static files (drf-spectacular-sidecar), its script in a file of its
    # own: the CSP allows no inline script and no CDN.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    *router.urls,
]
