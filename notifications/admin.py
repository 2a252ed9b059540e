from django.contrib import admin, messages

from core.vietnamese import format_datetime
from notifications.models import Message, MessageStatus, Recipient, Subscription
from notifications.services import message_resend


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    extra = 0


@admin.register(Recipient)
class RecipientAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "organisation", "role", "is_standing", "email", "is_active"]
    list_filter = ["role", "is_standing", "is_active"]
    search_fields = ["name", "email", "organisation", "title"]
    inlines = [SubscriptionInline]
    autocomplete_fields = ["user"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """The delivery log: read only; failed rows can be put back in the outbox."""

    list_display = [
        "subject",
        "recipient",
        "event",
        "urgent",
        "status",
        "attempts",
        "created",
        "sent",
        "short_error",
    ]
    list_filter = ["status", "urgent", "event", "delivery"]
    list_select_related = ["recipient"]
    search_fields = ["subject", "recipient__name", "recipient__email", "dedupe_key"]
    date_hierarchy = "created_at"
    actions = ["resend"]
    readonly_fields = [f.name for f in Message._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Tạo lúc", ordering="created_at")
    def created(self, obj: Message) -> str:
        return format_datetime(obj.created_at)

    @admin.display(description="Gửi xong lúc", ordering="sent_at")
    def sent(self, obj: Message) -> str:
        return format_datetime(obj.sent_at)

    @admin.display(description="Lỗi gần nhất")
    def short_error(self, obj: Message) -> str:
        return obj.last_error[:80]

    @admin.action(description="Gửi lại các thư thất bại đã chọn", permissions=["change"])
    def resend(self, request, queryset):
        failed = list(queryset.filter(status=MessageStatus.FAILED).values_list("pk", flat=True))
        count = message_resend(message_ids=failed)
        skipped = queryset.count() - count
        self.message_user(request, f"Đã đưa {count} thư vào hàng đợi gửi lại.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"Bỏ qua {skipped} thư không ở trạng thái “Gửi thất bại”.",
                messages.WARNING,
            )
