from django.urls import path

from camau_exam_portal.views import ComingSoonView

app_name = "news"
urlpatterns = [
    path(
        "tin-tuc/",
        ComingSoonView.as_view(
            section_title="Tin tức",
            description="Tin về công tác chỉ đạo, chuẩn bị, các buổi thi và kết quả thi.",
        ),
        name="article-list",
    ),
]
