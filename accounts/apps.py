from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Log-in, the second factor and its enrolment, security events, password rules."""

    name = "accounts"
    verbose_name = "Xác thực hai bước"

    def ready(self) -> None:
        from accounts import signals  # noqa: F401  (registers the device-deletion audit)
