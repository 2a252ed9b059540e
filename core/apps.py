from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Building blocks every app may use and that know no app of the portal."""

    name = "core"
    verbose_name = "Cổng thông tin"

    # The Office keeps the agency's details in the footer up to date.
    role_permissions = {
        "Văn phòng Sở": ["core.view_siteinfo", "core.change_siteinfo"],
    }

    def ready(self) -> None:
        from core import checks, signals  # noqa: F401  (registers checks, signals)
