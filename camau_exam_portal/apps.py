from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PortalConfig(AppConfig):
    name = "camau_exam_portal"
    verbose_name = "Cổng thông tin"

    # The Office keeps the agency's details in the footer up to date.
    role_permissions = {
        "Văn phòng Sở": ["camau_exam_portal.view_siteinfo", "camau_exam_portal.change_siteinfo"],
    }

    def ready(self) -> None:
        from camau_exam_portal import checks, signals  # noqa: F401  (registers checks, signals)


class PortalAdminConfig(AdminConfig):
    default_site = "camau_exam_portal.admin.default_site"
