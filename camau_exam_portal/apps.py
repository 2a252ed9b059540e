from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PortalConfig(AppConfig):
    """The site shell: settings, URLs, the admin site, home, calendar, search page and sitemaps.

    It owns no model any more; it stays an installed app for its migrations (which created the
    tables that core.SiteInfo and accounts.SecurityEvent still use) and the seed_demo command.
    """

    name = "camau_exam_portal"
    verbose_name = "Cổng thông tin"


class PortalAdminConfig(AdminConfig):
    default_site = "camau_exam_portal.admin.default_site"
