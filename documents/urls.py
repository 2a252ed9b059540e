from django.urls import path

from documents import downloads, views

app_name = "documents"
urlpatterns = [
    path("van-ban/", views.document_list, name="document-list"),
    path("van-ban/<slug:slug>/", views.document_detail, name="document-detail"),
    path("van-ban/<slug:slug>/tep/<int:file_id>/", downloads.file_download, name="file-download"),
]
