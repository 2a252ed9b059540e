"""Read-only JSON of press releases for partner portals and newsrooms: /api/v1/press-releases/.

Only releases the public may read now (`PressRelease.objects.published()`): a release under
embargo is not listed and its address answers 404 until its time, then it is there without anyone
acting. Every URL is absolute. The rules shared by the whole API (anonymous, read-only,
throttled, paginated) are in core.api_policy.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from core import api_policy
from pressroom import selectors
from pressroom.models import PressRelease, ReleaseAttachment, ReleaseCorrection


class CorrectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReleaseCorrection
        fields = ["note", "created_at"]
        extra_kwargs = {
            "note": {"help_text": "Nội dung đính chính."},
            "created_at": {"help_text": "Thời điểm đính chính."},
        }


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Địa chỉ tải tệp.")

    class Meta:
        model = ReleaseAttachment
        fields = ["title", "url", "size", "content_type"]
        extra_kwargs = {
            "size": {"help_text": "Dung lượng, tính bằng byte."},
            "content_type": {"help_text": "Kiểu tệp (MIME), ví dụ application/pdf."},
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: ReleaseAttachment) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class PressReleaseSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Địa chỉ thông cáo trên cổng.")
    body_html = serializers.CharField(
        source="body", read_only=True, help_text="Nội dung HTML, đã được làm sạch khi lưu."
    )
    corrections = CorrectionSerializer(
        many=True, read_only=True, help_text="Các lần đính chính, mới trước cũ sau."
    )
    attachments = AttachmentSerializer(
        many=True, read_only=True, help_text="Tài liệu kèm theo thông cáo."
    )

    class Meta:
        model = PressRelease
        fields = [
            "number",
            "title",
            "slug",
            "summary",
            "body_html",
            "published_at",
            "url",
            "corrections",
            "attachments",
        ]
        extra_kwargs = {
            "number": {"help_text": "Số thông cáo, ví dụ 01/TCBC-SGDĐT; có thể để trống."},
            "published_at": {
                "source": "publish_at",
                "help_text": "Thời điểm công bố (hết hạn cấm đăng); cùng tên với các API khác.",
            },
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: PressRelease) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách thông cáo báo chí đã công bố",
        description=(
            "Mới công bố trước, 20 thông cáo một trang (tham số page). Thông cáo chỉ có ở đây "
            "từ thời điểm hết hạn cấm đăng."
        ),
        responses=api_policy.list_responses(PressReleaseSerializer, filtered=False),
    ),
    retrieve=extend_schema(
        summary="Một thông cáo báo chí đã công bố, theo đường dẫn (slug)",
        responses=api_policy.detail_responses(PressReleaseSerializer, filtered=False),
    ),
)
@extend_schema(tags=["Thông cáo báo chí"], parameters=[api_policy.RETRY_AFTER])
class PressReleaseViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PressReleaseSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return selectors.releases_with_relations(now=timezone.now())
