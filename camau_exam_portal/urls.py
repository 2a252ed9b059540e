from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from camau_exam_portal import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("lich-thi/", views.CalendarView.as_view(), name="calendar"),
    path("tim-kiem/", views.search_view, name="search"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("", include("accounts.urls")),
    path("", include("news.urls")),
    path("", include("documents.urls")),
    path("", include("hotline.urls")),
    path("", include("pressroom.urls")),
    path("", include("reports.urls")),
    # Bookmarks of admin pages whose models moved from the shell to core and accounts.
    re_path(
        r"^admin/camau_exam_portal/siteinfo/(?P<rest>.*)$",
        RedirectView.as_view(url="/admin/core/siteinfo/%(rest)s", query_string=True),
    ),
    re_path(
        r"^admin/camau_exam_portal/securityevent/(?P<rest>.*)$",
        RedirectView.as_view(url="/admin/accounts/securityevent/%(rest)s", query_string=True),
    ),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Feeds, sitemap and the read-only API for partner portals (news column, items 8 and 10).
urlpatterns += [
    path("feeds/", include("news.feeds")),
    path("sitemap.xml", include("camau_exam_portal.sitemaps")),
    path("api/v1/", include("camau_exam_portal.api")),
    path("feeds/van-ban/", include("documents.feeds")),
    path("feeds/hoi-dap/", include("hotline.feeds")),
    path("feeds/thong-cao/", include("pressroom.feeds")),
]

# Under /api/ an address no route matches answers the API's JSON 404; elsewhere, the 404 page.
handler404 = "core.api_policy.page_not_found"
