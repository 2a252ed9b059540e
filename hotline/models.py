"""The hotline (đường dây nóng): its published lines, the tickets it receives, and the Q&A column.

A ticket comes from the web form, an e-mail, a phone call logged by staff or an exam site. It has a
public code that is never reused (`HL-2020-000123`, numbered per year by `TicketSequence`) and a
private token for the submitter's follow-up link. Everything said on a ticket is a `TicketEntry`:
public replies (shown through the follow-up link and e-mailed), internal notes (staff only) and
messages from the submitter (a reply e-mail). The row's own changes are in its audit history.
"""

from __future__ import annotations

import secrets
import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field
from simple_history.models import HistoricalRecords

from core.richtext import html_to_text, sanitise_html
from core.search import store_search_vector
from core.storage import get_private_storage
from core.vietnamese import normalise_search, slugify_vi, unique_slug

# --- contacts -------------------------------------------------------------------------------------


class LineKind(models.TextChoices):
    HOTLINE = "duong-day-nong", _("Đường dây nóng")
    FOCAL_POINT = "dau-moi", _("Đầu mối thông tin, truyền thông")


class HotlineLineQuerySet(models.QuerySet):
    def active(self, now=None) -> HotlineLineQuerySet:
        """Lines to publish now: switched on, and within their active period when one is set."""
        today = timezone.localdate(now or timezone.now())
        return self.filter(
            Q(active_from__isnull=True) | Q(active_from__lte=today),
            Q(active_until__isnull=True) | Q(active_until__gte=today),
            is_published=True,
        )


class HotlineLine(models.Model):
    """A published line: who answers, for what, on which phone and e-mail, at which hours."""

    kind = models.CharField(
        _("loại"), max_length=20, choices=LineKind.choices, default=LineKind.HOTLINE
    )
    name = models.CharField(
        _("tên đường dây hoặc người phụ trách"),
        max_length=200,
        help_text=_("Ví dụ: Đường dây nóng Sở GD&ĐT, hoặc họ tên người làm đầu mối."),
    )
    role = models.CharField(_("chức vụ, nhiệm vụ"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    hours = models.CharField(_("thời gian tiếp nhận"), max_length=200, blank=True)
    active_from = models.DateField(_("hoạt động từ ngày"), null=True, blank=True)
    active_until = models.DateField(_("đến hết ngày"), null=True, blank=True)
    is_published = models.BooleanField(_("công bố"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = HotlineLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("đường dây nóng, đầu mối")
        verbose_name_plural = _("đường dây nóng, đầu mối")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email=""),
                name="hotline_line_has_contact",
                violation_error_message=_("Cần có số điện thoại hoặc địa chỉ thư điện tử."),
            ),
            models.CheckConstraint(
                condition=Q(active_from__isnull=True)
                | Q(active_until__isnull=True)
                | Q(active_until__gte=models.F("active_from")),
                name="hotline_line_period_ordered",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def phone_uri(self) -> str:
        return "".join(c for c in self.phone if c.isdigit() or c == "+")


# --- tickets --------------------------------------------------------------------------------------


class Channel(models.TextChoices):
    WEB = "web", _("Biểu mẫu trên cổng")
    EMAIL = "email", _("Thư điện tử")
    PHONE = "dien-thoai", _("Điện thoại (cán bộ ghi nhận)")
    SITE = "diem-thi", _("Điểm thi báo về")


class Category(models.TextChoices):
    QUESTION = "hoi-dap", _("Hỏi đáp – thắc mắc")
    VIOLATION = "vi-pham", _("Phản ánh vi phạm, gian lận")
    INCIDENT = "su-co", _("Sự cố tại điểm thi")
    SUGGESTION = "gop-y", _("Góp ý")
    OTHER = "khac", _("Khác")


# Categories the Steering Committee's standing members hear of at once.
URGENT_CATEGORIES = frozenset({Category.VIOLATION, Category.INCIDENT})


class Priority(models.TextChoices):
    NORMAL = "thuong", _("Thường")
    HIGH = "cao", _("Cao")
    URGENT = "khan", _("Khẩn")


class TicketStatus(models.TextChoices):
    NEW = "moi", _("Mới")
    IN_PROGRESS = "dang-xu-ly", _("Đang xử lý")
    ESCALATED = "chuyen-bcd", _("Đã chuyển Ban Chỉ đạo")
    ANSWERED = "da-tra-loi", _("Đã trả lời")
    CLOSED = "da-dong", _("Đã đóng")


OPEN_STATUSES = (TicketStatus.NEW, TicketStatus.IN_PROGRESS, TicketStatus.ESCALATED)


class TicketSequence(models.Model):
    """The last number given in a year. Numbers only go up: a code is never given twice."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("số thứ tự phản ánh")
        verbose_name_plural = _("số thứ tự phản ánh")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


def new_token() -> str:
    """The secret of a follow-up link: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


class TicketQuerySet(models.QuerySet):
    def open(self) -> TicketQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, now=None) -> TicketQuerySet:
        return self.open().filter(due_at__lt=now or timezone.now())


class Ticket(models.Model):
    code = models.CharField(_("mã"), max_length=20, unique=True, editable=False)
    token = models.CharField(max_length=64, default=new_token, editable=False)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=12, choices=Channel.choices)
    category = models.CharField(_("loại"), max_length=10, choices=Category.choices)
    site = models.ForeignKey(
        "exams.ExamSite",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("điểm thi"),
    )
    session = models.ForeignKey(
        "exams.Session",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("buổi thi"),
    )
    subject = models.CharField(_("tiêu đề"), max_length=250)
    message = models.TextField(_("nội dung"))
    name = models.CharField(_("họ và tên người gửi"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại người gửi"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử người gửi"), blank=True)
    priority = models.CharField(
        _("mức độ"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=TicketStatus.choices, default=TicketStatus.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hotline_tickets",
        verbose_name=_("người xử lý"),
    )
    handling_unit = models.CharField(_("đơn vị xử lý"), max_length=200, blank=True)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), default=timezone.now)
    due_at = models.DateTimeField(_("hạn xử lý"))
    escalated_at = models.DateTimeField(_("chuyển Ban Chỉ đạo lúc"), null=True, blank=True)
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("gộp vào phản ánh"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cán bộ ghi nhận"),
    )
    # The e-mail this ticket came from (channel e-mail), for the audit trail.
    source_email = models.OneToOneField(
        "hotline.InboundEmail",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ticket",
        verbose_name=_("thư gốc"),
    )

    objects = TicketQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("phản ánh, câu hỏi")
        verbose_name_plural = _("phản ánh, câu hỏi")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["status", "due_at"], name="hotline_ticket_due")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("id")),
                name="hotline_ticket_not_merged_into_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.subject}"

    def get_follow_up_url(self) -> str:
        from urllib.parse import urlencode

        query = urlencode({"ma": self.code, "khoa": self.token})
        return f"{reverse('hotline:ticket-lookup')}?{query}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at < timezone.now()

    @property
    def is_urgent_category(self) -> bool:
        return self.category in URGENT_CATEGORIES

    @property
    def is_anonymous(self) -> bool:
        return not (self.name or self.phone or self.email)


class EntryKind(models.TextChoices):
    PUBLIC_REPLY = "tra-loi", _("Trả lời người gửi")
    INTERNAL_NOTE = "ghi-chu", _("Ghi chú nội bộ")
    SUBMITTER = "nguoi-gui", _("Người gửi bổ sung")


class TicketEntry(models.Model):
    """Something said on a ticket. Public replies are what the submitter sees; notes are not."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("loại"), max_length=10, choices=EntryKind.choices)
    body = models.TextField(_("nội dung"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người viết"),
    )
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)
    source_email = models.OneToOneField(
        "hotline.InboundEmail",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entry",
        verbose_name=_("thư gốc"),
    )

    class Meta:
        verbose_name = _("trao đổi")
        verbose_name_plural = _("trao đổi")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.ticket.code}"


def attachment_upload_to(instance, filename: str) -> str:
    """A generated name; the sender's name is kept as data (`original_name`) only."""
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"duong-day-nong/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class TicketAttachment(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    entry = models.ForeignKey(
        TicketEntry,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    file = models.FileField(_("tệp"), upload_to=attachment_upload_to, storage=get_private_storage)
    original_name = models.CharField(_("tên tệp gốc"), max_length=160)
    content_type = models.CharField(_("kiểu tệp"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("hotline:attachment", kwargs={"pk": self.pk})


class InboundStatus(models.TextChoices):
    NEW_TICKET = "phieu-moi", _("Tạo phản ánh mới")
    JOINED = "bo-sung", _("Bổ sung vào phản ánh đã có")
    FAILED = "loi", _("Không đọc được – chờ cán bộ xem")
    IGNORED = "bo-qua", _("Bỏ qua (thư tự động)")


class InboundEmail(models.Model):
    """Every message received by the hotline address, kept as it came (nothing is ever dropped)."""

    message_id = models.CharField(_("Message-ID"), max_length=500, blank=True)
    raw = models.BinaryField(_("thư gốc"))
    sender = models.CharField(_("người gửi"), max_length=320, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=500, blank=True)
    received_at = models.DateTimeField(_("nhận lúc"), default=timezone.now)
    status = models.CharField(_("kết quả"), max_length=10, choices=InboundStatus.choices)
    error = models.TextField(_("lỗi"), blank=True)

    class Meta:
        verbose_name = _("thư đến đường dây nóng")
        verbose_name_plural = _("thư đến đường dây nóng")
        ordering = ["-received_at", "-pk"]
        constraints = [
            # The same message delivered twice (a retried pipe, an IMAP poll that died before
            # marking it read) is one row.
            models.UniqueConstraint(
                fields=["message_id"],
                condition=~Q(message_id=""),
                name="hotline_inbound_unique_message_id",
            ),
        ]

    def __str__(self) -> str:
        return self.subject or str(_("(không có tiêu đề)"))


# --- Q&A column -----------------------------------------------------------------------------------


class QATopic(models.TextChoices):
    REGISTRATION = "dang-ky", _("Đăng ký dự thi")
    SCHEDULE = "lich-thi", _("Lịch thi, địa điểm thi")
    RULES = "quy-che", _("Quy chế thi, vật dụng mang vào phòng thi")
    SUBJECTS = "bai-thi", _("Bài thi, môn thi")
    PRIORITY = "uu-tien", _("Ưu tiên, khuyến khích, miễn thi")
    GRADUATION = "tot-nghiep", _("Xét công nhận tốt nghiệp, phúc khảo")
    ADMISSION = "tuyen-sinh", _("Xét tuyển đại học, cao đẳng")
    HEALTH = "suc-khoe", _("Sức khỏe, an toàn tại điểm thi")
    OTHER = "khac", _("Vấn đề khác")


class QAEntryQuerySet(models.QuerySet):
    def published(self, now=None) -> QAEntryQuerySet:
        return self.filter(is_published=True, published_at__lte=now or timezone.now())


class QAEntry(models.Model):
    """A question of general interest and its answer, without the asker's personal data."""

    question_title = models.CharField(_("câu hỏi (ngắn gọn)"), max_length=250)
    slug = models.SlugField(_("đường dẫn"), max_length=220, unique=True, blank=True)
    question = models.TextField(
        _("nội dung câu hỏi"),
        help_text=_("Đã biên tập: không ghi họ tên, số điện thoại, địa chỉ của người hỏi."),
    )
    topic = models.CharField(_("chủ đề"), max_length=12, choices=QATopic.choices)
    answer = CKEditor5Field(_("trả lời"), config_name="default")
    answering_unit = models.CharField(
        _("đơn vị trả lời"), max_length=200, default="Phòng Khảo thí và Quản lý chất lượng"
    )
    asker_label = models.CharField(
        _("người hỏi (không định danh)"),
        max_length=100,
        blank=True,
        help_text=_("Ví dụ: Một phụ huynh ở huyện Trần Văn Thời."),
    )
    related_documents = models.ManyToManyField(
        "documents.Document",
        blank=True,
        related_name="qa_entries",
        verbose_name=_("văn bản liên quan"),
    )
    source_ticket = models.ForeignKey(
        Ticket,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="qa_entries",
        verbose_name=_("từ phản ánh"),
    )
    is_published = models.BooleanField(_("đăng công khai"), default=False)
    published_at = models.DateTimeField(_("đăng lúc"), default=timezone.now)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    search_text = models.TextField(editable=False, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = QAEntryQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "search_vector"])

    class Meta:
        verbose_name = _("mục hỏi đáp")
        verbose_name_plural = _("mục hỏi đáp")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["is_published", "published_at"], name="hotline_qa_pub")]

    def __str__(self) -> str:
        return self.question_title

    def save(self, *args, **kwargs) -> None:
        self.answer = sanitise_html(self.answer)
        if not self.slug:
            base = slugify_vi(self.question_title, max_length=200) or "hoi-dap"
            self.slug = unique_slug(type(self).objects.all(), base, exclude_pk=self.pk)
        self.search_text = normalise_search(
            " ".join([self.question_title, self.question, html_to_text(self.answer)])
        )
        super().save(*args, **kwargs)
        store_search_vector(
            self, title=normalise_search(self.question_title), text=self.search_text
        )

    def get_absolute_url(self) -> str:
        return reverse("hotline:qa-detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.is_published and self.published_at <= timezone.now()
