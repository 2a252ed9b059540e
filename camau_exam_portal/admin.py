from django.contrib import admin

from accounts.policy import needs_second_factor
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


# The one instance `admin.site` stands for (PortalAdminConfig.default_site). Nothing registers in
# this module: through the lazy `admin.site`, which imports this module while it is being built,
# models landed on a second instance that was then thrown away (SiteInfo was once missing from
# admin). Each app registers in its own admin.py, which autodiscovery imports afterwards.
portal_site = PortalAdminSite()


def default_site() -> PortalAdminSite:
    return portal_site
