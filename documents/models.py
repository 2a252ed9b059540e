"""The library of directive documents (văn bản chỉ đạo), with the metadata a state portal shows
(Nghị định 43/2011, Article 10), their files and the links between them."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import PurePath

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.richtext import html_to_text, sanitise_html
from core.search import store_search_vector
from core.vietnamese import normalise_search, slugify_vi, unique_slug
from documents.symbols import parse_symbol


class DocumentType(models.TextChoices):
    LUAT = "luat", _("Luật")
    NGHI_DINH = "nghi-dinh", _("Nghị định")
    THONG_TU = "thong-tu", _("Thông tư")
    THONG_TU_LIEN_TICH = "thong-tu-lien-tich", _("Thông tư liên tịch")
    NGHI_QUYET = "nghi-quyet", _("Nghị quyết")
    QUYET_DINH = "quyet-dinh", _("Quyết định")
    CHI_THI = "chi-thi", _("Chỉ thị")
    QUY_CHE = "quy-che", _("Quy chế")
    QUY_DINH = "quy-dinh", _("Quy định")
    THONG_CAO = "thong-cao", _("Thông cáo")
    THONG_BAO = "thong-bao", _("Thông báo")
    HUONG_DAN = "huong-dan", _("Hướng dẫn")
    CHUONG_TRINH = "chuong-trinh", _("Chương trình")
    KE_HOACH = "ke-hoach", _("Kế hoạch")
    PHUONG_AN = "phuong-an", _("Phương án")
    DE_AN = "de-an", _("Đề án")
    DU_AN = "du-an", _("Dự án")
    BAO_CAO = "bao-cao", _("Báo cáo")
    BIEN_BAN = "bien-ban", _("Biên bản")
    TO_TRINH = "to-trinh", _("Tờ trình")
    HOP_DONG = "hop-dong", _("Hợp đồng")
    CONG_DIEN = "cong-dien", _("Công điện")
    GIAY_MOI = "giay-moi", _("Giấy mời")
    GIAY_GIOI_THIEU = "giay-gioi-thieu", _("Giấy giới thiệu")
    CONG_VAN = "cong-van", _("Công văn")


class Validity(models.TextChoices):
    IN_FORCE = "con-hieu-luc", _("Còn hiệu lực")
    PARTLY_EXPIRED = "het-hieu-luc-mot-phan", _("Hết hiệu lực một phần")
    EXPIRED = "het-hieu-luc", _("Hết hiệu lực")
    NOT_YET = "chua-co-hieu-luc", _("Chưa có hiệu lực")


class Urgency(models.TextChoices):
    NORMAL = "", _("Thường")
    URGENT = "khan", _("Khẩn")
    VERY_URGENT = "thuong-khan", _("Thượng khẩn")
    FLASH = "hoa-toc", _("Hỏa tốc")


class SignerPrefix(models.TextChoices):
    NONE = "", _("(không có)")
    KT = "KT.", "KT."
    TM = "TM.", "TM."
    TL = "TL.", "TL."
    TUQ = "TUQ.", "TUQ."
    Q = "Q.", "Q."


class Status(models.TextChoices):
    DRAFT = "nhap", _("Bản nháp")
    PUBLISHED = "da-dang", _("Đã đăng")
    WITHDRAWN = "go-bo", _("Đã gỡ")


class IssuingBody(models.Model):
    name = models.CharField(_("tên cơ quan ban hành"), max_length=200, unique=True)
    abbreviation = models.CharField(
        _("tên viết tắt trong ký hiệu"),
        max_length=30,
        blank=True,
        help_text=_("Ví dụ SGDĐT, BGDĐT, UBND."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class DocumentQuerySet(models.QuerySet):
    def published(self, now: dt.datetime | None = None) -> DocumentQuerySet:
        now = now or timezone.now()
        return self.filter(status=Status.PUBLISHED, publish_at__lte=now)

    def for_public_links(self, now: dt.datetime | None = None) -> DocumentQuerySet:
        """Documents as another app's public page links to them (core.links): published, with
        the columns a link shows, oldest issued first."""
        return (
            self.published(now)
            .only("number_symbol", "doc_type", "summary", "slug", "issued_on")
            .order_by("issued_on", "pk")
        )

    def with_validity(self, today: dt.date | None = None) -> DocumentQuerySet:
        """Annotate `validity_now`: staff's override, else computed from the dates."""
        today = today or timezone.localdate()
        return self.annotate(
            validity_now=Case(
                When(~Q(validity_override=""), then=F("validity_override")),
                When(effective_on__gt=today, then=Value(Validity.NOT_YET)),
                When(expires_on__lte=today, then=Value(Validity.EXPIRED)),
                default=Value(Validity.IN_FORCE),
                output_field=models.CharField(),
            )
        )


class Document(models.Model):
    number_symbol = models.CharField(
        _("số, ký hiệu"),
        max_length=60,
        help_text=_("Ví dụ 1423/KH-SGDĐT, 15/2020/TT-BGDĐT, 2594/BGDĐT-VP."),
    )
    number = models.PositiveIntegerField(_("số"), editable=False)
    symbol_year = models.PositiveSmallIntegerField(
        _("năm trong ký hiệu"), null=True, editable=False
    )
    type_abbreviation = models.CharField(
        _("loại (viết tắt)"), max_length=10, blank=True, editable=False
    )
    issuer_abbreviation = models.CharField(_("cơ quan (viết tắt)"), max_length=30, editable=False)
    unit = models.CharField(_("đơn vị soạn thảo"), max_length=30, blank=True, editable=False)
    doc_type = models.CharField(
        _("loại văn bản"),
        max_length=24,
        choices=DocumentType.choices,
        blank=True,
        help_text=_("Để trống để nhận ra từ ký hiệu."),
    )
    issuing_body = models.ForeignKey(
        IssuingBody, on_delete=models.PROTECT, related_name="documents", verbose_name=_("cơ quan ban hành"),
        null=True, blank=True, help_text=_("Để trống để nhận ra từ ký hiệu."),
    )  # fmt: skip
    issued_on = models.DateField(_("ngày ban hành"))
    issue_year = models.PositiveSmallIntegerField(_("năm ban hành"), editable=False)
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    expires_on = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    validity_override = models.CharField(
        _("tình trạng hiệu lực (ghi đè)"),
        max_length=24,
        choices=Validity.choices,
        blank=True,
        help_text=_("Để trống để tính từ ngày có hiệu lực và ngày hết hiệu lực."),
    )
    signer_prefix = models.CharField(
        _("thẩm quyền ký"), max_length=5, choices=SignerPrefix.choices, blank=True
    )
    signer_position = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    summary = models.TextField(_("trích yếu"), max_length=1000)
    field = models.CharField(
        _("lĩnh vực"), max_length=150, blank=True, default="Giáo dục và đào tạo"
    )
    urgency = models.CharField(_("độ khẩn"), max_length=12, choices=Urgency.choices, blank=True)
    full_text = models.TextField(_("toàn văn"), blank=True)
    exam = models.ForeignKey(
        "exams.Exam", on_delete=models.SET_NULL, null=True, blank=True, related_name="documents",
        verbose_name=_("kỳ thi"),
    )  # fmt: skip
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(_("thời điểm đăng"), default=timezone.now)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    search_text = models.TextField(editable=False, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "search_vector"])

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản chỉ đạo")
        ordering = ["-issued_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["number_symbol", "issuing_body", "issue_year"],
                name="documents_unique_symbol",
                violation_error_message=_(
                    "Đã có văn bản cùng số, ký hiệu của cơ quan này trong năm ban hành."
                ),
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(effective_on__isnull=True)
                | Q(expires_on__gte=F("effective_on")),
                name="documents_expires_after_effect",
                violation_error_message=_("Ngày hết hiệu lực không được trước ngày có hiệu lực."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="documents_public"),
            models.Index(fields=["-issued_on", "-number"], name="documents_issued"),
        ]

    def __str__(self) -> str:
        return f"{self.number_symbol} — {self.summary[:80]}"

    def save(self, *args, **kwargs) -> None:
        # Only the row's own derived fields: parts of the symbol, year, slug, sanitised text.
        self._apply_symbol()
        self.issue_year = self.issued_on.year
        self.full_text = sanitise_html(self.full_text)
        if not self.slug:
            self.slug = self._unique_slug()
        self.search_text = normalise_search(
            " ".join(
                [self.number_symbol, self.summary, self.signer_name, html_to_text(self.full_text)]
            )
        )
        super().save(*args, **kwargs)
        store_search_vector(
            self,
            title=normalise_search(f"{self.number_symbol} {self.summary}"),
            text=self.search_text,
        )

    def get_absolute_url(self) -> str:
        return reverse("documents:document-detail", kwargs={"slug": self.slug})

    @property
    def validity(self) -> str:
        """The validity status today (Validity value)."""
        if self.validity_override:
            return self.validity_override
        today = timezone.localdate()
        if self.effective_on and self.effective_on > today:
            return Validity.NOT_YET
        if self.expires_on and self.expires_on <= today:
            return Validity.EXPIRED
        return Validity.IN_FORCE

    @property
    def validity_label(self) -> str:
        return Validity(self.validity).label

    @property
    def signer(self) -> str:
        return " ".join(
            p for p in [self.signer_prefix, self.signer_position, self.signer_name] if p
        )

    def clean(self) -> None:
        try:
            parsed = parse_symbol(self.number_symbol)
        except ValidationError as error:
            raise ValidationError({"number_symbol": error.messages}) from None
        self.number_symbol = parsed.whole
        if self.issuing_body is None:
            body = IssuingBody.objects.filter(
                abbreviation__iexact=parsed.issuer_abbreviation
            ).first()
            if body is None:
                raise ValidationError(
                    {
                        "issuing_body": _(
                            "Không nhận ra cơ quan “%(abbr)s” trong ký hiệu: hãy chọn cơ quan ban hành."
                        )
                        % {"abbr": parsed.issuer_abbreviation}
                    }
                )
            self.issuing_body = body
        if parsed.year and self.issued_on and parsed.year != self.issued_on.year:
            raise ValidationError(
                {
                    "issued_on": _("Năm trong ký hiệu (%(year)s) khác năm ban hành.")
                    % {"year": parsed.year}
                }
            )
        if self.issued_on:
            self.issue_year = self.issued_on.year

    def _apply_symbol(self) -> None:
        parsed = parse_symbol(self.number_symbol)
        self.number_symbol = parsed.whole
        self.number = parsed.number
        self.symbol_year = parsed.year
        self.type_abbreviation = parsed.type_abbreviation
        self.issuer_abbreviation = parsed.issuer_abbreviation
        self.unit = parsed.unit
        if not self.doc_type:
            self.doc_type = parsed.document_type

    def _unique_slug(self) -> str:
        base = slugify_vi(f"{self.number_symbol.replace('/', '-')}", max_length=100) or "van-ban"
        return unique_slug(type(self).objects.all(), base, exclude_pk=self.pk)


def file_upload_to(instance, filename: str) -> str:
    """A generated name; the uploader's name is kept only as data (original_name)."""
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"van-ban/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class DocumentFile(models.Model):
    """A file of a document. Replacing a file adds a version; the old one stays listed."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("tệp"), upload_to=file_upload_to)
    title = models.CharField(_("tên hiển thị"), max_length=200, blank=True)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, editable=False)
    kind = models.CharField(_("định dạng"), max_length=10, editable=False)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, editable=False)
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by",
        verbose_name=_("thay thế tệp"),
    )  # fmt: skip
    uploaded_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("tệp văn bản")
        verbose_name_plural = _("tệp văn bản")
        ordering = ["document", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title or self.original_name

    def get_absolute_url(self) -> str:
        return reverse(
            "documents:file-download", kwargs={"slug": self.document.slug, "file_id": self.pk}
        )

    @property
    def is_current(self) -> bool:
        return not hasattr(self, "replaced_by")


class Relation(models.TextChoices):
    BASED_ON = "can-cu", _("Căn cứ")
    IMPLEMENTS = "thuc-hien", _("Thực hiện")
    GUIDES = "huong-dan", _("Hướng dẫn")
    AMENDS = "sua-doi", _("Sửa đổi, bổ sung")
    REPLACES = "thay-the", _("Thay thế")
    REPEALS = "bai-bo", _("Bãi bỏ")


# How the link reads from the other side ("1423/KH-SGDĐT căn cứ 06/KH-BCĐ": 06/KH-BCĐ "là căn cứ
# của" 1423/KH-SGDĐT).
INVERSE_LABELS = {
    Relation.BASED_ON: _("Là căn cứ của"),
    Relation.IMPLEMENTS: _("Được thực hiện bởi"),
    Relation.GUIDES: _("Được hướng dẫn bởi"),
    Relation.AMENDS: _("Bị sửa đổi, bổ sung bởi"),
    Relation.REPLACES: _("Bị thay thế bởi"),
    Relation.REPEALS: _("Bị bãi bỏ bởi"),
}


class DocumentLink(models.Model):
    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="links_out")
    relation = models.CharField(_("quan hệ"), max_length=12, choices=Relation.choices)
    target = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="links_in",
        verbose_name=_("văn bản liên quan"),
    )

    class Meta:
        verbose_name = _("liên kết văn bản")
        verbose_name_plural = _("liên kết văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "relation", "target"],
                name="documents_link_once",
                violation_error_message=_("Liên kết này đã có."),
            ),
            models.CheckConstraint(
                condition=~Q(source=F("target")),
                name="documents_link_not_self",
                violation_error_message=_("Văn bản không liên kết với chính nó."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.number_symbol} {self.get_relation_display().lower()} {self.target.number_symbol}"

    @property
    def inverse_label(self) -> str:
        return INVERSE_LABELS[self.relation]
