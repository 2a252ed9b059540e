"""Tell scripts/backup and scripts/restore what to copy, as the settings derive it.

The scripts must not guess: MEDIA_ROOT and PRIVATE_MEDIA_ROOT default to folders under VAR_DIR and
DATABASE_URL may come from DATABASE_URL_FILE, so only the settings know the real values. The
password never goes to standard output: with --pgpass-file it is written to a file only the
current user can read, for libpq (PGPASSFILE).
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections


def _pgpass_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


class Command(BaseCommand):
    help = (
        "Print KEY=value lines for the backup scripts: MEDIA_ROOT, PRIVATE_MEDIA_ROOT and the "
        "database's PGHOST, PGPORT, PGUSER, PGDATABASE (never the password)."
    )
    # Runs before a restore, when the database may be empty or of an older release.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--pgpass-file",
            help="Write the database password to this new file (mode 0600), in libpq's format.",
        )

    def handle(self, *args, **options):
        database = connections["default"].settings_dict
        if database["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError(
                "DATABASE_URL is not set: the backup scripts work on PostgreSQL only "
                "(the embedded SQLite default is a file under VAR_DIR)."
            )
        values = {
            "MEDIA_ROOT": Path(settings.MEDIA_ROOT).resolve(),
            "PRIVATE_MEDIA_ROOT": Path(settings.PRIVATE_MEDIA_ROOT).resolve(),
            "PGHOST": database.get("HOST") or "",
            "PGPORT": database.get("PORT") or "",
            "PGUSER": database.get("USER") or "",
            "PGDATABASE": database["NAME"],
            "PGSSLMODE": database.get("OPTIONS", {}).get("sslmode", ""),
        }
        for key, value in values.items():
            text = str(value)
            if "\n" in text or "\r" in text:
                raise CommandError(f"{key} contains a line break; the scripts cannot use it.")
            self.stdout.write(f"{key}={text}")
        if settings.MEDIA_STORAGE != "filesystem":
            # The folders are then empty: a set that looks whole must not be taken for one.
            self.stderr.write(
                f"note: MEDIA_STORAGE={settings.MEDIA_STORAGE}: uploaded files are in the object "
                "store, not in these folders; the set holds the database only. The store's own "
                "versioning and replication back the files up (docs/operations.md)."
            )

        if options["pgpass_file"]:
            password = database.get("PASSWORD") or ""
            line = "*:*:*:*:" + _pgpass_escape(password) + "\n"
            try:
                fd = os.open(options["pgpass_file"], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except OSError as exc:
                raise CommandError(f"Cannot create {options['pgpass_file']}: {exc}") from exc
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(line)
