from django import forms
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from core.vietnamese import format_datetime
from news import services
from news.models import Article, Category, Correction, RelatedPortal, Status


class ArticleAdminForm(forms.ModelForm):
    change_note = forms.CharField(
        label="Ghi chú cập nhật (hiện công khai)",
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"size": 80}),
        help_text="Bắt buộc khi sửa tiêu đề, tóm tắt, nội dung hoặc ảnh của bài đã đăng. "
        "Ví dụ: “Đính chính số thí sinh vắng mặt”.",
    )

    class Meta:
        model = Article
        fields = [
            "title", "slug", "category", "summary", "body", "byline", "cover_image", "cover_alt",
            "status", "publish_at", "pinned_until", "withdrawn_reason", "sessions", "related_documents",
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        article = self.instance
        if article.pk and article.first_published_at and cleaned.get("status") != Status.WITHDRAWN:
            public_change = any(
                field in self.changed_data
                for field in ("title", "summary", "body", "cover_image", "cover_alt", "category")
            )
            if public_change and not (cleaned.get("change_note") or "").strip():
                self.add_error(
                    "change_note",
                    "Bài đã đăng: hãy ghi ngắn gọn nội dung cập nhật, đính chính để người đọc biết.",
                )
        if (
            cleaned.get("status") == Status.WITHDRAWN
            and not (cleaned.get("withdrawn_reason") or "").strip()
        ):
            self.add_error("withdrawn_reason", "Hãy ghi lý do gỡ bài; lý do được hiện công khai.")
        return cleaned


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    fields = ["created_at", "note", "created_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = ["title", "category", "status", "published", "pinned_until"]
    list_filter = ["status", "category"]
    list_select_related = ["category"]
    search_fields = ["title", "summary"]
    date_hierarchy = "publish_at"
    filter_horizontal = ["sessions"]
    autocomplete_fields = ["related_documents"]
    inlines = [CorrectionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary", "body", "byline"]}),
        ("Ảnh đại diện", {"fields": ["cover_image", "cover_alt"]}),
        (
            "Đăng bài",
            {"fields": ["status", "publish_at", "pinned_until", "change_note", "withdrawn_reason"]},
        ),
        ("Liên quan", {"fields": ["related_documents", "sessions"], "classes": ["collapse"]}),
    ]

    @admin.display(description="Thời điểm đăng", ordering="publish_at")
    def published(self, obj: Article) -> str:
        return format_datetime(obj.publish_at)

    def view_on_site(self, obj: Article) -> str:
        if obj.is_public or obj.is_withdrawn:
            return obj.get_absolute_url()
        return reverse("news:article-preview", kwargs={"pk": obj.pk})

    def save_model(self, request, obj, form, change) -> None:
        note = form.cleaned_data.get("change_note", "")
        if obj.status in (Status.PUBLISHED, Status.SCHEDULED):
            obj._change_reason = note or "Đăng bài"
            services.article_publish(
                article=obj, user=request.user, publish_at=obj.publish_at, change_note=note
            )
        elif obj.status == Status.WITHDRAWN:
            obj._change_reason = "Gỡ bài"
            services.article_withdraw(article=obj, user=request.user, reason=obj.withdrawn_reason)
        else:
            obj._change_reason = note or "Lưu bản nháp"
            services.article_save(article=obj, user=request.user, change_note=note)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(RelatedPortal)
class RelatedPortalAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "order", "is_active"]
    list_editable = ["order", "is_active"]
