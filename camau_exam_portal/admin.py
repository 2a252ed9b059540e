from django.contrib import admin

from camau_exam_portal.models import SecurityEvent, SiteInfo
from camau_exam_portal.twofactor import needs_second_factor
from camau_exam_portal.vietnamese import format_datetime
from exams.roles import Role, has_role
from notifications.selectors import outbox_health


class PortalAdminSite(admin.AdminSite):
    site_header = "Quản trị Cổng thông tin Kỳ thi tốt nghiệp THPT"
    site_title = "Quản trị Cổng thông tin"
    index_title = "Bảng điều khiển"

    def has_permission(self, request) -> bool:
        user = request.user
        # As OTPAdminSite does, where a second factor is required (TwoFactorMiddleware sends such a
        # session to the code page before it gets here; this holds if the middleware is missing).
        if needs_second_factor(user):
            return False
        # Exam-site accounts use /diem-thi/ only, even if someone ticked "staff" by mistake.
        if super().has_permission(request) and not user.is_superuser:
            return not has_role(user, Role.SITE)
        return super().has_permission(request)

    def index(self, request, extra_context=None):
        # Staff who can read the delivery log see at once when notifications are stuck or failing.
        extra_context = extra_context or {}
        if request.user.has_perm("notifications.view_message"):
            extra_context["outbox_health"] = outbox_health()
        return super().index(request, extra_context)


# The one instance `admin.site` stands for (PortalAdminConfig.default_site). This module's models
# register on it directly: through the lazy `admin.site`, which imports this module while it is
# being built, they landed on a second instance that was then thrown away (SiteInfo was missing
# from admin).
portal_site = PortalAdminSite()


def default_site() -> PortalAdminSite:
    return portal_site


@admin.register(SiteInfo, site=portal_site)
class SiteInfoAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["agency_name", "parent_agency", "address", "phone", "email"]}),
        ("Người chịu trách nhiệm", {"fields": ["responsible_person", "responsible_title"]}),
        ("Đường dây nóng", {"fields": ["hotline_phone", "hotline_email", "hotline_hours"]}),
        ("Nhúng tin trên trang đối tác", {"fields": ["widget_partner_origins"]}),
    ]

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and not SiteInfo.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SecurityEvent, site=portal_site)
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
