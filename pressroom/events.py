"""What the press room e-mails (declared on PressroomConfig; values are stored: never change)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PressEvent(models.TextChoices):
    RELEASE = "thong-cao-bao-chi", _("Thông cáo báo chí")
    BRIEFING = "hop-bao", _("Giấy mời họp báo")
    REGISTRATION = "dang-ky-hop-bao", _("Xác nhận đăng ký dự họp báo")
