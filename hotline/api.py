"""Read-only JSON of the Q&A column for partner portals: /api/v1/qa/.

Only entries the public may read (`QAEntry.objects.published()`), and of their related documents
only those the public may read too. Every URL is absolute. The rules shared by the whole API
(anonymous, read-only, throttled, paginated) are in core.api_policy.
"""

from __future__ import annotations

from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from core import api_policy
from hotline import selectors
from hotline.models import QAEntry, QATopic


class RelatedDocumentSerializer(serializers.Serializer):
    number_symbol = serializers.CharField(help_text="Số, ký hiệu của văn bản.")
    url = serializers.SerializerMethodField(help_text="Địa chỉ văn bản trên cổng.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class QAEntrySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Địa chỉ câu hỏi trên cổng.")
    topic_label = serializers.CharField(source="get_topic_display", read_only=True)
    answer_html = serializers.CharField(
        source="answer",
        read_only=True,
        help_text="Câu trả lời dạng HTML, đã được làm sạch khi lưu.",
    )
    related_documents = RelatedDocumentSerializer(
        many=True, read_only=True, help_text="Văn bản liên quan đã đăng, cũ trước mới sau."
    )

    class Meta:
        model = QAEntry
        fields = [
            "slug",
            "url",
            "question_title",
            "question",
            "topic",
            "topic_label",
            "answer_html",
            "answering_unit",
            "published_at",
            "related_documents",
        ]
        extra_kwargs = {
            "topic": {"help_text": "Mã chủ đề, ví dụ lich-thi, quy-che, tot-nghiep."},
            "question": {"help_text": "Nội dung câu hỏi (đã bỏ thông tin cá nhân người hỏi)."},
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: QAEntry) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class QAEntryFilter(filters.FilterSet):
    topic = filters.ChoiceFilter(
        choices=QATopic.choices,
        help_text="Mã chủ đề, ví dụ lich-thi, quy-che, tot-nghiep.",
        error_messages={"invalid_choice": "Không có chủ đề “%(value)s”."},
    )

    class Meta:
        model = QAEntry
        fields = ["topic"]


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách câu hỏi đã đăng",
        description="Mới đăng trước, 20 câu hỏi một trang (tham số page).",
        responses=api_policy.list_responses(QAEntrySerializer),
    ),
    retrieve=extend_schema(
        summary="Một câu hỏi đã đăng, theo đường dẫn (slug)",
        responses=api_policy.detail_responses(QAEntrySerializer),
    ),
)
@extend_schema(tags=["Hỏi đáp"], parameters=[api_policy.RETRY_AFTER])
class QAEntryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = QAEntrySerializer
    filterset_class = QAEntryFilter
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        now = timezone.now()
        return selectors.published_entries(now=now).prefetch_related(
            selectors.readable_documents(now=now)
        )
