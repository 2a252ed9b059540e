from django.contrib import admin

from accounts.models import SecurityEvent
from core.vietnamese import format_datetime


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """The second-factor audit: whoever holds the view permission reads it; no one edits it."""

    list_display = ["at", "kind", "account_name", "actor_name", "device_name"]
    list_display_links = ["at"]
    list_filter = ["kind"]
    search_fields = ["account_username", "actor_username"]
    date_hierarchy = "created_at"
    fields = list_display
    readonly_fields = list_display

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Lúc", ordering="created_at")
    def at(self, obj: SecurityEvent) -> str:
        return format_datetime(obj.created_at)

    # The names as they were: they stay when an account is deleted later.
    @admin.display(description="Tài khoản", ordering="account_username")
    def account_name(self, obj: SecurityEvent) -> str:
        return obj.account_username

    @admin.display(description="Người thực hiện", ordering="actor_username")
    def actor_name(self, obj: SecurityEvent) -> str:
        return obj.actor_username or "— (không qua trang web)"
