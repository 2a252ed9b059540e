from django.apps import AppConfig


class HotlineConfig(AppConfig):
    name = "hotline"
    verbose_name = "Đường dây nóng và hỏi đáp"
    search_provider = "hotline.search.provider"

    # The Office runs the hotline and the Q&A column; the Testing division reads and answers
    # tickets (most questions are about the exam's rules).
    role_permissions = {
        "Văn phòng Sở": [
            f"hotline.{action}_{model}"
            for model in (
                "hotlineline",
                "ticket",
                "ticketentry",
                "ticketattachment",
                "qaentry",
                "inboundemail",
            )
            for action in ("add", "change", "view")
        ]
        + [
            "hotline.delete_hotlineline",
            "hotline.view_historicalticket",
            "hotline.view_historicalqaentry",
        ],
        "Phòng Khảo thí": [
            "hotline.view_ticket",
            "hotline.change_ticket",
            "hotline.view_ticketentry",
            "hotline.add_ticketentry",
            "hotline.view_ticketattachment",
            "hotline.view_qaentry",
            "hotline.add_qaentry",
            "hotline.change_qaentry",
        ],
    }

    # The events it raises, collected by notifications.events.
    notification_events = "hotline.events.HotlineEvent"

    # Sections of /sitemap.xml, collected by camau_exam_portal.sitemaps.
    sitemaps = {"hotline-qa": "hotline.sitemaps.QAEntrySitemap"}

    def ready(self) -> None:
        from hotline import signals  # noqa: F401  (registers the cache invalidation)
