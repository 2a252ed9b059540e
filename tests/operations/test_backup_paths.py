import io
import stat

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from core.management.commands.backup_paths import _pgpass_escape
from tests.services import require_postgres


def _lines(**options) -> dict[str, str]:
    out = io.StringIO()
    call_command("backup_paths", stdout=out, **options)
    return dict(line.split("=", 1) for line in out.getvalue().splitlines())


def test_backup_paths_names_the_folders_the_settings_derive_and_never_the_password(
    settings, tmp_path
):
    require_postgres()
    pgpass = tmp_path / "pgpass"

    values = _lines(pgpass_file=str(pgpass))

    assert values["MEDIA_ROOT"] == str(settings.MEDIA_ROOT.resolve())
    assert values["PRIVATE_MEDIA_ROOT"] == str(settings.PRIVATE_MEDIA_ROOT.resolve())
    assert values["PGDATABASE"] == connection.settings_dict["NAME"]
    assert set(values) == {
        "MEDIA_ROOT",
        "PRIVATE_MEDIA_ROOT",
        "PGHOST",
        "PGPORT",
        "PGUSER",
        "PGDATABASE",
        "PGSSLMODE",
    }
    assert stat.S_IMODE(pgpass.stat().st_mode) == 0o600
    password = connection.settings_dict.get("PASSWORD") or ""
    assert pgpass.read_text() == f"*:*:*:*:{_pgpass_escape(password)}\n"
    # The password is in the owner-only file and nowhere else (a user name that happens to be
    # the same word, as in CI's postgres:postgres, is printed as the user name it is).
    assert not any("PASS" in key for key in values)
    if password:
        shown = [value for key, value in values.items() if key != "PGUSER"]
        assert all(password not in value for value in shown)


def test_a_password_is_escaped_for_libpq():
    assert _pgpass_escape("a:b\\c") == "a\\:b\\\\c"


def test_backup_paths_never_overwrites_an_existing_file(tmp_path):
    require_postgres()
    existing = tmp_path / "pgpass"
    existing.write_text("kept")

    with pytest.raises(CommandError, match="Cannot create"):
        _lines(pgpass_file=str(existing))

    assert existing.read_text() == "kept"


def test_backup_paths_refuses_the_embedded_sqlite_default():
    if connection.vendor == "postgresql":
        pytest.skip("this run uses PostgreSQL")
    with pytest.raises(CommandError, match="PostgreSQL only"):
        _lines()
