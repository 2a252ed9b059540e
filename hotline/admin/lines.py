"""The hotline's lines (phone numbers and mailboxes) shown on the public pages."""

from __future__ import annotations

from django.contrib import admin

from hotline.models import HotlineLine


@admin.register(HotlineLine)
class HotlineLineAdmin(admin.ModelAdmin):
    list_display = [
        "name", "kind", "role", "phone", "email", "hours", "active_from", "active_until",
        "is_published", "order",
    ]  # fmt: skip
    list_editable = ["is_published", "order"]
    list_filter = ["kind", "is_published"]
    fieldsets = [
        (None, {"fields": ["kind", "name", "role"]}),
        ("Liên hệ", {"fields": ["phone", "email", "hours"]}),
        (
            "Công bố",
            {
                "fields": ["is_published", "active_from", "active_until", "order"],
                "description": "Đường dây chỉ hiện trên cổng trong thời gian hoạt động "
                "(để trống nếu không giới hạn).",
            },
        ),
    ]
