"""Who runs the portal: the agency shown in every footer, edited by staff in admin."""

import logging

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.env import is_web_origin

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
        # Created by the site shell's first migration; the model moved, its table stayed.
        db_table = "camau_exam_portal_siteinfo"
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
