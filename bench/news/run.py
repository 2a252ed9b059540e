"""News column load benchmark: the production stack on loopback, against a minimal Django view.

    .venv/bin/python bench/news/run.py [--articles 1000] [--duration 15] [--connections 32]

What it does, and undoes, by itself:

1. creates the PostgreSQL database `camau_bench` (dropped first if a previous run left it), empties
   Redis database 14 (the bench's cache), and makes a scratch VAR_DIR for static and media files;
2. `migrate`, `collectstatic --noinput`, then loads the 2020 exam and N published articles, each
   through Article.save() (sanitised body, slug and search text as the editor's saves derive them);
3. runs scripts/run-production (gunicorn with 2 sync workers, the Celery worker and beat) with
   DEBUG=false on 127.0.0.1, settings `bench.news.settings` (the portal's settings with a URLconf
   that adds `/bench/minimal/`);
4. loads each URL with wrk (`--latency`, fixed duration and connections): first with the public page
   cache on, as in production, then with PUBLIC_PAGE_CACHE_SECONDS=0 so every request renders;
5. stops the stack, drops the database, empties Redis database 14, removes the scratch folder.

Targets (exit status 1 when one is missed): cached public pages reach at least half the minimal
view's requests/s; search answers with p99 under 100 ms, rendered afresh on every request too.
Override the servers with BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432) and
BENCH_REDIS_URL (default redis://127.0.0.1:6379/14).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from tests.production_stack import ProductionStack  # noqa: E402

DB_NAME = "camau_bench"
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
SEARCH = "/tim-kiem/?q=ky+thi"
DOCUMENTS = "/van-ban/?co_quan=5&loai=ke-hoach&q=ke+hoach"


@dataclass
class Result:
    label: str
    path: str
    cache: str
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    bad: int  # non-2xx/3xx responses plus socket errors


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def portal_env(scratch: Path, *, cache_seconds: int | None = None) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.news.settings",
        "PYTHONPATH": str(ROOT),
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-not-used-anywhere-else-0123456789abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": f"{POSTGRES}/{DB_NAME}",
        "REDIS_URL": REDIS_URL,
        "VAR_DIR": str(scratch),
        "LOG_LEVEL": "WARNING",
        "C_FORCE_ROOT": "true",  # the stack's worker, where the bench runs as root
    }
    if cache_seconds is not None:
        env["PUBLIC_PAGE_CACHE_SECONDS"] = str(cache_seconds)
    return env


def run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"failed: {' '.join(args)}")
    return done.stdout


def postgres(sql: str, *, database: str = "postgres") -> None:
    import psycopg2

    connection = psycopg2.connect(f"{POSTGRES}/{database}")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workers: int):
    """scripts/run-production (gunicorn, worker and beat) with `workers` web workers; its URL."""

    # No access log (nginx keeps it in production); a listen queue deep enough for wrk.
    env = {**env, "GUNICORN_CMD_ARGS": "--backlog=2048"}
    stack = ProductionStack(env, Path(env["VAR_DIR"]), web_workers=workers, log_level="warning")
    with stack:
        yield stack.url
    errors = stack.log("gunicorn")
    if "Traceback" in errors:
        sys.stderr.write(errors[-4000:])


def verdict(failures: list[str]) -> int:
    """Print each missed target, or that all were met; the bench's exit status."""
    print()
    for failure in failures:
        print(f"TARGET MISSED: {failure}")
    if not failures:
        print("All targets met.")
    return 1 if failures else 0


def wait_until_idle(base: str, limit: float = 180) -> None:
    """Let gunicorn finish the requests a wrk run left queued, so the next run starts clean.

    Sync workers serve the listen queue in order, so a fast answer from the minimal view means the
    backlog of slow pages is gone.
    """
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        started = time.monotonic()
        with urllib.request.urlopen(base + "/bench/minimal/", timeout=limit) as response:  # noqa: S310 (loopback)
            response.read()
        if time.monotonic() - started < 0.05:
            return
        time.sleep(0.5)
    raise SystemExit("gunicorn stayed busy after the last run")


def check_page(base: str, path: str, expected: str) -> None:
    """The page answers 200 with the expected text before it is measured (and is warm)."""
    for _ in range(5):
        with urllib.request.urlopen(base + path, timeout=10) as response:  # noqa: S310 (loopback)
            body = response.read().decode()
            assert response.status == 200, (path, response.status)
    assert expected in body, f"{path}: {expected!r} not in the page"


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(
    base: str, label: str, path: str, cache: str, args, *, script: Path | None = None
) -> Result:
    command = [
        "wrk",
        f"--threads={args.threads}",
        f"--connections={args.connections}",
        f"--duration={args.duration}s",
        "--timeout=10s",
        "--latency",
    ]
    if script is not None:
        command.append(f"--script={script}")
    command.append(base + path)
    wait_until_idle(base)
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    bad = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if errors:
        bad += sum(int(n) for n in errors.groups())
    result = Result(
        label=label,
        path=path,
        cache=cache,
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        p50_ms=_ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
        p99_ms=_ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
        requests=int(re.search(r"(\d+) requests in", out).group(1)),
        bad=bad,
    )
    print(
        f"  {label:<28} {cache:<10} {result.rps:>9.1f} req/s  p50 {result.p50_ms:>7.2f} ms"
        f"  p99 {result.p99_ms:>7.2f} ms  non-2xx/errors {result.bad}",
        flush=True,
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--only-search", action="store_true", help="measure the search pages only")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    scratch = Path(tempfile.mkdtemp(prefix="bench-news-"))
    results: list[Result] = []
    try:
        postgres(f"DROP DATABASE IF EXISTS {DB_NAME}")
        postgres(f"CREATE DATABASE {DB_NAME}")
        flush_redis()
        env = portal_env(scratch)
        python = sys.executable
        started = time.monotonic()
        run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
        run([python, "manage.py", "collectstatic", "--noinput", "-v0"], env)
        slug = (
            run([python, str(HERE / "load.py"), str(args.articles)], env).strip().splitlines()[-1]
        )
        # Fresh statistics, as autovacuum would have them a minute after the load: without them
        # the planner guesses from an empty table.
        postgres("ANALYZE", database=DB_NAME)
        print(
            f"Loaded {args.articles} articles in {time.monotonic() - started:.0f} s "
            f"(migrate, collectstatic, load); wrk {args.duration} s, {args.connections} "
            f"connections, {args.threads} threads; gunicorn {args.workers} sync workers",
            flush=True,
        )
        article = f"/tin-tuc/{slug}/"
        pages = [
            ("minimal view (baseline)", "/bench/minimal/", "ok"),
            ("home /", "/", "Tin mới"),
            ("article page", article, "</article>"),
            ("list /tin-tuc/", "/tin-tuc/", "Tin tức"),
            # Two filters and a keyword; co_quan=5 is Sở GD&ĐT, the fifth body of documents 0002.
            ("documents /van-ban/?filters", DOCUMENTS, "Văn bản chỉ đạo"),
            ("search ?q=ky+thi", SEARCH, "Kỳ thi"),
        ]
        if args.only_search:
            pages = [pages[0], pages[-1]]

        for cache, seconds in (("cached", None), ("uncached", 0)):
            load = os.getloadavg()[0]
            print(f"Public page cache: {cache} (load average {load:.2f})", flush=True)
            flush_redis()
            with gunicorn(portal_env(scratch, cache_seconds=seconds), args.workers) as base:
                for label, path, expected in pages:
                    check_page(base, path, expected)
                    results.append(wrk(base, label, path, cache, args))
                if cache == "uncached":
                    results.append(
                        wrk(base, "search, 14 queries", "/tim-kiem/", cache, args,
                            script=HERE / "vary.lua")
                    )  # fmt: skip
        print(f"Load average at the end: {os.getloadavg()[0]:.2f}", flush=True)
    finally:
        with contextlib.suppress(Exception):
            postgres(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        with contextlib.suppress(Exception):
            flush_redis()
        shutil.rmtree(scratch, ignore_errors=True)

    return report(results)


def report(results: list[Result]) -> int:
    baseline = {r.cache: r.rps for r in results if r.path == "/bench/minimal/"}
    print("\n| Page | Page cache | Requests/s | vs minimal | p50 | p99 | Non-2xx/errors |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for r in results:
        ratio = r.rps / baseline[r.cache]
        print(
            f"| {r.label} | {r.cache} | {r.rps:,.0f} | {ratio:.2f}× | {r.p50_ms:.1f} ms "
            f"| {r.p99_ms:.1f} ms | {r.bad} |"
        )
    failures = []
    for r in results:
        if r.bad:
            failures.append(f"{r.label} ({r.cache}): {r.bad} failed requests")
        if r.cache == "cached" and r.path != "/bench/minimal/" and r.rps < baseline["cached"] / 2:
            failures.append(f"{r.label}: {r.rps:.0f} req/s, under half the minimal view's")
        if r.path.startswith("/tim-kiem/") and r.p99_ms >= 100:
            failures.append(f"{r.label} ({r.cache}): p99 {r.p99_ms:.1f} ms, not under 100 ms")
    return verdict(failures)


if __name__ == "__main__":
    sys.exit(main())
