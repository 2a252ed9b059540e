"""The Q&A column: entries edited and published by staff, often drafted from an answered ticket."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from core.vietnamese import format_datetime
from hotline import services
from hotline.models import QAEntry


@admin.register(QAEntry)
class QAEntryAdmin(SimpleHistoryAdmin):
    list_display = ["question_title", "topic", "is_published", "published", "answering_unit"]
    list_filter = ["is_published", "topic"]
    search_fields = ["question_title", "question"]
    autocomplete_fields = ["related_documents"]
    readonly_fields = ["source_ticket_link"]
    fieldsets = [
        (None, {"fields": ["question_title", "slug", "topic", "asker_label", "question"]}),
        ("Trả lời", {"fields": ["answer", "answering_unit", "related_documents"]}),
        ("Đăng", {"fields": ["is_published", "published_at", "source_ticket_link"]}),
    ]

    @admin.display(description="Đăng lúc", ordering="published_at")
    def published(self, entry: QAEntry) -> str:
        return format_datetime(entry.published_at)

    @admin.display(description="Từ phản ánh")
    def source_ticket_link(self, entry: QAEntry) -> str:
        if not entry.source_ticket_id:
            return "—"
        url = reverse("admin:hotline_ticket_change", args=[entry.source_ticket_id])
        return format_html('<a href="{}">{}</a>', url, entry.source_ticket.code)

    def view_on_site(self, entry: QAEntry) -> str | None:
        return entry.get_absolute_url() if entry.is_public else None

    def save_model(self, request, obj, form, change) -> None:
        services.qa_save(entry=obj, user=request.user)
