"""Tickets in admin: staff log phone calls as tickets, then triage, assign, note, reply, escalate,
merge and close them. One save of the change form is one call of `services.ticket_handle`."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from core.vietnamese import format_datetime
from exams.models import ExamSite, Session
from exams.selectors import current_exam
from hotline import services
from hotline.models import (
    OPEN_STATUSES,
    Channel,
    Priority,
    Ticket,
    TicketAttachment,
    TicketEntry,
    TicketStatus,
)


class OverdueFilter(admin.SimpleListFilter):
    title = "hạn xử lý"
    parameter_name = "qua_han"

    def lookups(self, request, model_admin):
        return [("co", "Quá hạn"), ("sap", "Đến hạn trong 24 giờ")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "co":
            return queryset.overdue(now)
        if self.value() == "sap":
            return queryset.open().filter(due_at__gte=now, due_at__lt=now + dt.timedelta(days=1))
        return queryset


def _exam_choices(form: forms.ModelForm) -> None:
    """Sites and sessions of the current exam only, in their natural order."""
    exam = current_exam()
    if "site" in form.fields:
        form.fields["site"].queryset = ExamSite.objects.filter(exam=exam).order_by("code")
    if "session" in form.fields:
        form.fields["session"].queryset = Session.objects.filter(round__exam=exam).order_by(
            "date", "start_time"
        )


class TicketLogForm(forms.ModelForm):
    """Staff log a phone call (or what an exam site or a mailbox told them) as a ticket."""

    priority = forms.ChoiceField(
        label="Mức độ",
        required=False,
        choices=[("", "Tự động (theo loại và thời điểm)"), *Priority.choices],
    )

    class Meta:
        model = Ticket
        fields = [
            "channel", "category", "site", "session", "subject", "message", "name", "phone",
            "email",
        ]  # fmt: skip
        help_texts = {
            "name": "Để trống nếu người gọi không cho biết (phản ánh vi phạm có thể ẩn danh).",
            "message": "Ghi lại nội dung cuộc gọi: sự việc, thời gian, địa điểm, người liên quan.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [
            (Channel.PHONE, Channel.PHONE.label),
            (Channel.SITE, Channel.SITE.label),
            (Channel.EMAIL, Channel.EMAIL.label),
        ]
        self.fields["channel"].initial = Channel.PHONE
        _exam_choices(self)


class TicketHandleForm(forms.ModelForm):
    """The change form: classification and assignment, plus what staff do next."""

    public_reply = forms.CharField(
        label="Trả lời người gửi (công khai)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text="Hiện trên trang theo dõi của người gửi và được gửi thư cho họ nếu có địa chỉ "
        "thư điện tử. Không ghi thông tin nội bộ.",
    )
    internal_note = forms.CharField(
        label="Ghi chú nội bộ",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Chỉ cán bộ xem được.",
    )
    escalate = forms.BooleanField(
        label="Chuyển Ban Chỉ đạo",
        required=False,
        help_text="Thành viên thường trực Ban Chỉ đạo nhận thư ngay (chỉ gửi một lần). "
        "Ghi chú nội bộ ở trên được gửi kèm làm ý kiến của cán bộ xử lý.",
    )
    merge_into = forms.CharField(
        label="Gộp vào phản ánh (mã)",
        required=False,
        max_length=20,
        help_text="Phản ánh này trùng nội dung với phản ánh khác: ghi mã phản ánh chính, "
        "ví dụ HL-2020-000123. Phản ánh này sẽ được đóng; người gửi nhận câu trả lời chung.",
    )
    close = forms.BooleanField(label="Đóng phản ánh", required=False)

    class Meta:
        model = Ticket
        fields = ["category", "priority", "site", "session", "assignee", "handling_unit", "due_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _exam_choices(self)
        if "assignee" in self.fields:
            from django.contrib.auth import get_user_model

            self.fields["assignee"].queryset = get_user_model().objects.filter(
                is_active=True, is_staff=True
            )

    def clean_merge_into(self) -> Ticket | None:
        code = self.cleaned_data["merge_into"].strip().upper()
        if not code:
            return None
        target = Ticket.objects.filter(code=code).first()
        if target is None:
            raise ValidationError(f"Không có phản ánh mã {code}.")
        # ticket_merge refuses these as well, under lock; said here, at the field, so that the
        # save is refused with the form shown again rather than failing half-way.
        main = target
        while main.merged_into_id:  # merging into a merged ticket means into its target
            main = main.merged_into
        if main.pk == self.instance.pk:
            raise ValidationError("Không thể gộp một phản ánh vào chính nó.")
        if self.instance.duplicates.exists():
            raise ValidationError(
                f"{self.instance.code} đã có phản ánh khác gộp vào; hãy gộp theo chiều ngược lại."
            )
        return target


class TicketEntryInline(admin.TabularInline):
    model = TicketEntry
    extra = 0
    fields = ["created_at_display", "kind", "author", "body"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "trao đổi (trả lời, ghi chú, người gửi bổ sung)"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Lúc")
    def created_at_display(self, entry: TicketEntry) -> str:
        return format_datetime(entry.created_at)


class TicketAttachmentInline(admin.TabularInline):
    model = TicketAttachment
    extra = 0
    fields = ["download", "content_type", "size", "sha256"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Tệp")
    def download(self, attachment: TicketAttachment) -> str:
        return format_html(
            '<a href="{}">{}</a>', attachment.get_absolute_url(), attachment.original_name
        )


@admin.register(Ticket)
class TicketAdmin(SimpleHistoryAdmin):
    list_display = [
        "code", "subject", "category", "channel", "status", "priority", "site", "received",
        "due", "assignee",
    ]  # fmt: skip
    list_filter = ["status", "category", "channel", OverdueFilter, "priority", "site"]
    list_select_related = ["site", "assignee"]
    search_fields = ["code", "subject", "message", "name", "email", "phone"]
    date_hierarchy = "received_at"
    inlines = [TicketEntryInline, TicketAttachmentInline]
    actions = ["escalate_selected", "merge_selected", "close_selected", "make_qa_entry"]
    readonly_fields = [
        "code", "channel", "status", "received", "submitted_by", "subject", "message",
        "escalated_at", "answered_at", "closed_at", "merged", "duplicates_list", "follow_up",
    ]  # fmt: skip
    history_list_display = ["status", "assignee", "priority"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = TicketHandleForm if obj is not None else TicketLogForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (
                    "Ghi nhận cuộc gọi, thông tin báo về",
                    {
                        "fields": ["channel", "category", "priority", "site", "session"],
                        "description": "Ghi lại cuộc gọi đến đường dây nóng (hoặc thông tin điểm "
                        "thi báo về) thành một phản ánh có mã để theo dõi.",
                    },
                ),
                (None, {"fields": ["subject", "message"]}),
                ("Người gọi (nếu cho biết)", {"fields": ["name", "phone", "email"]}),
            ]
        return [
            (
                None,
                {"fields": ["code", "status", "channel", "received", "subject", "message"]},
            ),
            ("Người gửi", {"fields": ["submitted_by", "follow_up"]}),
            (
                "Phân loại, phân công",
                {
                    "fields": [
                        "category",
                        "priority",
                        "site",
                        "session",
                        "assignee",
                        "handling_unit",
                        "due_at",
                    ]
                },
            ),
            (
                "Xử lý",
                {"fields": ["public_reply", "internal_note", "escalate", "merge_into", "close"]},
            ),
            (
                "Mốc thời gian, phản ánh trùng",
                {
                    "fields": [
                        "escalated_at",
                        "answered_at",
                        "closed_at",
                        "merged",
                        "duplicates_list",
                    ],
                    "classes": ["collapse"],
                },
            ),
        ]

    # --- columns and read-only fields

    @admin.display(description="Tiếp nhận lúc", ordering="received_at")
    def received(self, ticket: Ticket) -> str:
        return format_datetime(ticket.received_at)

    @admin.display(description="Hạn xử lý", ordering="due_at")
    def due(self, ticket: Ticket) -> str:
        text = format_datetime(ticket.due_at)
        if ticket.is_overdue:
            return format_html('<strong class="errornote-inline">{} (quá hạn)</strong>', text)
        return text

    @admin.display(description="Người gửi")
    def submitted_by(self, ticket: Ticket) -> str:
        if ticket.is_anonymous:
            return "Ẩn danh"
        parts = [p for p in (ticket.name, ticket.phone, ticket.email) if p]
        return " · ".join(parts)

    @admin.display(description="Đường dẫn theo dõi của người gửi")
    def follow_up(self, ticket: Ticket) -> str:
        return format_html(
            '<a href="{}" rel="noreferrer" target="_blank">Mở trang người gửi thấy</a>',
            ticket.get_follow_up_url(),
        )

    @admin.display(description="Đã gộp vào")
    def merged(self, ticket: Ticket) -> str:
        if not ticket.merged_into_id:
            return "—"
        url = reverse("admin:hotline_ticket_change", args=[ticket.merged_into_id])
        return format_html('<a href="{}">{}</a>', url, ticket.merged_into.code)

    @admin.display(description="Phản ánh trùng đã gộp vào đây")
    def duplicates_list(self, ticket: Ticket) -> str:
        rows = [
            (reverse("admin:hotline_ticket_change", args=[d.pk]), d.code)
            for d in ticket.duplicates.order_by("pk")
        ]
        return format_html_join(", ", '<a href="{}">{}</a>', rows) or "—"

    # --- saving through the services

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            data = form.cleaned_data
            ticket = services.ticket_submit(
                channel=data["channel"],
                category=data["category"],
                subject=data["subject"],
                message=data["message"],
                name=data.get("name", ""),
                phone=data.get("phone", ""),
                email=data.get("email", ""),
                site=data.get("site"),
                session=data.get("session"),
                priority=data.get("priority") or None,
                created_by=request.user,
            )
            # The admin goes on with `obj` (log entry, redirect): make it the ticket just made.
            obj.__dict__.update(ticket.__dict__)
            return
        self._handle(request, obj, form)

    def _handle(self, request, ticket: Ticket, form: TicketHandleForm) -> None:
        data = form.cleaned_data
        handled = services.ticket_handle(
            ticket=ticket,
            user=request.user,
            changed=[name for name in form.changed_data if name in TicketHandleForm.Meta.fields],
            note=data.get("internal_note") or "",
            reply=data.get("public_reply") or "",
            escalate=bool(data.get("escalate")),
            merge_into=data.get("merge_into"),
            close=bool(data.get("close")),
        )
        # Said once the whole save is kept: a refused step leaves no message claiming the others.
        if handled.reply is not None:
            self.message_user(request, "Đã lưu câu trả lời và gửi thư cho người gửi (nếu có).")
        if handled.escalated:
            self.message_user(
                request, "Đã chuyển Ban Chỉ đạo; thành viên thường trực nhận thư ngay."
            )
        elif handled.escalated is False:
            self.message_user(
                request, "Phản ánh đã được chuyển Ban Chỉ đạo trước đó; không gửi lại.",
                messages.WARNING,
            )  # fmt: skip
        if handled.merged_into is not None:
            self.message_user(request, f"Đã gộp {ticket.code} vào {handled.merged_into.code}.")
        ticket.refresh_from_db()

    # --- actions

    @admin.action(description="Chuyển Ban Chỉ đạo", permissions=["change"])
    def escalate_selected(self, request, queryset) -> None:
        sent = sum(services.ticket_escalate(ticket=t, user=request.user) for t in queryset)
        skipped = queryset.count() - sent
        self.message_user(request, f"Đã chuyển Ban Chỉ đạo {sent} phản ánh.")
        if skipped:
            self.message_user(
                request, f"{skipped} phản ánh đã được chuyển trước đó; không gửi lại.",
                messages.WARNING,
            )  # fmt: skip

    @admin.action(description="Gộp các phản ánh đã chọn vào phản ánh nhận sớm nhất", permissions=["change"])  # fmt: skip
    def merge_selected(self, request, queryset) -> None:
        tickets = list(queryset.order_by("received_at", "pk"))
        if len(tickets) < 2:
            self.message_user(request, "Hãy chọn ít nhất hai phản ánh để gộp.", messages.ERROR)
            return
        target, *duplicates = tickets
        try:
            with transaction.atomic():
                for duplicate in duplicates:
                    services.ticket_merge(duplicate=duplicate, into=target, user=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        codes = ", ".join(d.code for d in duplicates)
        self.message_user(request, f"Đã gộp {codes} vào {target.code}.")

    @admin.action(description="Đóng các phản ánh đã chọn", permissions=["change"])
    def close_selected(self, request, queryset) -> None:
        count = 0
        for ticket in queryset.filter(status__in=[*OPEN_STATUSES, TicketStatus.ANSWERED]):
            services.ticket_close(ticket=ticket, user=request.user)
            count += 1
        self.message_user(request, f"Đã đóng {count} phản ánh.")

    @admin.action(description="Tạo mục hỏi đáp từ phản ánh đã trả lời", permissions=["change"])
    def make_qa_entry(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Hãy chọn đúng một phản ánh đã trả lời.", messages.ERROR)
            return None
        if not request.user.has_perm("hotline.add_qaentry"):
            self.message_user(request, "Tài khoản không có quyền tạo mục hỏi đáp.", messages.ERROR)
            return None
        try:
            entry = services.qa_from_ticket(ticket=queryset.get(), user=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return None
        self.message_user(
            request,
            "Đã tạo bản nháp mục hỏi đáp. Hãy biên tập câu hỏi, bỏ mọi thông tin cá nhân "
            "của người hỏi, chọn chủ đề rồi đăng.",
            messages.WARNING,
        )
        return HttpResponseRedirect(reverse("admin:hotline_qaentry_change", args=[entry.pk]))
