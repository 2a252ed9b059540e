"""What the hotline tells people of (declared on HotlineConfig; values are stored: never change)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HotlineEvent(models.TextChoices):
    ESCALATED = "duong-day-nong-chuyen-bcd", _("Đường dây nóng chuyển Ban Chỉ đạo")
    URGENT = "duong-day-nong-khan", _("Phản ánh vi phạm, sự cố qua đường dây nóng")
    QUESTION = "duong-day-nong-cau-hoi", _("Câu hỏi mới qua đường dây nóng")
    ACK = "duong-day-nong-tiep-nhan", _("Báo đã nhận câu hỏi, phản ánh (cho người gửi)")
    REPLY = "duong-day-nong-tra-loi", _("Trả lời câu hỏi, phản ánh (cho người gửi)")
