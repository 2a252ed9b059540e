"""The press room in Django admin: outlets and contacts, lists, releases (with the delivery log and
each outlet's private link), briefings (invitations, changes, registrations), the media kit.
Every write goes through pressroom.services."""

from __future__ import annotations

import csv

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from core.uploads import inspect_upload
from core.vietnamese import format_datetime
from pressroom.models import (
    BriefingMaterial,
    DistributionList,
    MediaKitItem,
    MediaOutlet,
    PressBriefing,
    PressContact,
    PressRelease,
    Registration,
    ReleaseAttachment,
    ReleaseCorrection,
    ReleaseStatus,
    Spokesperson,
)
from pressroom.services import briefings, contacts, invitations, releases

# --- files: checked by content like the document library's ---------------------------------------


class CheckedFileForm(forms.ModelForm):
    """A file is judged by its content (core.uploads.inspect_upload); its facts are kept."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "content_type"):  # a new upload, not the stored file
            info = inspect_upload(uploaded)
            self.instance.original_name = info.original_name
            self.instance.content_type = info.content_type
            self.instance.size = info.size
            self.instance.sha256 = info.sha256
            uploaded.seek(0)
        return uploaded


class FileInline(admin.TabularInline):
    form = CheckedFileForm
    extra = 0
    fields = ["title", "file", "content_type", "size"]
    readonly_fields = ["content_type", "size"]


# --- outlets, contacts, lists --------------------------------------------------------------------


class PressContactInline(admin.TabularInline):
    model = PressContact
    extra = 0
    fields = ["name", "title", "email", "phone", "is_active"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # edited on their own page, through contact_save

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(MediaOutlet)
class MediaOutletAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "website", "is_active", "contact_count"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    inlines = [PressContactInline]

    @admin.display(description="Số người liên hệ")
    def contact_count(self, outlet: MediaOutlet) -> int:
        return outlet.contacts.count()


@admin.register(PressContact)
class PressContactAdmin(admin.ModelAdmin):
    list_display = ["name", "outlet", "title", "email", "phone", "is_active"]
    list_filter = ["is_active", "outlet__kind", "lists"]
    list_select_related = ["outlet"]
    search_fields = ["name", "email", "outlet__name"]
    autocomplete_fields = ["outlet"]

    def save_model(self, request, obj, form, change) -> None:
        contacts.contact_save(contact=obj)


@admin.register(DistributionList)
class DistributionListAdmin(admin.ModelAdmin):
    list_display = ["name", "description", "size"]
    filter_horizontal = ["contacts"]

    @admin.display(description="Số người nhận")
    def size(self, distribution: DistributionList) -> int:
        return distribution.contacts.filter(is_active=True).count()


@admin.register(Spokesperson)
class SpokespersonAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "phone", "email", "is_default"]


# --- releases ------------------------------------------------------------------------------------


class ReleaseAdminForm(forms.ModelForm):
    change_note = forms.CharField(
        label="Ghi chú đính chính (hiện công khai)",
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"size": 80}),
        help_text="Bắt buộc khi sửa số, tiêu đề, tóm tắt hoặc nội dung của thông cáo đã công bố.",
    )

    class Meta:
        model = PressRelease
        fields = [
            "number", "title", "slug", "summary", "body", "spokesperson", "status", "publish_at",
            "lists", "withdrawn_reason",
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        release = self.instance
        was_public = release.pk and PressRelease.objects.published().filter(pk=release.pk).exists()
        changed = any(field in self.changed_data for field in releases.PUBLIC_FIELDS)
        if was_public and changed and not (cleaned.get("change_note") or "").strip():
            self.add_error(
                "change_note",
                "Thông cáo đã công bố: hãy ghi ngắn gọn nội dung đính chính để người đọc biết.",
            )
        if (
            cleaned.get("status") == ReleaseStatus.WITHDRAWN
            and not (cleaned.get("withdrawn_reason") or "").strip()
        ):
            self.add_error("withdrawn_reason", "Hãy ghi lý do gỡ thông cáo; lý do hiện công khai.")
        return cleaned


class ReleaseAttachmentInline(FileInline):
    model = ReleaseAttachment


class ReleaseCorrectionInline(admin.TabularInline):
    model = ReleaseCorrection
    extra = 0
    fields = ["created_at", "note", "created_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PressRelease)
class PressReleaseAdmin(SimpleHistoryAdmin):
    form = ReleaseAdminForm
    list_display = ["title", "number", "status", "published", "embargo_state", "distributed"]
    list_filter = ["status"]
    search_fields = ["title", "number", "summary"]
    date_hierarchy = "publish_at"
    filter_horizontal = ["lists"]
    inlines = [ReleaseAttachmentInline, ReleaseCorrectionInline]
    readonly_fields = ["private_links", "deliveries"]
    actions = ["send_to_new_contacts"]
    fieldsets = [
        (None, {"fields": ["number", "title", "slug", "summary", "body", "spokesperson"]}),
        (
            "Công bố",
            {"fields": ["status", "publish_at", "lists", "change_note", "withdrawn_reason"]},
        ),
        ("Đường dẫn riêng cho từng cơ quan báo chí (trước giờ công bố)", {
            "fields": ["private_links"], "classes": ["collapse"],
        }),
        ("Nhật ký gửi thư", {"fields": ["deliveries"]}),
    ]  # fmt: skip

    @admin.display(description="Công bố lúc", ordering="publish_at")
    def published(self, release: PressRelease) -> str:
        return format_datetime(release.publish_at)

    @admin.display(description="Tình trạng")
    def embargo_state(self, release: PressRelease) -> str:
        if release.is_under_embargo:
            return "Cấm đăng đến giờ công bố"
        if release.is_public:
            return "Đang công khai"
        return "—"

    @admin.display(description="Đã gửi thư lúc", ordering="distributed_at")
    def distributed(self, release: PressRelease) -> str:
        return format_datetime(release.distributed_at) if release.distributed_at else "—"

    @admin.display(description="Đường dẫn riêng")
    def private_links(self, release: PressRelease) -> str:
        if not release.pk:
            return "—"
        rows = [
            (outlet.name, release.get_private_url(outlet))
            for outlet in MediaOutlet.objects.filter(is_active=True)
        ]
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}: <code>{}</code></li>", rows)
        )

    @admin.display(description="Thư đã gửi cho từng người nhận")
    def deliveries(self, release: PressRelease) -> str:
        rows = [
            (d.organisation, d.name, d.email, *_delivery(d))
            for d in releases.delivery_log(release)
        ] if release.pk else []  # fmt: skip
        if not rows:
            return "Chưa gửi (thư được gửi tự động đúng giờ công bố)."
        return format_html(
            "<table><tr><th>Cơ quan</th><th>Người nhận</th><th>Thư điện tử</th>"
            "<th>Trạng thái</th><th>Gửi lúc</th></tr>{}</table>",
            format_html_join(
                "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows
            ),
        )

    def view_on_site(self, release: PressRelease) -> str | None:
        return release.get_absolute_url() if release.is_public else None

    def save_model(self, request, obj, form, change) -> None:
        note = form.cleaned_data.get("change_note", "")
        releases.release_save(release=obj, user=request.user, change_note=note)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        release = form.instance
        if release.is_public and release.distributed_at is None:
            # Approved with a time already past: send now rather than wait for beat.
            releases.release_distribute(release_id=release.pk)

    @admin.action(description="Gửi thư cho người nhận mới thêm vào danh sách", permissions=["change"])  # fmt: skip
    def send_to_new_contacts(self, request, queryset) -> None:
        sent = sum(
            releases.release_distribute(release_id=r.pk, resend=True)
            for r in queryset.filter(status=ReleaseStatus.APPROVED)
            if r.is_public
        )
        self.message_user(request, f"Đã gửi {sent} thư cho người nhận chưa nhận thông cáo.")


# --- briefings -----------------------------------------------------------------------------------


class BriefingMaterialInline(FileInline):
    model = BriefingMaterial


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["created_at", "name", "outlet", "email", "phone"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class BriefingAdminForm(forms.ModelForm):
    class Meta:
        model = PressBriefing
        fields = [
            "title", "slug", "wave", "starts_at", "ends_at", "location", "chair", "participants",
            "agenda", "lists", "capacity", "status_note", "outcome",
        ]  # fmt: skip

    def _post_clean(self):
        # The service's own checks (a past time for an announced briefing, ...) as form errors.
        super()._post_clean()
        try:
            briefings.briefing_validate(briefing=self.instance)
        except ValidationError as error:
            self._update_errors(error)


@admin.register(PressBriefing)
class PressBriefingAdmin(SimpleHistoryAdmin):
    form = BriefingAdminForm
    list_display = ["title", "wave", "starts", "status", "registered", "capacity"]
    list_filter = ["wave", "status"]
    filter_horizontal = ["lists"]
    inlines = [BriefingMaterialInline, RegistrationInline]
    readonly_fields = ["status", "sequence", "ics_link", "invitations"]
    actions = [
        "send_invitations", "postpone", "cancel", "mark_held", "export_registrations",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["title", "slug", "wave", "starts_at", "ends_at", "location"]}),
        ("Thành phần, nội dung", {"fields": ["chair", "participants", "agenda"]}),
        ("Mời, đăng ký", {
            "fields": ["lists", "capacity", "status", "status_note", "sequence", "ics_link"],
            "description": "Gửi giấy mời, tạm hoãn, hủy: chọn họp báo trong danh sách rồi chọn "
            "thao tác. Đổi thời gian, địa điểm sau khi đã mời thì thư báo thay đổi (kèm tệp lịch "
            "mới) được gửi tự động khi lưu. Tạm hoãn, hủy dùng ghi chú trạng thái làm lý do.",
        }),
        ("Sau họp báo", {"fields": ["outcome"]}),
        ("Nhật ký gửi thư", {"fields": ["invitations"], "classes": ["collapse"]}),
    ]  # fmt: skip

    @admin.display(description="Bắt đầu", ordering="starts_at")
    def starts(self, briefing: PressBriefing) -> str:
        return format_datetime(briefing.starts_at)

    @admin.display(description="Đã đăng ký")
    def registered(self, briefing: PressBriefing) -> int:
        return briefing.registrations.count()

    @admin.display(description="Tệp lịch (.ics)")
    def ics_link(self, briefing: PressBriefing) -> str:
        if not briefing.pk:
            return "—"
        return format_html('<a href="{}">Tải tệp lịch</a>', briefing.get_ics_url())

    @admin.display(description="Thư mời, thư báo thay đổi đã gửi")
    def invitations(self, briefing: PressBriefing) -> str:
        rows = [
            (i.subject, i.name, i.email, *_delivery(i))
            for i in invitations.invitation_log(briefing)
        ] if briefing.pk else []  # fmt: skip
        if not rows:
            return "Chưa gửi thư nào."
        return format_html(
            "<table><tr><th>Thư</th><th>Người nhận</th><th>Thư điện tử</th><th>Trạng thái</th>"
            "<th>Gửi lúc</th></tr>{}</table>",
            format_html_join(
                "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows
            ),
        )

    def save_model(self, request, obj, form, change) -> None:
        pass  # saved by briefings.briefing_save in save_related, which also announces changes

    def save_related(self, request, form, formsets, change) -> None:
        briefing = form.instance
        sent = briefings.briefing_save(briefing=briefing, user=request.user)
        super().save_related(request, form, formsets, change)
        if sent:
            self.message_user(
                request, f"Đã gửi thư báo thay đổi thời gian, địa điểm (kèm tệp lịch) cho {sent} "
                "người.",
            )  # fmt: skip

    def _each(self, request, queryset, action, done: str) -> None:
        total = 0
        for briefing in queryset:
            try:
                total += action(briefing) or 0
            except ValidationError as error:
                self.message_user(
                    request, f"{briefing.title}: {' '.join(error.messages)}", messages.ERROR
                )
        self.message_user(request, done.format(total=total))

    @admin.action(description="Gửi giấy mời (kèm tệp lịch)", permissions=["change"])
    def send_invitations(self, request, queryset) -> None:
        self._each(
            request, queryset,
            lambda b: briefings.briefing_invite(briefing=b, user=request.user),
            "Đã gửi {total} giấy mời.",
        )  # fmt: skip

    @admin.action(description="Tạm hoãn (lý do: ghi chú trạng thái)", permissions=["change"])
    def postpone(self, request, queryset) -> None:
        self._each(
            request, queryset,
            lambda b: briefings.briefing_postpone(briefing=b, user=request.user, note=b.status_note),
            "Đã tạm hoãn; đã gửi {total} thư báo.",
        )  # fmt: skip

    @admin.action(description="Hủy họp báo (lý do: ghi chú trạng thái)", permissions=["change"])
    def cancel(self, request, queryset) -> None:
        self._each(
            request, queryset,
            lambda b: briefings.briefing_cancel(briefing=b, user=request.user, note=b.status_note),
            "Đã hủy; đã gửi {total} thư báo hủy.",
        )  # fmt: skip

    @admin.action(description="Đánh dấu đã tổ chức", permissions=["change"])
    def mark_held(self, request, queryset) -> None:
        self._each(
            request, queryset,
            lambda b: briefings.briefing_mark_held(briefing=b, user=request.user) and 0,
            "Đã cập nhật trạng thái.",
        )  # fmt: skip

    @admin.action(description="Xuất danh sách phóng viên đăng ký (CSV)", permissions=["view"])
    def export_registrations(self, request, queryset) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="dang-ky-hop-bao.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 with a byte-order mark as Vietnamese text
        writer = csv.writer(response)
        writer.writerow(["Họp báo", "Bắt đầu", "Họ và tên", "Cơ quan", "Thư điện tử",
                         "Điện thoại", "Đăng ký lúc"])  # fmt: skip
        rows = Registration.objects.filter(briefing__in=queryset).select_related("briefing")
        for r in rows.order_by("briefing__starts_at", "created_at"):
            writer.writerow([
                r.briefing.title, format_datetime(r.briefing.starts_at), _cell(r.name),
                _cell(r.outlet), _cell(r.email), _cell(r.phone), format_datetime(r.created_at),
            ])  # fmt: skip
        return response


def _delivery(record) -> tuple[str, str]:
    """A recorded e-mail's state and time of sending, as the notifications outbox reports them."""
    state = record.delivery
    if state is None:
        return "—", "—"
    return state.label, format_datetime(state.sent_at) if state.sent_at else "—"


def _cell(value: str) -> str:
    """A spreadsheet must not run what a reporter typed as a formula (CSV injection)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@admin.register(MediaKitItem)
class MediaKitItemAdmin(admin.ModelAdmin):
    form = CheckedFileForm
    list_display = ["title", "description", "content_type", "size", "order", "is_published"]
    list_editable = ["order", "is_published"]
    fields = ["title", "description", "file", "order", "is_published"]
