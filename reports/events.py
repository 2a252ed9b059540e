"""What the site reports tell people of (declared on ReportsConfig; values are stored: never
change)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportEvent(models.TextChoices):
    SUBMITTED = "bao-cao-nhanh", _("Điểm thi gửi báo cáo nhanh")
    AMENDED = "bao-cao-dinh-chinh", _("Điểm thi đính chính báo cáo")
    URGENT = "bao-cao-dot-xuat", _("Báo cáo đột xuất, sự cố nghiêm trọng")
    MISSING = "bao-cao-thieu", _("Điểm thi chưa gửi báo cáo đúng hạn")
    REMINDER = "nhac-bao-cao", _("Nhắc điểm thi gửi báo cáo")
