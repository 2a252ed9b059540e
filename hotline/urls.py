from django.urls import path

from camau_exam_portal.views import ComingSoonView

app_name = "hotline"
urlpatterns = [
    path(
        "duong-day-nong/",
        ComingSoonView.as_view(
            template_name="hotline/contact.html",
            section_title="Đường dây nóng",
            description="Số điện thoại và thư điện tử tiếp nhận, xử lý thông tin về Kỳ thi.",
        ),
        name="contact",
    ),
    path(
        "duong-day-nong/tra-cuu/",
        ComingSoonView.as_view(
            section_title="Tra cứu phản ánh",
            description="Theo dõi tình trạng xử lý câu hỏi, phản ánh đã gửi.",
        ),
        name="ticket-lookup",
    ),
    path(
        "hoi-dap/",
        ComingSoonView.as_view(
            section_title="Hỏi đáp về Kỳ thi",
            description="Giải đáp thắc mắc của thí sinh và phụ huynh về Kỳ thi.",
        ),
        name="qa-list",
    ),
]
