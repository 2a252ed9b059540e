"""Who is told what, and the outbox of messages the Celery worker delivers.

A message row is written in the caller's transaction and delivered after commit; its status moves
pending -> sending (claimed by one worker) -> sent, or back to pending for a retry, or to failed
after the last attempt. Non-urgent rows of digest readers are bundled into one digest row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from notifications.events import event_choices


class RecipientRole(models.TextChoices):
    HEAD = "truong-ban", _("Trưởng ban Chỉ đạo")
    STANDING_DEPUTY = "pho-truong-ban-tt", _("Phó Trưởng ban thường trực")
    MEMBER = "thanh-vien", _("Thành viên Ban Chỉ đạo")
    COUNCIL_CHAIR = "chu-tich-hdt", _("Chủ tịch Hội đồng thi")
    DIRECTOR = "giam-doc-so", _("Giám đốc Sở")
    OFFICE = "van-phong", _("Văn phòng Sở")
    TESTING = "khao-thi", _("Phòng Khảo thí")
    SITE = "diem-thi", _("Người dùng điểm thi")
    PRESS = "bao-chi", _("Phóng viên, cơ quan báo chí")
    PUBLIC = "nguoi-dan", _("Người gửi phản ánh, câu hỏi")


class Delivery(models.TextChoices):
    IMMEDIATE = "ngay", _("Gửi ngay")
    DIGEST = "tong-hop", _("Gộp vào bản tin tổng hợp")


class Recipient(models.Model):
    """A person who receives notifications: a Steering Committee member, a leader, a site user."""

    name = models.CharField(_("họ và tên"), max_length=200)
    title = models.CharField(_("chức vụ"), max_length=200, blank=True)
    organisation = models.CharField(_("cơ quan, đơn vị"), max_length=200, blank=True)
    email = models.EmailField(_("thư điện tử"))
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    role = models.CharField(_("vai trò"), max_length=20, choices=RecipientRole.choices)
    is_standing = models.BooleanField(
        _("thường trực Ban Chỉ đạo"),
        default=False,
        help_text=_("Thành viên thường trực được báo trước tiên về sự cố và phản ánh khẩn."),
    )
    is_active = models.BooleanField(_("đang nhận thông báo"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notification_recipient",
        verbose_name=_("tài khoản"),
        help_text=_("Tài khoản của người nhận trên cổng (ví dụ người dùng điểm thi)."),
    )

    class Meta:
        verbose_name = _("người nhận thông báo")
        verbose_name_plural = _("người nhận thông báo")
        ordering = ["role", "name"]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class Subscription(models.Model):
    """What a recipient wants to hear, and whether at once or in a digest."""

    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="subscriptions")
    # Declared by the app that raises it (notifications.events): no migration per new event.
    event = models.CharField(_("sự kiện"), max_length=40, choices=event_choices)
    delivery = models.CharField(
        _("cách nhận"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )

    class Meta:
        verbose_name = _("đăng ký nhận thông báo")
        verbose_name_plural = _("đăng ký nhận thông báo")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event"],
                name="notifications_subscription_unique",
                violation_error_message=_("Người nhận đã đăng ký sự kiện này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient.name}: {self.get_event_display()} ({self.get_delivery_display()})"


class MessageStatus(models.TextChoices):
    PENDING = "cho-gui", _("Chờ gửi")
    SENDING = "dang-gui", _("Đang gửi")
    SENT = "da-gui", _("Đã gửi")
    FAILED = "that-bai", _("Gửi thất bại")
    BUNDLED = "da-gop", _("Đã gộp vào bản tin")


class Message(models.Model):
    """One e-mail to one recipient (the outbox). Unique per (dedupe_key, recipient)."""

    recipient = models.ForeignKey(Recipient, on_delete=models.PROTECT, related_name="messages")
    # Declared by the app that raises it (notifications.events): no migration per new event.
    event = models.CharField(_("sự kiện"), max_length=40, choices=event_choices)
    dedupe_key = models.CharField(_("khóa chống trùng"), max_length=200)
    subject = models.CharField(_("tiêu đề"), max_length=300)
    template = models.CharField(
        _("mẫu thư"), max_length=100, default="notifications/emails/notification"
    )
    context = models.JSONField(_("nội dung"), default=dict, blank=True)
    urgent = models.BooleanField(_("khẩn"), default=False)
    delivery = models.CharField(
        _("cách gửi"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    digest = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bundled",
        verbose_name=_("bản tin tổng hợp"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("gửi lần tới lúc"), null=True, blank=True)
    enqueued_at = models.DateTimeField(_("đưa vào hàng đợi lúc"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("bắt đầu gửi lúc"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thư thông báo")
        verbose_name_plural = _("nhật ký gửi thông báo")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key", "recipient"], name="notifications_message_once"
            ),
            models.CheckConstraint(
                condition=Q(status="da-gui", sent_at__isnull=False) | ~Q(status="da-gui"),
                name="notifications_message_sent_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notif_msg_due"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient.name}"

    @property
    def message_id(self) -> str:
        """The RFC 5322 Message-ID: derived from the row, so a resend carries the same one."""
        return f"<thong-bao-{self.pk}@{settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN}>"

    @property
    def queue(self) -> str:
        return "urgent" if self.urgent else "celery"
