"""Press briefings with the SEQUENCE of their iCalendar invitation, materials, registrations, and
the record of every invitation sent."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field
from simple_history.models import HistoricalRecords

from core.richtext import sanitise_html
from core.vietnamese import slugify_vi, unique_slug
from pressroom.models.contacts import DEFAULT_LOCATION, CheckedFile, DistributionList, PressContact


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
