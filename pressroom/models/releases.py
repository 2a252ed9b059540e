"""Press releases under embargo, their corrections, attachments, and the record of who received
each one."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field
from simple_history.models import HistoricalRecords

from core.richtext import html_to_text, sanitise_html
from core.search import store_search_vector
from core.storage import get_private_storage
from core.vietnamese import normalise_search, slugify_vi, unique_slug
from pressroom.models.contacts import (
    CheckedFile,
    DistributionList,
    MediaOutlet,
    PressContact,
    Spokesperson,
    upload_to,
)


class ReleaseStatus(models.TextChoices):
    DRAFT = "nhap", _("Bản nháp")
    APPROVED = "duyet", _("Đã duyệt, chờ đến giờ công bố")
    WITHDRAWN = "go-bo", _("Đã gỡ")


class PressReleaseQuerySet(models.QuerySet):
    def published(self, now=None) -> PressReleaseQuerySet:
        """Releases the public may read now: approved and past their embargo."""
        return self.filter(status=ReleaseStatus.APPROVED, publish_at__lte=now or timezone.now())

    def due_for_distribution(self, now=None) -> PressReleaseQuerySet:
        return self.published(now).filter(distributed_at__isnull=True)


class PressRelease(models.Model):
    number = models.CharField(
        _("số"), max_length=40, help_text=_("Ví dụ: 01/TCBC-SGDĐT."), blank=True
    )
    title = models.CharField(_("tiêu đề"), max_length=250)
    slug = models.SlugField(_("đường dẫn"), max_length=220, unique=True, blank=True)
    summary = models.TextField(_("tóm tắt"), max_length=600)
    body = CKEditor5Field(_("nội dung"), config_name="default")
    spokesperson = models.ForeignKey(
        Spokesperson,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="releases",
        verbose_name=_("đầu mối liên hệ"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ReleaseStatus.choices, default=ReleaseStatus.DRAFT
    )
    publish_at = models.DateTimeField(
        _("công bố lúc (hết hạn cấm đăng)"),
        default=timezone.now,
        help_text=_(
            "Trước giờ này thông cáo chỉ cán bộ và các cơ quan báo chí có đường dẫn riêng xem "
            "được; đúng giờ này thông cáo hiện trên cổng và được gửi thư cho các danh sách đã chọn."
        ),
    )
    lists = models.ManyToManyField(
        DistributionList, blank=True, related_name="releases", verbose_name=_("gửi cho danh sách")
    )
    distributed_at = models.DateTimeField(
        _("đã gửi thư lúc"), null=True, blank=True, editable=False
    )
    withdrawn_reason = models.TextField(_("lý do gỡ"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    search_text = models.TextField(editable=False, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PressReleaseQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "search_vector"])

    class Meta:
        verbose_name = _("thông cáo báo chí")
        verbose_name_plural = _("thông cáo báo chí")
        ordering = ["-publish_at", "-pk"]
        indexes = [models.Index(fields=["status", "publish_at"], name="pressroom_release_public")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body = sanitise_html(self.body)
        if not self.slug:
            base = slugify_vi(self.title, max_length=200) or "thong-cao"
            self.slug = unique_slug(type(self).objects.all(), base, exclude_pk=self.pk)
        self.search_text = normalise_search(
            " ".join([self.number, self.title, self.summary, html_to_text(self.body)])
        )
        super().save(*args, **kwargs)
        store_search_vector(
            self, title=normalise_search(f"{self.number} {self.title}"), text=self.search_text
        )

    def get_absolute_url(self) -> str:
        return reverse("pressroom:release-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.status == ReleaseStatus.WITHDRAWN and not self.withdrawn_reason.strip():
            raise ValidationError({"withdrawn_reason": _("Hãy ghi lý do gỡ thông cáo.")})

    def get_private_url(self, outlet: MediaOutlet) -> str:
        return reverse(
            "pressroom:release-embargoed", kwargs={"slug": self.slug, "token": outlet.token}
        )

    @property
    def is_public(self) -> bool:
        return self.status == ReleaseStatus.APPROVED and self.publish_at <= timezone.now()

    @property
    def is_under_embargo(self) -> bool:
        return self.status == ReleaseStatus.APPROVED and self.publish_at > timezone.now()


class ReleaseCorrection(models.Model):
    """A public note of what changed in a published release."""

    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="corrections")
    note = models.CharField(_("nội dung đính chính"), max_length=500)
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("đính chính")
        verbose_name_plural = _("đính chính")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.note


class ReleaseAttachment(CheckedFile):
    """Served by a view (not from /media/): under embargo only staff and outlets' links see it."""

    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to=upload_to, storage=get_private_storage)

    class Meta(CheckedFile.Meta):
        verbose_name = _("tài liệu kèm thông cáo")
        verbose_name_plural = _("tài liệu kèm thông cáo")

    def get_absolute_url(self) -> str:
        return reverse("pressroom:release-file", kwargs={"pk": self.pk})


class ReleaseDistribution(models.Model):
    """The release e-mailed to one address: to whom (the contact, as addressed then), when, and
    under which key of the notifications outbox, which reports how the delivery went. Written
    with the message, in one transaction; once per release and address."""

    release = models.ForeignKey(
        PressRelease, on_delete=models.CASCADE, related_name="distributions"
    )
    contact = models.ForeignKey(
        PressContact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="release_distributions",
    )
    name = models.CharField(_("người nhận"), max_length=200)
    organisation = models.CharField(_("cơ quan"), max_length=200, blank=True)
    email = models.EmailField(_("thư điện tử"))
    dedupe_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("thông cáo đã gửi")
        verbose_name_plural = _("thông cáo đã gửi")
        ordering = ["organisation", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "release", Lower("email"), name="pressroom_release_distributed_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.release} → {self.name} <{self.email}>"
