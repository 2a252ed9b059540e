"""The press room: media outlets and their contacts, press releases under embargo, press briefings
with invitations and registrations, and the media kit.

A release is public from its `publish_at` (the embargo) without anyone acting: the `published()`
queryset decides by time, and a beat task e-mails it once to the chosen distribution lists at
that time. Before it, staff and the outlets holding a private link (one per outlet) can read it.
A briefing carries the SEQUENCE of its iCalendar invitation: each change of time or place that
was already announced raises it, so calendars replace the old invitation.
"""

from __future__ import annotations

import secrets
import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
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

# The Department's meeting room named by plan 1423/KH-SGDĐT, section 2c.
DEFAULT_LOCATION = "Phòng họp số 5, Sở Giáo dục và Đào tạo, Số 01, đường Bà Triệu, thành phố Cà Mau"


def new_token() -> str:
    return secrets.token_urlsafe(24)


# --- outlets, contacts, lists --------------------------------------------------------------------


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


# --- press releases ------------------------------------------------------------------------------


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


# --- press briefings -----------------------------------------------------------------------------


class Wave(models.IntegerChoices):
    BEFORE = 1, _("Đợt 1 – trước kỳ thi")
    AFTER = 2, _("Đợt 2 – sau kỳ thi")


class BriefingStatus(models.TextChoices):
    PLANNED = "du-kien", _("Dự kiến")
    INVITED = "da-moi", _("Đã gửi giấy mời")
    HELD = "da-to-chuc", _("Đã tổ chức")
    POSTPONED = "hoan", _("Tạm hoãn")
    CANCELLED = "huy", _("Hủy")


class PressBriefingQuerySet(models.QuerySet):
    def public(self) -> PressBriefingQuerySet:
        """Briefings shown to the public: announced ones (a plan is internal until invited)."""
        return self.exclude(status=BriefingStatus.PLANNED)

    def upcoming(self, now=None) -> PressBriefingQuerySet:
        return self.public().filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now=None) -> PressBriefingQuerySet:
        return self.public().filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")


class PressBriefing(models.Model):
    title = models.CharField(_("tiêu đề"), max_length=250)
    slug = models.SlugField(_("đường dẫn"), max_length=220, unique=True, blank=True)
    wave = models.PositiveSmallIntegerField(_("đợt"), choices=Wave.choices)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    location = models.CharField(_("địa điểm"), max_length=300, default=DEFAULT_LOCATION)
    chair = models.CharField(_("chủ trì"), max_length=300, blank=True)
    participants = models.TextField(
        _("thành phần"),
        blank=True,
        help_text=_(
            "Thường trực Ban Chỉ đạo, các sở, ngành liên quan, lãnh đạo các phòng chuyên môn "
            "của Sở, cơ quan báo chí địa phương và trung ương."
        ),
    )
    agenda = CKEditor5Field(_("chương trình, nội dung"), config_name="default", blank=True)
    outcome = CKEditor5Field(_("kết quả họp báo"), config_name="default", blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=BriefingStatus.choices,
        default=BriefingStatus.PLANNED,
    )
    status_note = models.CharField(
        _("ghi chú trạng thái (công khai)"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ lý do hoãn, hủy hoặc thời gian dự kiến mới."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("số phóng viên tối đa"), default=40, help_text=_("0: không nhận đăng ký trên cổng.")
    )
    lists = models.ManyToManyField(
        DistributionList, blank=True, related_name="briefings", verbose_name=_("mời danh sách")
    )
    # iCalendar: a stable UID, and a SEQUENCE raised by every announced change (RFC 5545 3.8.7.4).
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(_("lần sửa lịch mời"), default=0, editable=False)
    invited_sequence = models.IntegerField(
        _("lần sửa đã gửi"), null=True, blank=True, editable=False
    )
    cancelled_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = PressBriefingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("họp báo")
        verbose_name_plural = _("họp báo")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="pressroom_briefing_ends_after_start",
                violation_error_message=_("Giờ kết thúc phải sau giờ bắt đầu."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.agenda = sanitise_html(self.agenda)
        self.outcome = sanitise_html(self.outcome)
        if not self.slug:
            base = slugify_vi(self.title, max_length=200) or "hop-bao"
            self.slug = unique_slug(type(self).objects.all(), base, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("pressroom:briefing-detail", kwargs={"slug": self.slug})

    def get_ics_url(self) -> str:
        return reverse("pressroom:briefing-ics", kwargs={"slug": self.slug})

    @property
    def is_open_for_registration(self) -> bool:
        return (
            self.capacity > 0
            and self.status in (BriefingStatus.PLANNED, BriefingStatus.INVITED)
            and self.starts_at > timezone.now()
        )


class BriefingMaterial(CheckedFile):
    briefing = models.ForeignKey(PressBriefing, on_delete=models.CASCADE, related_name="materials")

    class Meta(CheckedFile.Meta):
        verbose_name = _("tài liệu họp báo")
        verbose_name_plural = _("tài liệu họp báo")


class Registration(models.Model):
    """A reporter's registration to attend a briefing."""

    briefing = models.ForeignKey(
        PressBriefing, on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("họ và tên"), max_length=200)
    outlet = models.CharField(_("cơ quan báo chí"), max_length=200)
    email = models.EmailField(_("thư điện tử"))
    phone = models.CharField(_("điện thoại"), max_length=30)
    created_at = models.DateTimeField(_("đăng ký lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("đăng ký dự họp báo")
        verbose_name_plural = _("đăng ký dự họp báo")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["briefing", "email"],
                name="pressroom_registration_once",
                violation_error_message=_("Địa chỉ thư này đã đăng ký dự buổi họp báo."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.outlet}"


class InvitationKind(models.TextChoices):
    """The e-mails of a briefing (the kinds of its invitation trio)."""

    INVITATION = "invitation", _("Giấy mời")
    UPDATE = "update", _("Thay đổi thời gian, địa điểm")
    POSTPONEMENT = "postponement", _("Tạm hoãn")
    CANCELLATION = "cancellation", _("Hủy")


class BriefingInvitation(models.Model):
    """One e-mail of a briefing to one address: its invitation or an announced change, with the
    version (iCalendar SEQUENCE) it carried; whoever has one holds a copy of the briefing in
    their calendar. To whom (a contact or a registered reporter, as addressed then), when, and
    under which key of the notifications outbox. Once per key and address."""

    briefing = models.ForeignKey(
        PressBriefing, on_delete=models.CASCADE, related_name="invitations"
    )
    kind = models.CharField(_("loại thư"), max_length=12, choices=InvitationKind.choices)
    sequence = models.PositiveIntegerField(_("lần sửa lịch mời"))
    contact = models.ForeignKey(
        PressContact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="briefing_invitations",
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
    )
    name = models.CharField(_("người nhận"), max_length=200)
    organisation = models.CharField(_("cơ quan"), max_length=200, blank=True)
    email = models.EmailField(_("thư điện tử"))
    subject = models.CharField(_("thư"), max_length=300)
    dedupe_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("thư mời, thư báo họp báo đã gửi")
        verbose_name_plural = _("thư mời, thư báo họp báo đã gửi")
        ordering = ["created_at", "organisation", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "dedupe_key", Lower("email"), name="pressroom_invitation_once_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.name} <{self.email}>"


# --- media kit -----------------------------------------------------------------------------------


class MediaKitItem(CheckedFile):
    """A file for reporters: fact sheet, figures of the exam, logo, photos."""

    description = models.CharField(_("mô tả"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_published = models.BooleanField(_("công bố"), default=True)

    class Meta(CheckedFile.Meta):
        verbose_name = _("tài liệu cho báo chí")
        verbose_name_plural = _("bộ tài liệu cho báo chí")
        ordering = ["order", "pk"]
