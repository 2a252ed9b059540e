from django.urls import path

from camau_exam_portal.views import ComingSoonView

app_name = "documents"
urlpatterns = [
    path(
        "van-ban/",
        ComingSoonView.as_view(
            section_title="Văn bản chỉ đạo",
            description=(
                "Văn bản chỉ đạo, hướng dẫn về Kỳ thi của Bộ GD&ĐT, UBND tỉnh, "
                "Ban Chỉ đạo thi cấp tỉnh và Sở GD&ĐT."
            ),
        ),
        name="document-list",
    ),
]
