"""Media outlets, their contacts and distribution lists, the spokespeople, and the checked files
that releases, briefings and the media kit carry."""

from __future__ import annotations

import secrets
import uuid
from pathlib import PurePath

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The Department's meeting room named by plan 1423/KH-SGDĐT, section 2c.
DEFAULT_LOCATION = "Phòng họp số 5, Sở Giáo dục và Đào tạo, Số 01, đường Bà Triệu, thành phố Cà Mau"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class OutletKind(models.TextChoices):
    LOCAL = "dia-phuong", _("Báo chí địa phương")
    CENTRAL = "trung-uong", _("Cơ quan báo chí trung ương tại tỉnh")
    AGENCY = "co-quan", _("Cơ quan quản lý, đơn vị liên quan")
    OTHER = "khac", _("Khác")


class MediaOutlet(models.Model):
    name = models.CharField(_("tên cơ quan báo chí"), max_length=200, unique=True)
    kind = models.CharField(_("loại"), max_length=12, choices=OutletKind.choices)
    website = models.URLField(_("trang thông tin"), blank=True)
    # The outlet's private link to releases under embargo.
    token = models.CharField(max_length=64, default=new_token, editable=False, unique=True)
    is_active = models.BooleanField(_("đang liên hệ"), default=True)

    class Meta:
        verbose_name = _("cơ quan báo chí")
        verbose_name_plural = _("cơ quan báo chí")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class PressContact(models.Model):
    """A reporter or editor. The press room e-mails them at their address through notifications
    (notify_address) and keeps its own record of what it sent them (ReleaseDistribution,
    BriefingInvitation)."""

    outlet = models.ForeignKey(
        MediaOutlet, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("cơ quan")
    )
    name = models.CharField(_("họ và tên"), max_length=200)
    title = models.CharField(_("chức danh"), max_length=200, blank=True)
    email = models.EmailField(_("thư điện tử"))
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    is_active = models.BooleanField(_("đang nhận thông tin"), default=True)

    class Meta:
        verbose_name = _("phóng viên, biên tập viên")
        verbose_name_plural = _("phóng viên, biên tập viên")
        ordering = ["outlet__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["outlet", "email"],
                name="pressroom_contact_unique_email",
                violation_error_message=_("Cơ quan này đã có người liên hệ với địa chỉ thư này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.outlet})"


class DistributionList(models.Model):
    name = models.CharField(_("tên danh sách"), max_length=200, unique=True)
    description = models.CharField(_("mô tả"), max_length=300, blank=True)
    contacts = models.ManyToManyField(
        PressContact, blank=True, related_name="lists", verbose_name=_("người nhận")
    )

    class Meta:
        verbose_name = _("danh sách gửi")
        verbose_name_plural = _("danh sách gửi")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Spokesperson(models.Model):
    """The Office's press contact named on releases and on /bao-chi/."""

    name = models.CharField(_("họ và tên"), max_length=200)
    title = models.CharField(_("chức vụ"), max_length=200)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_default = models.BooleanField(_("người phát ngôn, đầu mối mặc định"), default=False)

    class Meta:
        verbose_name = _("đầu mối báo chí của Sở")
        verbose_name_plural = _("đầu mối báo chí của Sở")
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="pressroom_one_default_spokesperson",
                violation_error_message=_("Chỉ một đầu mối được đặt làm mặc định."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}"


def upload_to(instance, filename: str) -> str:
    """A generated name: the uploader's file name is kept as data only."""
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"bao-chi/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class CheckedFile(models.Model):
    """A file that passed core.uploads.inspect_upload: its kind by content, size and SHA-256;
    stored under a generated name, the uploader's name kept as data."""

    title = models.CharField(_("tên tài liệu"), max_length=200)
    file = models.FileField(_("tệp"), upload_to=upload_to)
    original_name = models.CharField(max_length=160, editable=False)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveBigIntegerField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False)

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title
