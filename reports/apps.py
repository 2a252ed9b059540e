from django.apps import AppConfig

_MODELS = ("report", "reportversion", "disciplinecase", "incidentline", "sessionfollowup")


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Báo cáo điểm thi"

    # Reports are written by the sites in /diem-thi/ only; staff read them (admin and dashboard).
    role_permissions = {
        "Văn phòng Sở": [f"reports.view_{model}" for model in _MODELS],
        "Phòng Khảo thí": [f"reports.view_{model}" for model in _MODELS],
    }

    # The events it raises, collected by notifications.events.
    notification_events = "reports.events.ReportEvent"
