from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from camau_exam_portal import accounts, views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("lich-thi/", views.CalendarView.as_view(), name="calendar"),
    path(
        "tim-kiem/",
        views.ComingSoonView.as_view(
            section_title="Tìm kiếm",
            description="Tìm trong tin tức, văn bản, thông cáo báo chí và hỏi đáp, gõ có dấu hay không dấu đều được.",
        ),
        name="search",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("", include(accounts)),
    path("", include("news.urls")),
    path("", include("documents.urls")),
    path("", include("hotline.urls")),
    path("", include("pressroom.urls")),
    path("", include("reports.urls")),
    path("ckeditor5/", include("django_ckeditor_5.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
