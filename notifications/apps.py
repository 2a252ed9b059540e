from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Thông báo"

    # The Office keeps the list of recipients and watches the delivery log; Testing reads them.
    role_permissions = {
        "Văn phòng Sở": [
            "notifications.add_recipient",
            "notifications.change_recipient",
            "notifications.view_recipient",
            "notifications.add_subscription",
            "notifications.change_subscription",
            "notifications.delete_subscription",
            "notifications.view_subscription",
            "notifications.view_message",
            "notifications.change_message",
        ],
        "Phòng Khảo thí": [
            "notifications.view_recipient",
            "notifications.view_subscription",
            "notifications.view_message",
        ],
    }

    # Its own events (the digest); the other apps declare theirs on their AppConfig.
    notification_events = "notifications.events.NotificationEvent"

    def ready(self) -> None:
        from notifications import checks  # noqa: F401  (registers the checks)
