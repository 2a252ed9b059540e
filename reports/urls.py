from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("diem-thi/", views.site_home, name="site-home"),
    path("diem-thi/<int:site_id>/", views.site_detail, name="site-detail"),
    path("ban-chi-dao/", views.dashboard, name="dashboard"),
]
