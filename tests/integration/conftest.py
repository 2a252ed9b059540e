"""Real parts for integration tests: an SMTP sink on loopback, a Celery worker subprocess, Redis.

The worker is `celery worker` started from the virtualenv in a process group of its own, with the
environment a deployment would give it; it shares the test database with this process, so the
tests that use it need committed rows (`transactional_db`, which the worker fixture requests).

- `smtp_sink`: records every message it accepts; can be stopped and started again on its port.
- `private_redis`: a redis-server of the test's own on a free port, that the test may stop and
  start again; this process and the worker both use it as their broker.
- `embedded_broker`: the embedded default (Kombu's filesystem transport) in a temporary folder.
- `celery_worker_process`: a factory of workers; each can be killed with SIGKILL mid-task.

Every process started here is stopped when the test ends, pass or fail; a failed test shows the
logs of its worker and Redis.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from camau_exam_portal.celery import app as celery_app
from tests.production_stack import database_url, free_port
from tests.redis_server import RedisServer
from tests.services import require, require_redis
from tests.smtp import SmtpSink

ROOT = Path(__file__).resolve().parents[2]
CELERY = ROOT / ".venv" / "bin" / "celery"

# What every worker of these tests is given unless a test says otherwise. Retries come after a
# second or two instead of minutes; the lease is the smallest the system check allows.
WORKER_ENV = {
    "NOTIFICATIONS_RETRY_DELAYS": "1,1,2,2",
    "NOTIFICATIONS_MAX_ATTEMPTS": "5",
    "NOTIFICATIONS_CLAIM_LEASE_SECONDS": "91",
    "NOTIFICATIONS_SWEEP_GRACE_SECONDS": "60",
    "NOTIFICATIONS_SMTP_TIMEOUT": "5",
}

_LOGS = pytest.StashKey[list[Path]]()


def wait_until(
    predicate: Callable[[], object],
    *,
    timeout: float,
    what: str | Callable[[], str],
    every: float = 0.1,
):
    """Poll until `predicate()` is truthy and return its value; fail the test after `timeout`.

    `what` names the awaited state in the failure; a callable is asked at that moment."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            described = what() if callable(what) else what
            pytest.fail(f"Timed out after {timeout} s waiting for {described}", pytrace=False)
        time.sleep(every)


def _attach_log(request, path: Path) -> None:
    request.node.stash.setdefault(_LOGS, []).append(path)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        for path in item.stash.get(_LOGS, []):
            text = path.read_text(errors="replace") if path.exists() else "(no log written)"
            report.sections.append((f"log {path.parent.name}/{path.name}", text[-20_000:]))
    return report


# --- SMTP ----------------------------------------------------------------------------------------


@pytest.fixture
def smtp_sink():
    sink = SmtpSink(free_port())
    sink.start()
    try:
        yield sink
    finally:
        sink.stop()


# --- brokers -------------------------------------------------------------------------------------


def _use_broker(url: str, transport_options: dict) -> None:
    """Point this process's Celery app at another broker, dropping its pooled connections."""
    pool = celery_app._pool
    producer_pool = celery_app.amqp._producer_pool
    for old in (producer_pool, pool):
        if old is not None:
            old.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    celery_app.conf.broker_url = url
    celery_app.conf.broker_transport_options = transport_options


@pytest.fixture
def _celery_broker_restored():
    url = celery_app.conf.broker_url
    options = celery_app.conf.broker_transport_options
    yield
    _use_broker(url, options)


@pytest.fixture
def private_redis(request, tmp_path, settings, _celery_broker_restored):
    """A Redis broker for this test; this process publishes to it, and so do its workers."""
    require_redis()
    require(shutil.which("redis-server") is not None, "redis-server is not installed")
    folder = tmp_path / "redis"
    folder.mkdir()
    server = RedisServer(free_port(), folder)
    _attach_log(request, server.log)
    server.start()
    try:
        settings.CELERY_BROKER_URL = server.url
        settings.REDIS_URL = server.url
        # require_redis() passed, so settings.py chose its Redis transport options: keep them.
        _use_broker(server.url, settings.CELERY_BROKER_TRANSPORT_OPTIONS)
        yield server
    finally:
        server.stop()


class FilesystemBroker:
    """The embedded default's broker: Kombu's filesystem transport, in folders of the test."""

    def __init__(self, var_dir: Path):
        broker = var_dir / "broker"
        # The same folders settings.py derives from VAR_DIR, so a worker given VAR_DIR finds them.
        self.options = {
            "data_folder_in": str(broker / "queue"),
            "data_folder_out": str(broker / "queue"),
            "control_folder": str(broker / "control"),
            "store_processed": False,
        }
        for folder in (broker / "queue", broker / "control"):
            folder.mkdir(parents=True, exist_ok=True)


@pytest.fixture
def embedded_broker(worker_var_dir, settings, _celery_broker_restored):
    broker = FilesystemBroker(worker_var_dir)
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = broker.options
    _use_broker("filesystem://", broker.options)
    return broker


# --- the worker ----------------------------------------------------------------------------------


@pytest.fixture
def worker_var_dir(tmp_path) -> Path:
    """VAR_DIR of the workers of a test: settings.py derives the SQLite file and broker folders."""
    folder = tmp_path / "worker-var"
    folder.mkdir()
    return folder


def _database_env(var_dir: Path) -> dict[str, str]:
    """Environment that gives the worker's settings this test run's database."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        return {"DATABASE_URL": database_url(db)}
    assert connection.vendor == "sqlite", connection.vendor
    # settings.py puts SQLite at VAR_DIR/db.sqlite3: there, a link to the test database. SQLite
    # resolves the link, so both processes share one WAL file and see each other's commits.
    test_db = Path(db["NAME"]).resolve()
    link = var_dir / "db.sqlite3"
    if not link.exists():
        link.symlink_to(test_db)
    return {}


def _group_alive(pgid: int) -> bool:
    """Whether any process of the group still runs (zombies do not count: PID 1 may not reap)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        state, group = fields[0], int(fields[2])
        if group == pgid and state not in ("Z", "X"):
            return True
    return False


class WorkerProcess:
    def __init__(self, process: subprocess.Popen, log: Path):
        self.process = process
        self.log = log

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL the main process and its pool children at once; returns when all are dead."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        wait_until(lambda: not _group_alive(self.pid), timeout=10, what="the worker's children")

    def stop(self) -> None:
        """The end of a test: nothing of the worker needs saving, and a warm shutdown takes 4 s."""
        self.kill()


@pytest.fixture
def celery_worker_process(request, transactional_db, smtp_sink, worker_var_dir):
    """Factory: `start(concurrency=2, **env)` runs a worker on the broker this test configured.

    The broker is whatever `settings.CELERY_BROKER_URL` says when the factory is called (request
    `private_redis` or `embedded_broker` first). Extra keyword arguments are environment
    variables of the worker (e.g. NOTIFICATIONS_MAX_ATTEMPTS="3").
    """
    workers: list[WorkerProcess] = []

    def start(*, concurrency: int = 2, **extra_env: str) -> WorkerProcess:
        broker = django_settings.CELERY_BROKER_URL
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "VAR_DIR"}
            and not key.startswith(("EMAIL_", "NOTIFICATIONS_"))
        }
        env.update(
            DEBUG="true",
            VAR_DIR=str(worker_var_dir),
            EMAIL_HOST=smtp_sink.host,
            EMAIL_PORT=str(smtp_sink.port),
            C_FORCE_ROOT="true",
            PYTHONUNBUFFERED="1",
            **WORKER_ENV,
        )
        if broker != "filesystem://":
            env["REDIS_URL"] = broker
        env.update(_database_env(worker_var_dir))
        env.update(extra_env)

        number = len(workers) + 1
        log = worker_var_dir.parent / f"worker-{number}.log"
        _attach_log(request, log)
        with log.open("ab") as out:
            process = subprocess.Popen(
                [
                    str(CELERY),
                    "-A",
                    "camau_exam_portal",
                    "worker",
                    "-Q",
                    "celery,urgent",
                    "--concurrency",
                    str(concurrency),
                    "--pool",
                    "prefork",
                    "-l",
                    "info",
                    "-n",
                    f"it{number}-{os.getpid()}@%h",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: killpg reaches the pool too
            )
        worker = WorkerProcess(process, log)
        workers.append(worker)

        def ready() -> bool:
            if process.poll() is not None:
                pytest.fail(f"The worker exited with {process.returncode}", pytrace=False)
            return " ready." in worker.log_text()

        wait_until(ready, timeout=60, what="the worker to log 'ready'", every=0.2)
        return worker

    try:
        yield start
    finally:
        for worker in workers:
            worker.stop()
