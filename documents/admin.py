from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from camau_exam_portal.vietnamese import format_date
from documents import services
from documents.models import Document, DocumentFile, DocumentLink, IssuingBody


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = [
            "number_symbol", "doc_type", "issuing_body", "issued_on", "effective_on", "expires_on",
            "validity_override", "signer_prefix", "signer_position", "signer_name", "summary",
            "field", "urgency", "full_text", "exam", "status", "publish_at",
        ]  # fmt: skip


class LinkInline(admin.TabularInline):
    model = DocumentLink
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]
    verbose_name = "văn bản liên quan"
    verbose_name_plural = "liên kết tới văn bản khác (hiện ở cả hai văn bản)"


class FileInline(admin.TabularInline):
    model = DocumentFile
    extra = 0
    fields = ["title", "original_name", "kind", "size", "sha256", "uploaded_at", "replaces"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "tệp đính kèm (thêm, thay tệp ở mục “Tệp văn bản”)"

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    form = DocumentForm
    list_display = [
        "number_symbol",
        "doc_type",
        "issuing_body",
        "issued",
        "status",
        "summary_short",
    ]
    list_filter = ["status", "issuing_body", "doc_type", "issue_year"]
    list_select_related = ["issuing_body"]
    search_fields = ["number_symbol", "summary", "signer_name"]
    date_hierarchy = "issued_on"
    inlines = [LinkInline, FileInline]
    fieldsets = [
        (None, {"fields": ["number_symbol", "doc_type", "issuing_body", "summary", "field", "exam"]}),
        ("Ngày tháng, hiệu lực", {"fields": ["issued_on", "effective_on", "expires_on", "validity_override"]}),
        ("Người ký, độ khẩn", {"fields": ["signer_prefix", "signer_position", "signer_name", "urgency"]}),
        ("Toàn văn", {"fields": ["full_text"], "classes": ["collapse"]}),
        ("Đăng", {"fields": ["status", "publish_at"]}),
    ]  # fmt: skip

    @admin.display(description="Ngày ban hành", ordering="issued_on")
    def issued(self, obj: Document) -> str:
        return format_date(obj.issued_on)

    @admin.display(description="Trích yếu")
    def summary_short(self, obj: Document) -> str:
        return obj.summary[:100]

    def save_model(self, request, obj, form, change) -> None:
        services.document_save(document=obj, user=request.user)


@admin.register(IssuingBody)
class IssuingBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "order"]
    list_editable = ["order"]
    search_fields = ["name", "abbreviation"]
