from django.urls import path

from camau_exam_portal.views import ComingSoonView

app_name = "pressroom"
urlpatterns = [
    path(
        "bao-chi/",
        ComingSoonView.as_view(
            section_title="Dành cho báo chí",
            description="Thông cáo báo chí, lịch họp báo và tài liệu cho phóng viên.",
        ),
        name="index",
    ),
]
