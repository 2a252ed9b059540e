"""The audit trail of second-factor events: written by code only, read in admin."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SecurityEventKind(models.TextChoices):
    TOTP_CONFIRMED = "totp_confirmed", _("Thiết lập ứng dụng xác thực")
    RECOVERY_CODES_ISSUED = "recovery_codes_issued", _("Cấp bộ mã khôi phục mới")
    RECOVERY_CODE_USED = "recovery_code_used", _("Đăng nhập bằng mã khôi phục")
    TOTP_DELETED = "totp_deleted", _("Xóa ứng dụng xác thực")
    RECOVERY_DELETED = "recovery_deleted", _("Xóa bộ mã khôi phục")


class SecurityEvent(models.Model):
    """One second-factor event of an account: set-up, recovery codes, removal of a device.

    Written once by accounts.services and never changed. The user names are copied so the
    entry still says who and whose after an account is deleted.
    """

    kind = models.CharField(_("sự kiện"), max_length=32, choices=SecurityEventKind.choices)
    created_at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="security_events",
        verbose_name=_("tài khoản"),
    )
    account_username = models.CharField(_("tên đăng nhập của tài khoản"), max_length=150)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    # Empty when no one was logged in: a management command, the shell.
    actor_username = models.CharField(
        _("tên đăng nhập người thực hiện"), max_length=150, blank=True
    )
    device_name = models.CharField(_("tên thiết bị"), max_length=64, blank=True)

    class Meta:
        # Created by the site shell's migration 0002; the model moved, its table stayed.
        db_table = "camau_exam_portal_securityevent"
        verbose_name = _("sự kiện xác thực hai bước")
        verbose_name_plural = _("nhật ký xác thực hai bước")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SecurityEventKind.values),
                name="security_event_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.account_username}"
