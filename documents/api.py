"""Read-only JSON of the document library for partner portals: /api/v1/documents/.

Only published documents (`Document.objects.published()`), and of their links only those to
documents the public may read too. Every URL is absolute. The rules shared by the whole API
(anonymous, read-only, throttled, paginated) are in core.api_policy.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from core import api_policy
from core.vietnamese import normalise_search
from documents import selectors
from documents.filters import MAX_KEYWORD_LENGTH, NULL_CHARACTER, filter_keyword, keyword_words
from documents.models import Document, DocumentFile, DocumentType, IssuingBody, Validity

DATE_INPUT_FORMATS = ["%Y-%m-%d"]
INVALID_DATE = "Ngày không hợp lệ: dùng dạng NNNN-TT-NN, ví dụ 2020-07-17."


class IssuingBodySerializer(serializers.ModelSerializer):
    class Meta:
        model = IssuingBody
        fields = ["name", "abbreviation"]


class DocumentFileSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Địa chỉ tải tệp.")
    is_current = serializers.BooleanField(
        read_only=True, help_text="Sai (false) với phiên bản cũ đã được thay bằng tệp mới hơn."
    )

    class Meta:
        model = DocumentFile
        fields = ["title", "kind", "size", "sha256", "url", "is_current", "uploaded_at"]
        extra_kwargs = {
            "kind": {"help_text": "Định dạng: pdf, doc, docx, xls, xlsx, jpg, png."},
            "size": {"help_text": "Dung lượng, tính bằng byte."},
            "sha256": {"help_text": "Mã băm SHA-256 của tệp, để đối chiếu tệp đã tải."},
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: DocumentFile) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["title"] = data["title"] or str(instance)
        return data


class LinkedDocumentSerializer(serializers.Serializer):
    number_symbol = serializers.CharField()
    slug = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Document) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class LinkSerializer(serializers.Serializer):
    relation = serializers.CharField(help_text="Mã quan hệ: can-cu, thuc-hien, huong-dan, ...")
    direction = serializers.ChoiceField(
        choices=["out", "in"],
        help_text="out: văn bản này liên kết tới văn bản kia; in: văn bản kia liên kết tới văn bản này.",
    )
    label = serializers.CharField(
        help_text="Quan hệ đọc từ văn bản này, ví dụ “Căn cứ”, “Là căn cứ của”."
    )
    document = LinkedDocumentSerializer()


class DocumentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Địa chỉ văn bản trên cổng.")
    doc_type_label = serializers.CharField(source="get_doc_type_display", read_only=True)
    issuing_body = IssuingBodySerializer(read_only=True)
    validity = serializers.CharField(read_only=True, help_text="Tình trạng hiệu lực hôm nay.")
    validity_label = serializers.CharField(read_only=True)
    signer = serializers.CharField(read_only=True, help_text="Thẩm quyền, chức vụ và tên người ký.")
    urgency_label = serializers.CharField(source="get_urgency_display", read_only=True)
    published_at = serializers.DateTimeField(source="publish_at", read_only=True)
    files = serializers.SerializerMethodField(
        help_text="Tệp hiện hành trước, rồi các phiên bản cũ."
    )
    links = serializers.SerializerMethodField(help_text="Văn bản liên quan, cả hai chiều.")

    class Meta:
        model = Document
        fields = [
            "id",
            "number_symbol",
            "slug",
            "url",
            "doc_type",
            "doc_type_label",
            "issuing_body",
            "issued_on",
            "effective_on",
            "expires_on",
            "validity",
            "validity_label",
            "signer",
            "summary",
            "field",
            "urgency",
            "urgency_label",
            "published_at",
            "updated_at",
            "files",
            "links",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Document) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    @extend_schema_field(DocumentFileSerializer(many=True))
    def get_files(self, obj: Document) -> list[dict]:
        files = sorted(obj.files.all(), key=lambda f: not f.is_current)
        return DocumentFileSerializer(files, many=True, context=self.context).data

    @extend_schema_field(LinkSerializer(many=True))
    def get_links(self, obj: Document) -> list[dict]:
        links = [
            {
                "relation": link.relation,
                "direction": "out",
                "label": str(link.get_relation_display()),
                "document": link.target,
            }
            for link in obj.links_out.all()
        ] + [
            {
                "relation": link.relation,
                "direction": "in",
                "label": str(link.inverse_label),
                "document": link.source,
            }
            for link in obj.links_in.all()
        ]
        return LinkSerializer(links, many=True, context=self.context).data


class DocumentDetailSerializer(DocumentSerializer):
    full_text_html = serializers.CharField(
        source="full_text", read_only=True, help_text="Toàn văn HTML, đã được làm sạch khi lưu."
    )

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "full_text_html"]


class DocumentFilterForm(forms.Form):
    def clean_issuing_body(self):
        value = self.cleaned_data.get("issuing_body")
        if not value:
            return value
        wanted = normalise_search(value)
        matches = [
            pk
            for pk, abbreviation in IssuingBody.objects.values_list("pk", "abbreviation")
            if abbreviation and normalise_search(abbreviation) == wanted
        ]
        if not matches:
            raise forms.ValidationError(
                "Không có cơ quan ban hành có tên viết tắt này, ví dụ SGDĐT, BGDĐT, UBND."
            )
        return matches

    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("issued_after"), cleaned.get("issued_before")
        if after and before and after > before:
            self.add_error(
                "issued_before", "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu (issued_after)."
            )
        return cleaned


class YearFilter(filters.NumberFilter):
    field_class = forms.IntegerField


class DocumentFilter(filters.FilterSet):
    issuing_body = filters.CharFilter(
        method="filter_issuing_body",
        help_text="Tên viết tắt của cơ quan ban hành, có dấu hay không dấu, ví dụ SGDĐT hoặc SGDDT.",
        error_messages={"null_characters_not_allowed": NULL_CHARACTER},
    )
    doc_type = filters.ChoiceFilter(
        choices=DocumentType.choices,
        help_text="Loại văn bản, ví dụ ke-hoach, cong-van, thong-tu.",
        error_messages={"invalid_choice": "Không có loại văn bản “%(value)s”."},
    )
    year = YearFilter(
        field_name="issue_year",
        help_text="Năm ban hành, ví dụ 2020.",
        error_messages={"invalid": "Năm không hợp lệ: nhập 4 chữ số, ví dụ 2020."},
    )
    validity = filters.ChoiceFilter(
        choices=Validity.choices,
        method="filter_validity",
        help_text="Tình trạng hiệu lực hôm nay.",
        error_messages={"invalid_choice": "Không có tình trạng hiệu lực “%(value)s”."},
    )
    issued_after = filters.DateFilter(
        field_name="issued_on",
        lookup_expr="gte",
        input_formats=DATE_INPUT_FORMATS,
        help_text="Ban hành từ ngày này (tính cả ngày này), dạng NNNN-TT-NN.",
        error_messages={"invalid": INVALID_DATE},
    )
    issued_before = filters.DateFilter(
        field_name="issued_on",
        lookup_expr="lte",
        input_formats=DATE_INPUT_FORMATS,
        help_text="Ban hành đến hết ngày này, dạng NNNN-TT-NN.",
        error_messages={"invalid": INVALID_DATE},
    )
    q = filters.CharFilter(
        method="filter_q",
        max_length=MAX_KEYWORD_LENGTH,
        help_text="Từ khóa trong số, ký hiệu, trích yếu, người ký và toàn văn; dấu không bắt buộc.",
        error_messages={
            "max_length": f"Từ khóa dài quá {MAX_KEYWORD_LENGTH} ký tự.",
            "null_characters_not_allowed": NULL_CHARACTER,
        },
    )

    class Meta:
        model = Document
        fields = [
            "issuing_body",
            "doc_type",
            "year",
            "validity",
            "issued_after",
            "issued_before",
            "q",
        ]
        form = DocumentFilterForm

    def filter_issuing_body(self, queryset, name, value: list[int]):
        return queryset.filter(issuing_body__in=value)

    def filter_validity(self, queryset, name, value: str):
        return queryset.with_validity().filter(validity_now=value)

    def filter_q(self, queryset, name, value: str):
        return filter_keyword(queryset, keyword_words(value))


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách văn bản đã đăng",
        description="Mới ban hành trước, 20 văn bản một trang (tham số page).",
        responses=api_policy.list_responses(DocumentSerializer),
    ),
    retrieve=extend_schema(
        summary="Một văn bản đã đăng, theo đường dẫn (slug), kèm toàn văn",
        responses=api_policy.detail_responses(DocumentDetailSerializer),
    ),
)
@extend_schema(tags=["Văn bản"], parameters=[api_policy.RETRY_AFTER])
class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    filterset_class = DocumentFilter
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_serializer_class(self):
        return DocumentDetailSerializer if self.action == "retrieve" else DocumentSerializer

    def get_queryset(self):
        now = timezone.now()
        queryset = (
            Document.objects.published(now)
            .select_related("issuing_body")
            .prefetch_related(*selectors.public_relations(now=now))
            .order_by("-issued_on", "-number", "-pk")
        )
        if self.action == "retrieve":
            return queryset.defer("search_text", "search_vector")
        return queryset.defer("full_text", "search_text", "search_vector")
