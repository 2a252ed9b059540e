"""Fixtures every folder shares, and how the suite runs on several processes (pytest-xdist).

Past 500 lines on purpose: pytest reads one root conftest, and splitting it into plugins would
hide from a test writer where a shared fixture comes from.

`make test` runs the suite on `-n auto` workers (see pytest_xdist_make_scheduler below):

- the browser tests and the tests that run a Celery worker against deadlines (tests/e2e and
  tests/integration) are one group, which one worker runs in order while the others share the
  rest; it is the largest group, so xdist hands it out first; a module whose tests share a setup
  made once per module (the demo data, a backup set) is one unit too, so that it is made once;
- each worker has its own test database (pytest-django names it test_<name>_gw0, _gw1...) and its
  own Redis database (below), so that no worker empties another's cache;
- a transactional test empties every table when it ends; the rows the migrations made (categories,
  issuing bodies, roles...) are put back before the next test that expects them, so a worker may
  run transactional and ordinary tests in any order;
- outside CI the test database is kept between runs (`--reuse-db`) with a copy of those rows
  under VAR_DIR; it is made afresh whenever a migration changes.
"""

import functools
import hashlib
import os
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from exams.roles import Role
from tests import factories

ROOT = Path(__file__).resolve().parents[1]

# --- parallel runs -------------------------------------------------------------------------------

# Tests that start a server stack, a browser or Celery workers and wait for them within deadlines:
# one worker runs them in turn, so that two stacks never compete for the cores and one Chromium
# serves every browser test. (tests/operations runs pg_dump and restores into databases of its
# own, without deadlines: it is shared out like the rest, and so is the group's length.) Paths as
# in node ids, from the rootdir.
PROCESS_GROUP = "processes"
_PROCESS_TESTS = ("tests/e2e/", "tests/integration/")

# Cache databases are 0-12: 13-15 are the brokers of the browser tests' stack (tests/e2e) and of
# the benchmarks.
_REDIS_DATABASES = 13


def _worker_index(config) -> int | None:
    """0 for gw0, 1 for gw1...; None outside pytest-xdist (or in its controller)."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is None:
        return None
    return int(workerinput["workerid"].removeprefix("gw"))


def pytest_configure(config):
    index = _worker_index(config)
    if index:
        _own_redis_database(index)


def _own_redis_database(index: int) -> None:
    """Worker N uses Redis database (configured + N): cache.clear() flushes a whole database."""
    import urllib.parse

    from django.conf import settings

    if not settings.REDIS_URL:
        return
    parts = urllib.parse.urlsplit(settings.REDIS_URL)
    number = (int(parts.path.strip("/") or 0) + index) % _REDIS_DATABASES
    url = urllib.parse.urlunsplit(parts._replace(path=f"/{number}"))
    # Before any cache connection or Celery producer exists: nothing holds the old address yet.
    if settings.CELERY_BROKER_URL == settings.REDIS_URL:
        settings.CELERY_BROKER_URL = url
    for cache in settings.CACHES.values():
        if cache.get("LOCATION") == settings.REDIS_URL:
            cache["LOCATION"] = url
    settings.REDIS_URL = url
    os.environ["REDIS_URL"] = url  # processes the tests start inherit it


def in_process_group(nodeid: str) -> bool:
    path = nodeid.split("::", 1)[0]
    return any(path == name or path.startswith(name) for name in _PROCESS_TESTS)


@functools.cache
def shares_module_setup(path: str) -> bool:
    """Whether the tests of this module share a setup made once per module (a fixture of scope
    "module", or tests/conftest.py's `seeded`): one worker runs them all, so it is made once."""
    try:
        text = (ROOT / path).read_text()
    except OSError:
        return False
    return 'scope="module"' in text or re.search(r"def test_\w+\([^)]*\bseeded\b", text) is not None


def unit_of_work(nodeid: str) -> str:
    """The process group, a module whose tests share their setup, or else the test alone."""
    if in_process_group(nodeid):
        return PROCESS_GROUP
    path = nodeid.split("::", 1)[0]
    return path if shares_module_setup(path) else nodeid


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """`-n N`: each test is a unit of work, except the process tests, which are one unit, and the
    tests of a module that share a setup made once per module.

    xdist's own `--dist loadgroup` marks groups by renaming node ids, which pytest 9 no longer
    allows; a scheduler that reads the group from the node id needs no renaming. Like loadgroup,
    it hands out the largest units first, so that the longest sequences start at once."""
    if config.getvalue("dist") not in ("load", "loadgroup"):
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ProcessGroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit_of_work(nodeid)

    return ProcessGroupScheduling(config, log)


# --- the test database: rows of the migrations, kept between runs ---------------------------------


class _MigratedRows:
    """The rows the migrations wrote, and whether a transactional test has emptied them since."""

    rows: str | None = None
    emptied = False


def _migrations_digest() -> str:
    """Changes whenever a migration file of any installed app is added, edited or removed."""
    from django.apps import apps

    digest = hashlib.sha256()
    for config in apps.get_app_configs():
        for path in sorted(Path(config.path, "migrations").glob("*.py")):
            digest.update(f"{config.label}/{path.name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _test_database_name() -> str:
    """The name the test database will have, before it is set up."""
    from django.db import connection

    return connection.creation._get_test_db_name()


def _saved_rows_path() -> Path:
    from django.conf import settings

    return Path(settings.VAR_DIR) / "test-databases" / f"{Path(_test_database_name()).name}.json"


@pytest.fixture(scope="session")
def django_db_createdb(request, django_db_keepdb, django_db_modify_db_settings):
    """Make the test database afresh unless a kept one comes with the rows of these migrations."""
    import json

    create = request.config.getvalue("create_db")
    if django_db_keepdb and not create:
        try:
            saved = json.loads(_saved_rows_path().read_text())
        except (OSError, ValueError):
            saved = {}
        create = saved.get("migrations") != _migrations_digest()
    if create or not django_db_keepdb:
        _forget_sqlite_journal()
    return create


def _forget_sqlite_journal() -> None:
    """Django deletes an old SQLite test file but not its write-ahead log: a log left by a killed
    process would be replayed into the new file ("table ... already exists", "disk I/O error")."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    name = _test_database_name()
    if connection.creation.is_in_memory_db(name):
        return
    for suffix in ("-wal", "-shm"):
        Path(name + suffix).unlink(missing_ok=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_keepdb, django_db_createdb):
    """Keep the migrations' rows; a kept database gets them back as they were after migrating."""
    import json

    path = _saved_rows_path()
    _flush_by_deleting()
    with django_db_blocker.unblock():
        if django_db_keepdb and not django_db_createdb:
            _MigratedRows.rows = json.loads(path.read_text())["rows"]
            _restore_migrated_rows()  # the last run may have ended on a transactional test
        else:
            from django.db import connection

            _MigratedRows.rows = connection.creation.serialize_db_to_string()
            if django_db_keepdb:
                path.parent.mkdir(parents=True, exist_ok=True)
                saved = {"migrations": _migrations_digest(), "rows": _MigratedRows.rows}
                path.write_text(json.dumps(saved))
    yield


def _flush_by_deleting() -> None:
    """On PostgreSQL a transactional test's flush deletes the rows instead of truncating the tables.

    TRUNCATE makes new files for each of the 70 tables and their indexes: 0.5 s on an idle machine,
    2 s on a busy one, after every transactional test; DELETE of their few rows takes 10 ms. The
    tables end as empty either way (every foreign key is DEFERRABLE INITIALLY DEFERRED, so the
    order of the deletes does not matter), and sequences restart where the test asked for it."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    ops = connection.ops

    def sql_flush(style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables:
            return []
        statements = ["SET CONSTRAINTS ALL DEFERRED;"]
        # Table names come from introspection, quoted.
        statements += [f"DELETE FROM {ops.quote_name(table)};" for table in tables]  # noqa: S608
        if reset_sequences:
            sequences = [
                sequence
                for sequence in connection.introspection.sequence_list()
                if sequence["table"] in tables
            ]
            statements += ops.sequence_reset_by_name_sql(style, sequences)
        return statements

    ops.sql_flush = sql_flush


def _restore_migrated_rows() -> None:
    """Empty every table and write the migrations' rows back, with their ids."""
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection

    call_command(
        "flush", verbosity=0, interactive=False, inhibit_post_migrate=True, allow_cascade=False
    )
    connection.creation.deserialize_db_from_string(_MigratedRows.rows)
    from django.apps import apps

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    _MigratedRows.emptied = False


def _database_use(item) -> str | None:
    """ "transactional", "atomic" or None, as pytest-django will set the test up."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    if marker is not None:
        from pytest_django.fixtures import validate_django_db

        transaction, reset_sequences, *_rest = validate_django_db(marker)
        if transaction or reset_sequences:
            return "transactional"
    transactional = {"transactional_db", "live_server", "django_db_reset_sequences"}
    if transactional.intersection(fixtures):
        return "transactional"
    if marker is not None or "db" in fixtures:
        return "atomic"
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if _MigratedRows.emptied and _database_use(item) == "atomic":
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _restore_migrated_rows()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)
    finally:
        # Its flush emptied every table (rows is set once this process set the database up).
        if _MigratedRows.rows is not None and _database_use(item) == "transactional":
            _MigratedRows.emptied = True


# --- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Uploaded files of a test go to its own folders, never to var/media or var/private."""
    from django.utils.functional import empty

    from core.storage import private_storage

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    private_storage._wrapped = empty
    yield
    private_storage._wrapped = empty


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests log in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with no cached page and no rate count, in the cache or in this process."""
    from django.core.cache import cache

    from core import pagecache, ratelimit

    def forget() -> None:
        cache.clear()
        pagecache._memo["until"] = 0.0
        pagecache._breaker["until"] = 0.0
        pagecache.local_copies.clear()
        ratelimit._local.clear()

    forget()
    yield
    forget()


@pytest.fixture(autouse=True)
def _numbered_from_one():
    """Rows of the numbered factories count from 1 in each test, whatever ran before it."""
    for numbered in factories.NUMBERED:
        numbered.reset_sequence(1)


def _user(username: str, *, role: str | None = None, **extra):
    user = get_user_model().objects.create_user(
        username=username, password="mat-khau-thu-nghiem", email=f"{username}@example.org", **extra
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def exam(db):
    return factories.ExamFactory()


@pytest.fixture
def site_a(exam):
    return factories.ExamSiteFactory(exam=exam, code="C01", name="Điểm thi A")


@pytest.fixture
def site_b(exam):
    return factories.ExamSiteFactory(exam=exam, code="C02", name="Điểm thi B")


@pytest.fixture
def personas(db, site_a, site_b):
    """The authorisation matrix of CONVENTIONS.md: one user per role, two site users."""
    site_a_user = _user("diemthi-a", role=Role.SITE)
    site_b_user = _user("diemthi-b", role=Role.SITE)
    site_a.memberships.create(user=site_a_user)
    site_b.memberships.create(user=site_b_user)
    return {
        "anonymous": None,
        "office": _user("vanphong", role=Role.OFFICE, is_staff=True),
        "testing": _user("khaothi", role=Role.TESTING, is_staff=True),
        "steering": _user("banchidao", role=Role.STEERING),
        "site_a": site_a_user,
        "site_b": site_b_user,
    }


@pytest.fixture
def make_document(db):
    """make_document("1423/KH-SGDĐT", body="UBND", **fields): tests.factories.DocumentFactory,
    the issuing body given by its abbreviation (one of the data migration's)."""
    from documents.models import IssuingBody

    def make(symbol: str | None = None, *, body: str = "SGDĐT", **fields):
        if symbol is not None:
            fields["number_symbol"] = symbol
        fields.setdefault("issuing_body", IssuingBody.objects.get(abbreviation=body))
        return factories.DocumentFactory(**fields)

    return make


@pytest.fixture
def count_queries(client):
    """Number of queries one GET makes, with an empty cache (no cached page, no cached site info).

    A first request creates the rows made once on first use (the agency's details).
    """
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(path: str, **extra) -> int:
        client.get(path, **extra)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, **extra)
        assert response.status_code == 200, response.content[:500]
        return len(queries)

    return count


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """seed_demo's rows, loaded once for the module that asks, inside an outer transaction that is
    rolled back after its last test; each test's own transaction is a savepoint within it (as with
    Django's TestCase.setUpTestData), so what a test changes is undone before the next. Its files
    go to a folder of its own. Returns what the command printed."""
    import io

    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings
    from django.utils.functional import empty

    from core.storage import private_storage

    folder = tmp_path_factory.mktemp("demo")
    files = override_settings(
        DEBUG=True,  # seed_demo refuses to run without it (its accounts have sample passwords)
        MEDIA_ROOT=folder / "media",
        PRIVATE_MEDIA_ROOT=folder / "private",
        STORAGES={
            **settings.STORAGES,
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": folder / "private", "base_url": None},
            },
        },
    )
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
    try:
        out = io.StringIO()
        with django_db_blocker.unblock(), files:
            private_storage._wrapped = empty
            try:
                call_command("seed_demo", stdout=out)
            finally:
                private_storage._wrapped = empty
        yield out.getvalue()
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def seeded(db, settings, _demo_loaded):
    """The demo data (manage.py seed_demo), loaded once per module; DEBUG on, as seed_demo needs
    to run again in a test. What the command printed."""
    settings.DEBUG = True
    return _demo_loaded


class FilesystemBroker:
    """Kombu's filesystem transport in a folder of the test's own: what was enqueued, and where."""

    def __init__(self, folder):
        self.folder = folder

    def published(self) -> list[tuple[str, str, tuple]]:
        """(task name, queue, args) of every message published, oldest first."""
        import ast
        import json

        found = []
        for path in sorted(self.folder.glob("*.msg")):
            payload = json.loads(path.read_bytes())
            queue = path.name.split(".")[1]
            headers = payload["headers"]
            found.append((headers["task"], queue, ast.literal_eval(headers["argsrepr"])))
        return found

    def message_ids(self, task: str = "notifications.tasks.deliver_message") -> list[int]:
        return [args[0] for name, _queue, args in self.published() if name == task]


@pytest.fixture
def filesystem_broker(settings, tmp_path):
    """Point the Celery app at a private filesystem broker (no worker reads it)."""
    from camau_exam_portal.celery import app

    folder = tmp_path / "broker"
    folder.mkdir()
    options = {
        "data_folder_in": str(folder),
        "data_folder_out": str(folder),
        "control_folder": str(tmp_path / "broker-control"),
    }
    saved = (app.conf.broker_url, app.conf.broker_transport_options)
    _switch_broker(app, "filesystem://", options)
    try:
        yield FilesystemBroker(folder)
    finally:
        _switch_broker(app, *saved)


def _switch_broker(app, url, options) -> None:
    """Re-point the Celery app's producer at another broker (connection and producer pools)."""
    app.conf.broker_url = url
    app.conf.broker_transport_options = options
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
