from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    # The exam-site area: a site user, their own sites only.
    path("diem-thi/", views.site_home, name="site-home"),
    path("diem-thi/<int:site_id>/", views.site_detail, name="site-detail"),
    path(
        "diem-thi/<int:site_id>/buoi/<int:session_id>/",
        views.quick_report,
        name="quick-report",
    ),
    path("diem-thi/<int:site_id>/dot-xuat/", views.urgent_report, name="urgent-report"),
    path("diem-thi/<int:site_id>/cuoi-ngay/", views.daily_report, name="daily-report"),
    path("diem-thi/<int:site_id>/tong-ket/", views.final_report, name="final-report"),
    path(
        "diem-thi/<int:site_id>/bao-cao/<int:report_id>/",
        views.report_detail,
        name="report-detail",
    ),
    path(
        "diem-thi/<int:site_id>/bao-cao/<int:report_id>/dinh-chinh/",
        views.report_amend,
        name="report-amend",
    ),
    # The steering dashboard: Steering Committee, Office, Testing division.
    path("ban-chi-dao/", views.dashboard, name="dashboard"),
    path("ban-chi-dao/buoi/<int:session_id>/", views.dashboard_session, name="dashboard-session"),
    path("ban-chi-dao/diem-thi/<int:site_id>/", views.dashboard_site, name="dashboard-site"),
    path("ban-chi-dao/bao-cao/<int:report_id>/", views.dashboard_report, name="dashboard-report"),
    path(
        "ban-chi-dao/xuat/buoi/<int:session_id>.<str:fmt>",
        views.export_session,
        name="export-session",
    ),
    path("ban-chi-dao/xuat/ky-thi.<str:fmt>", views.export_exam, name="export-exam"),
    path(
        "ban-chi-dao/xuat/buoi/<int:session_id>/bao-cao-nhanh-tong-hop.docx",
        views.export_session_docx,
        name="export-session-docx",
    ),
]
