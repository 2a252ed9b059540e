"""scripts/run-production, started and stopped from Python: the browser tests and the benchmarks.

The stack is the script's own: gunicorn, a Celery worker on both queues and Celery beat, DEBUG
off, on PostgreSQL and Redis. What a run on loopback changes is given as environment variables,
as an operator would: plain HTTP instead of TLS (no redirect, cookies without `Secure`, no HSTS), a
throw-away secret key, and its own VAR_DIR (static files, uploads, beat's schedule, logs).

    stack = ProductionStack(loopback_env(database_url=..., redis_url=..., var_dir=...), var_dir)
    stack.collectstatic()
    stack.start()          # returns when gunicorn answers and the worker is ready
    ... stack.url ...
    stack.stop()           # as Ctrl-C would: every process of the stack, warm shutdown first
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "run-production"
PYTHON = ROOT / ".venv" / "bin" / "python"

# Variables of the caller's environment the stack must not inherit: it gets its own.
_OWN = {
    "DEBUG",
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "VAR_DIR",
    "MEDIA_ROOT",
    "PRIVATE_MEDIA_ROOT",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(settings_dict: dict) -> str:
    """postgres://... of a Django DATABASES entry (the test database of this run, say)."""
    quote = urllib.parse.quote
    credentials = quote(settings_dict["USER"] or "", safe="")
    if settings_dict["PASSWORD"]:
        credentials += ":" + quote(settings_dict["PASSWORD"], safe="")
    host = settings_dict["HOST"] or "127.0.0.1"
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{quote(settings_dict['NAME'])}"


def redis_db(url: str, number: int) -> str:
    """The same Redis server, another database number (redis://host:port/N)."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{number}"))


def loopback_env(
    *, database_url: str, redis_url: str, var_dir: Path, broker_url: str | None = None, **extra
) -> dict[str, str]:
    """The environment of a stack on 127.0.0.1 over plain HTTP; `extra` adds or overrides."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in _OWN and not key.startswith(("EMAIL_", "PYTEST_"))
    }
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        VAR_DIR=str(var_dir),
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        C_FORCE_ROOT="true",  # CI runs as root; the worker refuses root without it
        PYTHONUNBUFFERED="1",
    )
    if broker_url:
        env["CELERY_BROKER_URL"] = broker_url
    env.update({key: str(value) for key, value in extra.items()})
    return env


def _children(pid: int) -> list[int]:
    """The script's gunicorn, worker and beat: the processes under `pid` that lead a process
    group of their own (honcho starts each in a session of its own, below a helper process)."""
    parent_and_group = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parent_and_group[int(entry.name)] = (int(fields[1]), int(fields[2]))
    found, below = [], [pid]
    while below:
        parent = below.pop()
        for child, (child_parent, group) in parent_and_group.items():
            if child_parent == parent:
                below.append(child)
                if group == child:
                    found.append(child)
    return found


class ProductionStack:
    def __init__(
        self,
        env: dict[str, str],
        var_dir: Path,
        *,
        web_workers: int = 2,
        log_level: str = "info",
        port: int | None = None,
    ):
        self.env = {**env, "VAR_DIR": str(var_dir)}
        self.var_dir = Path(var_dir)
        self.log_dir = self.var_dir / "logs"
        self.web_workers = web_workers
        self.log_level = log_level
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self._pids: list[int] = []

    @property
    def media_root(self) -> Path:
        return self.var_dir / "media"

    @property
    def private_root(self) -> Path:
        return self.var_dir / "private"

    def manage(self, *args: str) -> str:
        """`manage.py ARGS` with the stack's environment (migrate, collectstatic, a loader...)."""
        done = subprocess.run(
            [str(PYTHON), "manage.py", *args],
            cwd=ROOT,
            env={**self.env, "DEBUG": "false"},
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def collectstatic(self) -> None:
        self.manage("collectstatic", "--noinput", "-v0")

    def log(self, name: str) -> str:
        """What `gunicorn`, `worker`, `beat` (or `run-production`) wrote so far."""
        path = self.log_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def start(self, *, timeout: float = 90) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        with (self.log_dir / "run-production.log").open("ab") as out:
            self.process = subprocess.Popen(
                [
                    str(SCRIPT),
                    "--no-migrate",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--web-workers",
                    str(self.web_workers),
                    "--log-dir",
                    str(self.log_dir),
                    "--log-level",
                    self.log_level,
                ],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while not (self._answers() and self._worker_ready()):
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"scripts/run-production exited with {self.process.returncode}:\n"
                    + self.log("run-production")
                    + self.log("gunicorn")[-4000:]
                    + self.log("worker")[-4000:]
                )
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the production stack did not start in {timeout:.0f} s")
            time.sleep(0.2)
        # Remembered now: if the script itself is killed, its children are found by these.
        self._pids = _children(self.process.pid)

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/robots.txt", timeout=2):  # noqa: S310
                return True
        except urllib.error.HTTPError:
            return True  # an answer all the same: gunicorn and Django are up
        except OSError:
            return False

    def _worker_ready(self) -> bool:
        # Celery logs "... ready." at INFO; at a quieter level only gunicorn is waited for.
        if self.log_level.lower() not in ("debug", "info"):
            return True
        return " ready." in self.log("worker")

    def stop(self, *, timeout: float = 40) -> None:
        """SIGTERM to the script, which stops its three processes (warm shutdown first)."""
        if self.process is None:
            return
        pids = self._pids or _children(self.process.pid)
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for pid in pids:  # each leads a process group of its own (scripts/lib/supervise.py)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
        self.process = None

    def __enter__(self) -> ProductionStack:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
