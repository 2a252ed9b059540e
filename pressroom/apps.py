from django.apps import AppConfig


class PressroomConfig(AppConfig):
    name = "pressroom"
    verbose_name = "Báo chí"
    search_provider = "pressroom.search.provider"

    # The Office works with the press; the Testing division reads.
    role_permissions = {
        "Văn phòng Sở": [
            f"pressroom.{action}_{model}"
            for model in (
                "mediaoutlet", "presscontact", "distributionlist", "spokesperson",
                "pressrelease", "releasecorrection", "releaseattachment", "pressbriefing",
                "briefingmaterial", "registration", "mediakititem",
            )
            for action in ("add", "change", "view")
        ]
        + [
            f"pressroom.delete_{model}"
            for model in ("releaseattachment", "briefingmaterial", "registration", "mediakititem")
        ]
        + ["pressroom.view_historicalpressrelease", "pressroom.view_historicalpressbriefing"],
        "Phòng Khảo thí": ["pressroom.view_pressrelease", "pressroom.view_pressbriefing"],
    }  # fmt: skip

    # The events it raises, collected by notifications.events.
    notification_events = "pressroom.events.PressEvent"

    # Sections of /sitemap.xml, collected by camau_exam_portal.sitemaps.
    sitemaps = {
        "press-releases": "pressroom.sitemaps.PressReleaseSitemap",
        "press-briefings": "pressroom.sitemaps.PressBriefingSitemap",
    }
