"""Read-only JSON of the news column for partner portals: /api/v1/news/ and /api/v1/categories/.

Only published articles (`Article.objects.published()`); every URL is absolute. The rules shared by
the whole API (anonymous, read-only, throttled, paginated) are in core.api_policy.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from core import api_policy
from news.models import Article, Category

DATE_INPUT_FORMATS = ["%Y-%m-%d"]
INVALID_DATE = "Ngày không hợp lệ: dùng dạng NNNN-TT-NN, ví dụ 2020-07-09."


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["name", "slug"]


class CategoryDetailSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Địa chỉ trang chuyên mục trên cổng.")

    class Meta:
        model = Category
        fields = ["name", "slug", "description", "url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Category) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class CoverImageSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="Địa chỉ ảnh.")
    alt = serializers.CharField(help_text="Mô tả ảnh cho người khiếm thị.")


class ArticleSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Địa chỉ bài viết trên cổng.")
    category = CategorySerializer(read_only=True)
    published_at = serializers.DateTimeField(source="publish_at", read_only=True)
    body_html = serializers.CharField(
        source="body", read_only=True, help_text="Nội dung HTML, đã được làm sạch khi lưu."
    )
    cover_image = serializers.SerializerMethodField(help_text="Ảnh đại diện, nếu có.")

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "slug",
            "summary",
            "url",
            "category",
            "published_at",
            "updated_at",
            "body_html",
            "cover_image",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Article) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    @extend_schema_field(CoverImageSerializer(allow_null=True))
    def get_cover_image(self, obj: Article) -> dict | None:
        if not obj.cover_image:
            return None
        return {
            "url": self.context["request"].build_absolute_uri(obj.cover_image.url),
            "alt": obj.cover_alt,
        }


class ArticleFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("published_after"), cleaned.get("published_before")
        if after and before and after > before:
            self.add_error(
                "published_before",
                "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu (published_after).",
            )
        return cleaned


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight at the start of the day, in the portal's time zone (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class ArticleFilter(filters.FilterSet):
    category = filters.ModelChoiceFilter(
        field_name="category",
        to_field_name="slug",
        queryset=Category.objects.filter(is_active=True),
        help_text="Đường dẫn (slug) của chuyên mục, ví dụ thong-bao.",
        error_messages={"invalid_choice": "Không có chuyên mục có đường dẫn này."},
    )
    published_after = filters.DateFilter(
        method="filter_published_after",
        input_formats=DATE_INPUT_FORMATS,
        help_text="Bài đăng từ ngày này (tính cả ngày này), dạng NNNN-TT-NN.",
        error_messages={"invalid": INVALID_DATE},
    )
    published_before = filters.DateFilter(
        method="filter_published_before",
        input_formats=DATE_INPUT_FORMATS,
        help_text="Bài đăng đến hết ngày này, dạng NNNN-TT-NN.",
        error_messages={"invalid": INVALID_DATE},
    )

    class Meta:
        model = Article
        fields = ["category", "published_after", "published_before"]
        form = ArticleFilterForm

    def filter_published_after(self, queryset, name, value: dt.date):
        return queryset.filter(publish_at__gte=_start_of(value))

    def filter_published_before(self, queryset, name, value: dt.date):
        return queryset.filter(publish_at__lt=_start_of(value + dt.timedelta(days=1)))


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách bài viết đã đăng",
        description="Mới nhất trước, 20 bài một trang (tham số page).",
        responses=api_policy.list_responses(ArticleSerializer),
    ),
    retrieve=extend_schema(
        summary="Một bài viết đã đăng, theo đường dẫn (slug)",
        responses=api_policy.detail_responses(ArticleSerializer),
    ),
)
@extend_schema(tags=["Tin tức"], parameters=[api_policy.RETRY_AFTER])
class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ArticleSerializer
    filterset_class = ArticleFilter
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return Article.objects.published().for_listing()


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách chuyên mục",
        responses=api_policy.list_responses(CategoryDetailSerializer, filtered=False, paged=False),
    ),
    retrieve=extend_schema(
        summary="Một chuyên mục, theo đường dẫn (slug)",
        responses=api_policy.detail_responses(CategoryDetailSerializer, filtered=False),
    ),
)
@extend_schema(tags=["Tin tức"], parameters=[api_policy.RETRY_AFTER])
class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CategoryDetailSerializer
    pagination_class = None
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return Category.objects.filter(is_active=True)
