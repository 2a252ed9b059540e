from django.urls import path

from pressroom import views

app_name = "pressroom"
urlpatterns = [
    path("bao-chi/", views.index, name="index"),
    path("bao-chi/thong-cao/<slug:slug>/", views.release_detail, name="release-detail"),
    path(
        "bao-chi/thong-cao/<slug:slug>/rieng/<str:token>/",
        views.release_embargoed,
        name="release-embargoed",
    ),
    path("bao-chi/thong-cao-tep/<int:pk>/", views.release_file, name="release-file"),
    path("bao-chi/hop-bao/<slug:slug>/", views.briefing_detail, name="briefing-detail"),
    path("bao-chi/hop-bao/<slug:slug>/lich.ics", views.briefing_ics, name="briefing-ics"),
]
