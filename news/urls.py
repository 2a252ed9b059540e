from django.urls import path

from news import feeds, uploads, views

app_name = "news"
urlpatterns = [
    path("tin-tuc/", views.ArticleListView.as_view(), name="article-list"),
    path("tin-tuc/xem-truoc/<int:pk>/", views.article_preview, name="article-preview"),
    # The widget's paths must come before "tin-tuc/<slug>/", which would take them.
    path("tin-tuc/widget/", feeds.widget, name="widget"),
    path("tin-tuc/nhung-tin/", feeds.widget_embed, name="widget-embed"),
    path("tin-tuc/<slug:slug>/", views.article_detail, name="article-detail"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    # The editor's image upload (CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME). The package's own, laxer view
    # (any staff, file kept as sent) is not routed at all.
    path("ckeditor5/image_upload/", uploads.editor_image_upload, name="editor-image-upload"),
]
