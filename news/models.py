"""The column "Kỳ thi tốt nghiệp THPT năm 2020": categories, articles, corrections, related portals."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field
from simple_history.models import HistoricalRecords

from core.richtext import html_to_text, sanitise_html
from core.search import store_search_vector
from core.vietnamese import normalise_search, slugify_vi, unique_slug


class Category(models.Model):
    name = models.CharField(_("tên chuyên mục"), max_length=120, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=140, unique=True, blank=True)
    description = models.CharField(_("mô tả"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang hiển thị"), default=True)

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify_vi(self.name, max_length=140)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("news:category", kwargs={"slug": self.slug})


# Paths under /tin-tuc/ that are pages of their own, not articles.
RESERVED_SLUGS = {"widget", "nhung-tin", "xem-truoc"}


class Status(models.TextChoices):
    DRAFT = "nhap", _("Bản nháp")
    SCHEDULED = "hen-gio", _("Hẹn giờ đăng")
    PUBLISHED = "da-dang", _("Đã đăng")
    WITHDRAWN = "go-bo", _("Đã gỡ")


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None) -> ArticleQuerySet:
        """Articles the public may read now: published, or scheduled and due."""
        now = now or timezone.now()
        return self.filter(status__in=[Status.PUBLISHED, Status.SCHEDULED], publish_at__lte=now)

    def for_public_links(self, now=None) -> ArticleQuerySet:
        """Articles as another app's public page links to them (core.links): readable now, with
        the columns a link shows, newest first."""
        return (
            self.published(now)
            .only("title", "slug", "summary", "publish_at")
            .order_by("-publish_at", "-pk")
        )

    def readable(self, now=None) -> ArticleQuerySet:
        """Published articles plus withdrawn ones, whose page stays with a notice."""
        now = now or timezone.now()
        return self.filter(
            Q(status__in=[Status.PUBLISHED, Status.SCHEDULED], publish_at__lte=now)
            | Q(status=Status.WITHDRAWN, first_published_at__isnull=False)
        )

    def for_listing(self) -> ArticleQuerySet:
        return self.select_related("category").order_by("-publish_at", "-pk")


def cover_upload_to(instance, filename: str) -> str:
    """A generated name: the uploader's file name is never used on disk."""
    suffix = PurePath(filename).suffix.lower()[:5]
    return f"tin-tuc/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Article(models.Model):
    title = models.CharField(_("tiêu đề"), max_length=250)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_("Để trống để tạo từ tiêu đề. Không đổi được sau khi đã đăng."),
    )
    summary = models.TextField(_("tóm tắt"), max_length=600)
    body = CKEditor5Field(_("nội dung"), config_name="default")
    cover_image = models.ImageField(_("ảnh đại diện"), upload_to=cover_upload_to, blank=True)
    cover_alt = models.CharField(_("mô tả ảnh (cho người khiếm thị)"), max_length=250, blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("chuyên mục")
    )
    sessions = models.ManyToManyField(
        "exams.Session", blank=True, related_name="articles", verbose_name=_("buổi thi liên quan")
    )
    related_documents = models.ManyToManyField(
        "documents.Document",
        blank=True,
        related_name="articles",
        verbose_name=_("văn bản liên quan"),
    )
    byline = models.CharField(_("tác giả, nguồn"), max_length=200, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(_("thời điểm đăng"), default=timezone.now)
    first_published_at = models.DateTimeField(
        _("đăng lần đầu lúc"), null=True, blank=True, editable=False
    )
    pinned_until = models.DateTimeField(_("ghim trên trang chủ đến"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("lý do gỡ"), blank=True)
    withdrawn_at = models.DateTimeField(_("gỡ lúc"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    search_text = models.TextField(editable=False, blank=True)
    # PostgreSQL only: the weighted tsvector of the search text, filled on save (GIN-indexed).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "search_vector"])

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-publish_at", "-pk"]
        indexes = [models.Index(fields=["status", "publish_at"], name="news_article_public")]
        constraints = [
            models.CheckConstraint(
                condition=Q(cover_image="") | ~Q(cover_alt=""),
                name="news_article_cover_has_alt",
                violation_error_message=_("Ảnh đại diện cần có mô tả cho người khiếm thị."),
            ),
            models.CheckConstraint(
                condition=~Q(status="go-bo") | ~Q(withdrawn_reason=""),
                name="news_article_withdrawn_has_reason",
                violation_error_message=_("Bài bị gỡ cần có lý do."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # Only the row's own derived fields: sanitised body, slug, search text.
        self.body = sanitise_html(self.body)
        if not self.slug:
            self.slug = self._unique_slug()
        self.search_text = normalise_search(
            " ".join([self.title, self.summary, html_to_text(self.body)])
        )
        super().save(*args, **kwargs)
        store_search_vector(self, title=normalise_search(self.title), text=self.search_text)

    def get_absolute_url(self) -> str:
        return reverse("news:article-detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return (
            self.status in (Status.PUBLISHED, Status.SCHEDULED)
            and self.publish_at <= timezone.now()
        )

    @property
    def is_withdrawn(self) -> bool:
        return self.status == Status.WITHDRAWN

    def clean(self) -> None:
        if self.cover_image and not self.cover_alt.strip():
            raise ValidationError(
                {"cover_alt": _("Ảnh đại diện cần có mô tả cho người khiếm thị.")}
            )
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("Đường dẫn này dành cho trang khác của chuyên mục.")})
        if self.pk and self.first_published_at:
            old_slug = type(self).objects.filter(pk=self.pk).values_list("slug", flat=True).first()
            if old_slug and self.slug != old_slug:
                raise ValidationError(
                    {
                        "slug": _(
                            "Bài đã đăng không được đổi đường dẫn (liên kết đã chia sẻ sẽ hỏng)."
                        )
                    }
                )

    def _unique_slug(self) -> str:
        base = slugify_vi(self.title, max_length=200) or "bai-viet"
        if base in RESERVED_SLUGS:
            base = f"{base}-bai-viet"
        return unique_slug(type(self).objects.all(), base, exclude_pk=self.pk)


class Correction(models.Model):
    """A public note of what changed in a published article ("Cập nhật lúc …")."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    note = models.CharField(_("nội dung đính chính, cập nhật"), max_length=500)
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("ghi chú cập nhật")
        verbose_name_plural = _("ghi chú cập nhật")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.note


class RelatedPortal(models.Model):
    """Links to the portals of related bodies (Ministry, People's Committee, Department)."""

    name = models.CharField(_("tên cổng thông tin"), max_length=200)
    url = models.URLField(_("địa chỉ"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang hiển thị"), default=True)

    class Meta:
        verbose_name = _("cổng thông tin liên kết")
        verbose_name_plural = _("cổng thông tin liên kết")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name
