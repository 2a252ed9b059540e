from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from core.vietnamese import format_date
from documents import services
from documents.files import attach_file
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


class DocumentFileForm(forms.ModelForm):
    """Adding a file goes through attach_file(): checked by content, stored under a generated name."""

    upload = forms.FileField(label="Tệp", help_text="PDF, DOC/DOCX, XLS/XLSX, JPG hoặc PNG.")

    class Meta:
        model = DocumentFile
        fields = ["document", "title", "replaces"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaces"].queryset = DocumentFile.objects.filter(replaced_by__isnull=True)
        self.fields["replaces"].required = False

    def clean(self):
        cleaned = super().clean()
        upload, document = cleaned.get("upload"), cleaned.get("document")
        if upload is not None and document is not None:
            try:
                self.instance = attach_file(
                    document=document,
                    uploaded=upload,
                    title=cleaned.get("title", ""),
                    replaces=cleaned.get("replaces"),
                )
            except ValidationError as error:
                self.add_error("upload", error)
        return cleaned


@admin.register(DocumentFile)
class DocumentFileAdmin(admin.ModelAdmin):
    """Files are added (or replaced by a new version), never edited or deleted: readers may hold
    a copy and check it against the SHA-256 shown."""

    list_display = ["__str__", "document", "kind", "size", "uploaded_at", "is_current"]
    list_select_related = ["document", "replaced_by"]
    search_fields = ["original_name", "title", "document__number_symbol"]
    autocomplete_fields = ["document"]
    readonly_fields = ["original_name", "kind", "content_type", "size", "sha256", "uploaded_at"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = DocumentFileForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["document", "upload", "title", "replaces"]
        return ["document", "title", *self.readonly_fields, "replaces"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else [*self.readonly_fields, "document", "replaces"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
        # A new file was saved by attach_file() while the form was validated.

    @admin.display(description="Bản hiện hành", boolean=True)
    def is_current(self, obj: DocumentFile) -> bool:
        return obj.is_current
