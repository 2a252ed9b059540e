"""The mail that came in to the hotline's mailbox, read-only: what was received, what became of it."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from core.vietnamese import format_datetime
from hotline.models import InboundEmail


@admin.register(InboundEmail)
class InboundEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "sender", "received", "status", "ticket_link"]
    list_filter = ["status"]
    search_fields = ["subject", "sender", "message_id"]
    fields = [
        "received", "sender", "subject", "message_id", "status", "error", "ticket_link", "source",
    ]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # nothing received is ever dropped

    @admin.display(description="Nhận lúc", ordering="received_at")
    def received(self, inbound: InboundEmail) -> str:
        return format_datetime(inbound.received_at)

    @admin.display(description="Phản ánh")
    def ticket_link(self, inbound: InboundEmail) -> str:
        ticket = getattr(inbound, "ticket", None)
        entry = getattr(inbound, "entry", None)
        ticket = ticket or (entry.ticket if entry else None)
        if ticket is None:
            return "—"
        url = reverse("admin:hotline_ticket_change", args=[ticket.pk])
        return format_html('<a href="{}">{}</a>', url, ticket.code)

    @admin.display(description="Thư gốc (như đã nhận)")
    def source(self, inbound: InboundEmail) -> str:
        text = bytes(inbound.raw[:200_000]).decode("utf-8", errors="replace")
        return format_html("<pre class='inbound-raw'>{}</pre>", text)
