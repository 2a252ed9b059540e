"""Data of the site shell: who runs the portal (shown in every footer, edited by staff in admin),
and the audit trail of second-factor events (written by code only, read in admin)."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from camau_exam_portal.env import is_web_origin

SITE_INFO_CACHE_KEY = "portal:site-info"

logger = logging.getLogger(__name__)


class SiteInfo(models.Model):
    """The agency behind the portal (one row). State portals must name it, the person responsible,
    its address, phone and e-mail (Nghị định 43/2011)."""

    agency_name = models.CharField(
        _("tên cơ quan"), max_length=200, default="Sở Giáo dục và Đào tạo tỉnh Cà Mau"
    )
    parent_agency = models.CharField(
        _("cơ quan chủ quản"), max_length=200, default="Ủy ban nhân dân tỉnh Cà Mau", blank=True
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    responsible_person = models.CharField(_("người chịu trách nhiệm"), max_length=200, blank=True)
    responsible_title = models.CharField(
        _("chức vụ người chịu trách nhiệm"), max_length=200, blank=True
    )
    hotline_phone = models.CharField(_("điện thoại đường dây nóng"), max_length=50, blank=True)
    hotline_email = models.EmailField(_("thư điện tử đường dây nóng"), blank=True)
    hotline_hours = models.CharField(_("giờ tiếp nhận"), max_length=200, blank=True)
    widget_partner_origins = models.TextField(
        _("trang đối tác được nhúng tin"),
        blank=True,
        help_text=_(
            "Cổng thông tin được đặt khung tin mới nhất (/tin-tuc/widget/) trên trang của mình: mỗi "
            "dòng một địa chỉ gốc, ví dụ https://thpt.example.gov.vn. Các trang khác của cổng "
            "không trang nào được đặt vào khung."
        ),
    )

    class Meta:
        verbose_name = _("thông tin cơ quan")
        verbose_name_plural = _("thông tin cơ quan")

    def __str__(self) -> str:
        return self.agency_name

    def save(self, *args, **kwargs) -> None:
        self.pk = 1  # one row only
        super().save(*args, **kwargs)

    def clean(self) -> None:
        wrong = [line for line in self.partner_origins() if not is_web_origin(line)]
        if wrong:
            raise ValidationError(
                {
                    "widget_partner_origins": _(
                        "“%(value)s” không phải địa chỉ gốc của một trang web. Mỗi dòng ghi "
                        "https:// và tên miền (có thể kèm cổng), không kèm đường dẫn, ví dụ "
                        "https://thpt.example.gov.vn."
                    )
                    % {"value": wrong[0]}
                }
            )
        self.widget_partner_origins = "\n".join(self.partner_origins())

    def partner_origins(self) -> list[str]:
        """The origins of widget_partner_origins, one a line, without a trailing slash."""
        return [
            line.strip().rstrip("/")
            for line in self.widget_partner_origins.splitlines()
            if line.strip()
        ]

    @classmethod
    def load(cls) -> "SiteInfo":
        """The row, from the cache when it can be reached; every page's footer needs it, so a
        cache that is down (Redis stopped) means one more query, never an error page."""
        try:
            info = cache.get(SITE_INFO_CACHE_KEY)
        except Exception as error:
            logger.warning("Cache unavailable for the site info (%s); reading the database.", error)
            return cls.objects.get_or_create(pk=1)[0]
        if info is None:
            info, _created = cls.objects.get_or_create(pk=1)
            try:
                cache.set(SITE_INFO_CACHE_KEY, info, 600)
            except Exception as error:
                logger.warning("Cache unavailable for the site info (%s).", error)
        return info


class SecurityEventKind(models.TextChoices):
    TOTP_CONFIRMED = "totp_confirmed", _("Thiết lập ứng dụng xác thực")
    RECOVERY_CODES_ISSUED = "recovery_codes_issued", _("Cấp bộ mã khôi phục mới")
    RECOVERY_CODE_USED = "recovery_code_used", _("Đăng nhập bằng mã khôi phục")
    TOTP_DELETED = "totp_deleted", _("Xóa ứng dụng xác thực")
    RECOVERY_DELETED = "recovery_deleted", _("Xóa bộ mã khôi phục")


class SecurityEvent(models.Model):
    """One second-factor event of an account: set-up, recovery codes, removal of a device.

    Written once by camau_exam_portal.twofactor and never changed. The user names are copied so the
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
