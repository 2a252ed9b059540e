"""scripts/backup and scripts/restore: the round trip on a copy gives back every row and file.

Each test works on PostgreSQL databases of its own (backup_helper_*), created and dropped here,
and on its own VAR_DIR; the scripts run as the operator runs them, in a subprocess with the
environment of the portal they back up or restore.
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from core.storage import private_storage
from tests.services import require, require_postgres

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
PROJECT_APPS = ["news", "documents", "hotline", "pressroom", "reports", "exams", "notifications"]
# Tables that must hold rows after seeding, so "identical" cannot mean "both empty".
MUST_HAVE_ROWS = [
    ("auth", "User"),
    ("exams", "Exam"),
    ("news", "Article"),
    ("documents", "Document"),
    ("documents", "DocumentFile"),
    ("hotline", "Ticket"),
    ("hotline", "TicketAttachment"),
    ("pressroom", "PressRelease"),
    ("pressroom", "ReleaseAttachment"),
    ("pressroom", "MediaKitItem"),
    ("reports", "Report"),
    ("notifications", "Message"),
]
# seed_demo has no hotline attachment nor release attachment: add one of each, through the
# ticket service like the public form, so PRIVATE_MEDIA_ROOT has files of both kinds.
EXTRA_DATA = """
import hashlib
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from documents.demo import plan_pdf
from hotline.services import ticket_submit
from pressroom.models import PressRelease, ReleaseAttachment
pdf = plan_pdf()
ticket_submit(
    channel="web", category="hoi-dap", subject="Giấy báo dự thi", message="Xin xem tệp kèm.",
    name="Nguyễn Văn A", email="nguyen.van.a@example.org",
    files=[SimpleUploadedFile("giay-bao.pdf", pdf, content_type="application/pdf")],
)
item = ReleaseAttachment(
    release=PressRelease.objects.order_by("pk").first(), title="Phụ lục",
    original_name="phu-luc.pdf", content_type="application/pdf", size=len(pdf),
    sha256=hashlib.sha256(pdf).hexdigest(),
)
item.file.save("phu-luc.pdf", ContentFile(pdf), save=False)
item.save()
"""
# Whatever of these the test runner has must not reach the portals the scripts work on.
SCRUBBED_ENV = [
    "DATABASE_URL",
    "DATABASE_URL_FILE",
    "MEDIA_ROOT",
    "PRIVATE_MEDIA_ROOT",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "EMAIL_HOST",
    "BACKUP_GPG_RECIPIENT",
    "PGHOST",
    "PGPORT",
    "PGUSER",
    "PGPASSWORD",
    "PGDATABASE",
    "PGPASSFILE",
    "PGSERVICE",
]


# --- PostgreSQL ---------------------------------------------------------------------------------


def _connect(dbname: str):
    import psycopg2

    database = settings.DATABASES["default"]
    params = {"dbname": dbname}
    for key, name in [
        ("HOST", "host"),
        ("PORT", "port"),
        ("USER", "user"),
        ("PASSWORD", "password"),
    ]:
        if database.get(key):
            params[name] = database[key]
    connection = psycopg2.connect(**params)
    connection.autocommit = True
    return connection


def _database_url(name: str) -> str:
    database = settings.DATABASES["default"]
    user = quote(database.get("USER") or "", safe="")
    password = database.get("PASSWORD") or ""
    credentials = f"{user}:{quote(password, safe='')}" if password else user
    host = quote(database.get("HOST") or "localhost", safe="")
    port = database.get("PORT") or 5432
    return f"postgres://{credentials}@{host}:{port}/{name}"


def _create_database(prefix: str) -> str:
    from psycopg2 import sql

    name = f"backup_helper_{prefix}_{secrets.token_hex(4)}"
    connection = _connect("postgres")
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(
                    sql.Identifier(name)
                )
            )
    finally:
        connection.close()
    return name


def _drop_database(name: str) -> None:
    from psycopg2 import sql

    connection = _connect("postgres")
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
    finally:
        connection.close()


def _execute(name: str, statement: str) -> None:
    connection = _connect(name)
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


def _table_count(name: str) -> int:
    connection = _connect(name)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
            )
            return cursor.fetchone()[0]
    finally:
        connection.close()


@dataclass
class Snapshot:
    tables: dict[str, list[str]]  # table -> its rows as COPY text, sorted
    sequences: dict[str, tuple[int, bool]]


def _snapshot(name: str) -> Snapshot:
    """Every row of every table of the schema public, and where each sequence stands."""
    from psycopg2 import sql

    connection = _connect(name)
    tables: dict[str, list[str]] = {}
    sequences: dict[str, tuple[int, bool]] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
            for (table,) in cursor.fetchall():
                buffer = io.StringIO()
                cursor.copy_expert(
                    sql.SQL("COPY {} TO STDOUT").format(sql.Identifier(table)).as_string(cursor),
                    buffer,
                )
                tables[table] = sorted(buffer.getvalue().splitlines())
            cursor.execute(
                "SELECT sequence_name FROM information_schema.sequences "
                "WHERE sequence_schema = 'public'"
            )
            for (sequence,) in cursor.fetchall():
                cursor.execute(
                    sql.SQL("SELECT last_value, is_called FROM {}").format(sql.Identifier(sequence))
                )
                sequences[sequence] = cursor.fetchone()
    finally:
        connection.close()
    return Snapshot(tables=tables, sequences=sequences)


def _file_rows(name: str) -> list[tuple[str, str, str, str | None]]:
    """(table, root, file name, recorded SHA-256 or None) of every row that names a file."""
    from psycopg2 import sql

    found = []
    connection = _connect(name)
    try:
        with connection.cursor() as cursor:
            for label in PROJECT_APPS:
                for model in apps.get_app_config(label).get_models():
                    for field in model._meta.concrete_fields:
                        if not isinstance(field, models.FileField):
                            continue
                        root = "private" if field.storage is private_storage else "media"
                        table = model._meta.db_table
                        # An article's cover image records no checksum: it must only be there.
                        has_sha256 = any(f.name == "sha256" for f in model._meta.concrete_fields)
                        cursor.execute(
                            sql.SQL("SELECT {}, {} FROM {} WHERE {} <> ''").format(
                                sql.Identifier(field.column),
                                sql.Identifier("sha256") if has_sha256 else sql.SQL("NULL"),
                                sql.Identifier(table),
                                sql.Identifier(field.column),
                            )
                        )
                        found += [(table, root, file, digest) for file, digest in cursor.fetchall()]
    finally:
        connection.close()
    return found


# --- files and scripts --------------------------------------------------------------------------


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _run(args: list[str], *, database: str, var_dir: Path, extra_env=None):
    env = {key: value for key, value in os.environ.items() if key not in SCRUBBED_ENV}
    env.update(DEBUG="true", DATABASE_URL=_database_url(database), VAR_DIR=str(var_dir))
    env.update(extra_env or {})
    return subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def _ok(result) -> subprocess.CompletedProcess:
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def _python(*args: str) -> list[str]:
    return [str(ROOT / ".venv/bin/python"), "manage.py", *args]


@dataclass
class Portal:
    database: str
    var_dir: Path


@dataclass
class Source(Portal):
    backup_set: Path


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """A portal with the demo data and files, and one backup set of it."""
    require_postgres()
    require(shutil.which("pg_dump") is not None, "pg_dump is not installed (postgresql-client)")
    database = _create_database("src")
    try:
        var_dir = tmp_path_factory.mktemp("source-var")
        _ok(_run(_python("migrate", "--noinput"), database=database, var_dir=var_dir))
        _ok(_run(_python("seed_demo"), database=database, var_dir=var_dir))
        _ok(_run(_python("shell", "-c", EXTRA_DATA), database=database, var_dir=var_dir))
        target = tmp_path_factory.mktemp("backups")
        _ok(_run([str(ROOT / "scripts/backup"), str(target)], database=database, var_dir=var_dir))
        (backup_set,) = target.glob("camau-exam-*")
        yield Source(database=database, var_dir=var_dir, backup_set=backup_set)
    finally:
        _drop_database(database)


@pytest.fixture
def target(tmp_path):
    """An empty database and a VAR_DIR with nothing in it, to restore into."""
    database = _create_database("dst")
    try:
        yield Portal(database=database, var_dir=tmp_path / "var")
    finally:
        _drop_database(database)


def _restore(backup_set: Path, target: Portal, *options: str, extra_env=None):
    return _run(
        [str(ROOT / "scripts/restore"), *options, str(backup_set)],
        database=target.database,
        var_dir=target.var_dir,
        extra_env=extra_env,
    )


def _assert_identical(source: Portal, target: Portal) -> None:
    before, after = _snapshot(source.database), _snapshot(target.database)
    expected_tables = {
        model._meta.db_table
        for label in [*PROJECT_APPS, "auth"]
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }
    assert expected_tables <= set(before.tables)
    for app_label, model_name in MUST_HAVE_ROWS:
        table = apps.get_model(app_label, model_name)._meta.db_table
        assert before.tables[table], f"{table} has no row: the seed did not load it"
    assert sorted(after.tables) == sorted(before.tables)
    for table, rows in before.tables.items():
        assert after.tables[table] == rows, f"{table} differs after the restore"
    assert after.sequences == before.sequences

    for folder in ["media", "private"]:
        original = _hashes(source.var_dir / folder)
        assert original, f"{folder} of the source has no file"
        assert _hashes(target.var_dir / folder) == original, f"{folder} differs after the restore"

    restored = {folder: _hashes(target.var_dir / folder) for folder in ["media", "private"]}
    rows = _file_rows(target.database)
    assert {table for table, *_ in rows} >= {
        "documents_documentfile",
        "hotline_ticketattachment",
        "pressroom_releaseattachment",
        "pressroom_mediakititem",
    }
    for table, folder, name, digest in rows:
        assert name in restored[folder], f"{table}: {folder}/{name} is missing"
        if digest is not None:
            assert restored[folder][name] == digest, f"{table}: {folder}/{name} is not as recorded"


# --- the tests ----------------------------------------------------------------------------------


def test_restore_of_a_backup_on_a_copy_gives_back_every_row_and_file(source, target):
    result = _ok(_restore(source.backup_set, target))

    assert "restored" in result.stdout
    _assert_identical(source, target)
    assert sorted(path.name for path in source.backup_set.iterdir()) == [
        "SHA256SUMS",
        "backup-info.txt",
        "database.dump",
        "media.tar.gz",
        "private.tar.gz",
    ]


def test_backup_prints_no_password_and_restore_reads_it_from_the_settings(source, target):
    # The password reaches libpq through a 0600 file; a wrong one would make pg_dump fail.
    result = _ok(
        _run(
            [str(ROOT / "scripts/backup"), str(target.var_dir / "backups")],
            database=source.database,
            var_dir=source.var_dir,
        )
    )
    password = settings.DATABASES["default"].get("PASSWORD")
    if password:
        assert password not in result.stdout + result.stderr
    assert "postgres://" not in result.stdout + result.stderr
    (backup_set,) = (target.var_dir / "backups").glob("camau-exam-*")
    assert not list((target.var_dir / "backups").glob(".partial-*"))
    info = (backup_set / "backup-info.txt").read_text()
    assert "postgres://" not in info
    assert "hotline " in info  # the last migration of each app


def test_an_encrypted_backup_restores_with_the_secret_key(source, target, tmp_path):
    require(shutil.which("gpg") is not None, "gpg is not installed")
    gnupg_home = tmp_path / "gnupg"
    gnupg_home.mkdir(mode=0o700)
    gpg_env = {"GNUPGHOME": str(gnupg_home)}
    subprocess.run(
        ["gpg", "--batch", "--passphrase", "", "--quick-gen-key", "sao-luu@example.org"],
        env={**os.environ, **gpg_env},
        capture_output=True,
        check=True,
        timeout=120,
    )
    backups = tmp_path / "backups"
    _ok(
        _run(
            [str(ROOT / "scripts/backup"), str(backups)],
            database=source.database,
            var_dir=source.var_dir,
            extra_env={**gpg_env, "BACKUP_GPG_RECIPIENT": "sao-luu@example.org"},
        )
    )
    (backup_set,) = backups.glob("camau-exam-*")
    assert sorted(path.name for path in backup_set.iterdir()) == [
        "SHA256SUMS",
        "backup-info.txt",
        "database.dump.gpg",
        "media.tar.gz",
        "private.tar.gz.gpg",
    ]

    _ok(_restore(backup_set, target, extra_env=gpg_env))

    _assert_identical(source, target)


@pytest.mark.parametrize("archive", ["database.dump", "media.tar.gz", "private.tar.gz"])
def test_a_damaged_archive_is_refused_before_anything_is_written(source, target, tmp_path, archive):
    damaged = tmp_path / "damaged"
    shutil.copytree(source.backup_set, damaged)
    path = damaged / archive
    content = bytearray(path.read_bytes())
    content[len(content) // 2] ^= 0x01
    path.write_bytes(bytes(content))

    result = _restore(damaged, target)

    assert result.returncode != 0
    assert "damaged" in result.stderr
    assert f"{archive}: FAILED" in result.stderr
    assert _table_count(target.database) == 0
    assert not (target.var_dir / "media").exists()
    assert not (target.var_dir / "private").exists()


def test_restore_refuses_a_database_that_has_a_table(source, target):
    _execute(target.database, "CREATE TABLE kept (id integer)")

    result = _restore(source.backup_set, target)

    assert result.returncode != 0
    assert "has 1 tables" in result.stderr
    assert "nothing was restored" in result.stderr
    assert _table_count(target.database) == 1
    assert not (target.var_dir / "media").exists()


def test_restore_refuses_a_folder_that_has_files(source, target):
    (target.var_dir / "private").mkdir(parents=True)
    (target.var_dir / "private" / "old.pdf").write_bytes(b"%PDF-1.4 old")

    result = _restore(source.backup_set, target)

    assert result.returncode != 0
    assert "is not empty" in result.stderr
    assert _table_count(target.database) == 0
    assert _hashes(target.var_dir / "private") == {
        "old.pdf": hashlib.sha256(b"%PDF-1.4 old").hexdigest()
    }


def test_restore_with_force_replaces_the_database_and_moves_old_files_aside(source, target):
    _execute(target.database, "CREATE TABLE leftover (id integer)")
    (target.var_dir / "media").mkdir(parents=True)
    (target.var_dir / "media" / "old.txt").write_text("cũ")

    _ok(_restore(source.backup_set, target, "--force"))

    assert "leftover" not in _snapshot(target.database).tables
    (aside,) = target.var_dir.glob("media.before-restore-*")
    assert (aside / "old.txt").read_text() == "cũ"
    _assert_identical(source, target)
