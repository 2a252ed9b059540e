"""System checks that make a misconfigured production start fail loudly (`check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def embedded_services_in_production(app_configs, **kwargs):
    problems = []
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        problems.append(
            Warning(
                "Celery uses the filesystem broker of the embedded default.",
                hint="Set REDIS_URL so that notifications go through Redis in production.",
                id="portal.W001",
            )
        )
    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        problems.append(
            Warning(
                "E-mail is written to files under var/mail/ instead of being sent.",
                hint="Set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, ...) to send mail over SMTP.",
                id="portal.W002",
            )
        )
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        problems.append(
            Warning(
                "The database is the SQLite file of the embedded default.",
                hint="Set DATABASE_URL to a PostgreSQL database.",
                id="portal.W003",
            )
        )
    return problems
