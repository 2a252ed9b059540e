from django.contrib import admin

from core.vietnamese import format_date
from exams.models import Exam, ExamSite, Paper, Round, Session, SiteMembership, SiteSession


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0


@admin.register(Exam)
class ExamAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "start", "end", "is_current"]
    list_filter = ["is_current"]
    inlines = [RoundInline]

    @admin.display(description="Ngày bắt đầu", ordering="start_date")
    def start(self, obj: Exam) -> str:
        return format_date(obj.start_date)

    @admin.display(description="Ngày kết thúc", ordering="end_date")
    def end(self, obj: Exam) -> str:
        return format_date(obj.end_date)


class PaperInline(admin.TabularInline):
    model = Paper
    extra = 0


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "day", "period", "kind", "start_time", "duration_minutes", "deadline"]
    list_filter = ["round__exam", "round", "kind", "period"]
    list_select_related = ["round__exam"]
    inlines = [PaperInline]
    date_hierarchy = "date"

    @admin.display(description="Ngày", ordering="date")
    def day(self, obj: Session) -> str:
        return f"{obj.weekday}, {format_date(obj.date)}"

    @admin.display(description="Hạn báo cáo nhanh")
    def deadline(self, obj: Session) -> str:
        return obj.report_deadline.strftime("%H:%M")


class SiteMembershipInline(admin.TabularInline):
    model = SiteMembership
    extra = 0
    autocomplete_fields = ["user"]


class SiteSessionInline(admin.TabularInline):
    model = SiteSession
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "session":
            kwargs["queryset"] = Session.objects.select_related("round__exam")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(ExamSite)
class ExamSiteAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "district", "is_reserve", "exam"]
    list_filter = ["exam", "district", "is_reserve"]
    search_fields = ["code", "name", "address", "schools"]
    inlines = [SiteMembershipInline, SiteSessionInline]


@admin.register(SiteMembership)
class SiteMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "site", "role"]
    list_filter = ["site__exam", "role"]
    list_select_related = ["user", "site"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "site__code"]
    autocomplete_fields = ["user", "site"]
