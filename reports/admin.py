"""Site reports in admin: read only, for everyone, superusers included.

Reports are written by the exam sites in /diem-thi/ and never changed afterwards (an amendment is a
new version sent by the site), so admin offers no add, change or delete: the Office and the Testing
division read each report, its versions as they were sent, and each version's case and incident
lines. What the worker did after each session (SessionFollowUp) is shown the same way.
"""

from __future__ import annotations

import re

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from core.vietnamese import format_count, format_datetime
from reports.models import (
    CANDIDATE_FIGURES,
    DISCIPLINE_FIGURES,
    PAPER_FIGURES,
    STAFF_FIGURES,
    DisciplineCase,
    IncidentLine,
    Report,
    ReportKind,
    ReportVersion,
    SessionFollowUp,
)

RECEIPT = re.compile(r"^BC-\d{4}-0*(\d+)$", re.IGNORECASE)


class ReadOnly:
    """Nobody adds, changes or deletes these rows in admin; a role with the view permission
    reads them."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def key_figures(version: ReportVersion) -> str:
    """The few figures that say what a version reported, on one line."""
    parts = []
    if version.registered is not None:
        parts.append(
            f"đăng ký {format_count(version.registered)}, có mặt {format_count(version.present)}, "
            f"vắng {format_count(version.absent)}"
        )
    if version.discipline_total:
        parts.append(
            f"khiển trách {version.reprimands}, cảnh cáo {version.warnings}, "
            f"đình chỉ thi {version.suspensions}"
        )
    if version.severity:
        parts.append(f"mức độ: {version.get_severity_display().lower()}")
    if version.title:
        parts.append(version.title)
    return "; ".join(parts) or "—"


class ReportVersionInline(ReadOnly, admin.TabularInline):
    model = ReportVersion
    fk_name = "report"
    extra = 0
    can_delete = False
    # The link opens the version with its case and incident lines.
    show_change_link = True
    fields = [
        "number",
        "receipt",
        "submitted",
        "submitted_by",
        "sender",
        "is_late",
        "amendment_reason",
        "figures",
    ]
    readonly_fields = fields
    ordering = ["number"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("submitted_by")

    @admin.display(description="Biên nhận")
    def receipt(self, obj: ReportVersion) -> str:
        return obj.receipt_number

    @admin.display(description="Gửi lúc")
    def submitted(self, obj: ReportVersion) -> str:
        return format_datetime(obj.submitted_at)

    @admin.display(description="Người gửi")
    def sender(self, obj: ReportVersion) -> str:
        return f"{obj.sender_name} — {obj.sender_phone}"

    @admin.display(description="Số liệu chính")
    def figures(self, obj: ReportVersion) -> str:
        return key_figures(obj)


@admin.register(Report)
class ReportAdmin(ReadOnly, admin.ModelAdmin):
    list_display = [
        "site",
        "kind",
        "subject",
        "first_submitted",
        "is_late",
        "amended",
        "version_count",
    ]
    list_filter = ["kind", "is_late", "session", "site"]
    list_select_related = ["site", "session"]
    search_fields = ["site__code", "site__name"]
    date_hierarchy = "first_submitted_at"
    fields = [
        "site",
        "kind",
        "session",
        "report_date",
        "first_submitted_at",
        "is_late",
        "version_count",
        "latest",
    ]
    readonly_fields = fields
    inlines = [ReportVersionInline]

    @admin.display(description="Buổi thi, ngày")
    def subject(self, obj: Report) -> str:
        return obj.subject_label or "—"

    @admin.display(description="Gửi lần đầu lúc", ordering="first_submitted_at")
    def first_submitted(self, obj: Report) -> str:
        return format_datetime(obj.first_submitted_at)

    @admin.display(description="Đã đính chính", boolean=True, ordering="version_count")
    def amended(self, obj: Report) -> bool:
        return obj.is_amended


class DisciplineCaseInline(ReadOnly, admin.TabularInline):
    model = DisciplineCase
    extra = 0
    can_delete = False
    fields = ["candidate_number", "room", "form", "description", "record_number"]
    readonly_fields = fields


class IncidentLineInline(ReadOnly, admin.TabularInline):
    model = IncidentLine
    extra = 0
    can_delete = False
    fields = ["category", "severity", "description", "action_taken"]
    readonly_fields = fields


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnly, admin.ModelAdmin):
    """One version as it was sent, with its lines. Reached from its report's page."""

    list_display = ["receipt", "report", "number", "submitted", "submitted_by", "is_late"]
    list_filter = ["report__kind", "is_late", "report__session", "report__site"]
    list_select_related = ["report__site", "report__session", "submitted_by"]
    search_fields = ["report__site__code", "report__site__name", "sender_name"]
    search_help_text = "Mã, tên điểm thi, người gửi hoặc số biên nhận (BC-2020-000123)."
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "report",
                    "number",
                    "receipt",
                    "submitted_at",
                    "submitted_by",
                    "is_late",
                    "amendment_reason",
                    "sender_name",
                    "sender_phone",
                ]
            },
        ),
        (
            "Thí sinh",
            {"fields": CANDIDATE_FIGURES},
        ),
        ("Kỷ luật thí sinh", {"fields": DISCIPLINE_FIGURES}),
        (
            "Cán bộ",
            {"fields": [*STAFF_FIGURES, "staff_notes"]},
        ),
        (
            "Đề thi",
            {"fields": ["seals_intact", *PAPER_FIGURES, "papers_notes"]},
        ),
        (
            "Sự việc, nội dung, đề xuất",
            {
                "fields": [
                    "incident_category",
                    "severity",
                    "title",
                    "body",
                    "action_taken",
                    "proposals",
                ]
            },
        ),
    ]
    readonly_fields = [name for _title, options in fieldsets for name in options["fields"]]
    inlines = [DisciplineCaseInline, IncidentLineInline]

    def get_fieldsets(self, request, obj=None):
        # A quick report's figures mean nothing on an urgent report, and the other way round.
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        hidden = (
            {"Thí sinh", "Kỷ luật thí sinh", "Cán bộ", "Đề thi"}
            if obj.report.kind == ReportKind.URGENT
            else set()
        )
        return [(title, options) for title, options in fieldsets if title not in hidden]

    def get_search_results(self, request, queryset, search_term):
        found = RECEIPT.match(search_term.strip())
        if found:
            return queryset.filter(pk=int(found.group(1))), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description="Biên nhận", ordering="pk")
    def receipt(self, obj: ReportVersion) -> str:
        return obj.receipt_number

    @admin.display(description="Gửi lúc", ordering="submitted_at")
    def submitted(self, obj: ReportVersion) -> str:
        return format_datetime(obj.submitted_at)


@admin.register(SessionFollowUp)
class SessionFollowUpAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["session", "missing_notified", "article", "article_drafted"]
    list_select_related = ["session"]
    fields = ["session", "missing_notified", "article", "article_drafted"]
    readonly_fields = fields

    @admin.display(description="Đã nhắc điểm thi chưa gửi lúc", ordering="missing_notified_at")
    def missing_notified(self, obj: SessionFollowUp) -> str:
        return format_datetime(obj.missing_notified_at) if obj.missing_notified_at else "—"

    @admin.display(description="Bài viết nháp")
    def article(self, obj: SessionFollowUp) -> str:
        if obj.article_id is None:
            return "—"
        try:
            url = reverse("admin:news_article_change", args=[obj.article_id])
        except NoReverseMatch:
            return f"#{obj.article_id}"
        return format_html('<a href="{}">Bài viết #{}</a>', url, obj.article_id)

    @admin.display(description="Chuẩn bị bài viết lúc", ordering="article_drafted_at")
    def article_drafted(self, obj: SessionFollowUp) -> str:
        return format_datetime(obj.article_drafted_at) if obj.article_drafted_at else "—"
