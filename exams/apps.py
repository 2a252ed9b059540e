from django.apps import AppConfig
from django.db.models.signals import post_migrate

_EXAM_MODELS = ("exam", "round", "session", "paper", "examsite", "sitesession", "sitemembership")


def _perms(actions: tuple[str, ...]) -> list[str]:
    return [f"exams.{action}_{model}" for model in _EXAM_MODELS for action in actions]


class ExamsConfig(AppConfig):
    name = "exams"
    verbose_name = "Kỳ thi"

    # The Testing division runs the exam calendar, the sites and their accounts; the Office reads them.
    role_permissions = {
        "Phòng Khảo thí": _perms(("add", "change", "delete", "view")),
        "Văn phòng Sở": _perms(("view",)),
    }

    def ready(self) -> None:
        from exams.roles import sync_role_permissions

        post_migrate.connect(sync_role_permissions, dispatch_uid="exams.sync_role_permissions")
