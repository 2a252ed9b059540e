"""Site-report benchmark: every exam site sends its quick report within one minute.

    .venv/bin/python bench/site_reports/run.py [--sites 17 170] [--window 60] [--double 0.1]

On the production stack on loopback: PostgreSQL, Redis, and scripts/run-production's gunicorn
(2 sync workers, DEBUG=false), Celery worker and beat. For each size (17 sites, then 10 times that), the bench

1. creates the PostgreSQL database `camau_bench` afresh and empties Redis database 14, migrates,
   and loads a current exam with one session that started ten minutes ago, N sites registered for
   it and one logged-in user per site (`load.py`);
2. starts one client per site at a random moment within the window: it opens the quick report form
   (GET, as a browser: the form's CSRF token and its submission key), fills the figures and sends
   it (POST). A share of the clients (`--double`) sends the same form twice at once, as a double
   click or a retried request does;
3. records every response's status and latency, then reads the steering dashboard's page of the
   session as a Steering Committee member until it shows every site as reported;
4. counts in the database: reports, versions (a duplicate is a second version of a first report, or
   a second report of a site), outbox rows.

Targets (exit status 1 when one is missed): zero errors (every POST answers with the redirect to
its receipt), zero duplicates, every site's report stored, p99 POST latency under 1 s.
Everything is dropped at the end. BENCH_POSTGRES and BENCH_REDIS_URL override the servers.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import shutil
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.news.run import (  # noqa: E402
    DB_NAME,
    flush_redis,
    gunicorn,
    portal_env,
    postgres,
    run,
    verdict,
)

HERE = Path(__file__).resolve().parent


class FormInputs(HTMLParser):
    """The values a browser would send for the form with the given action (inputs, textareas,
    selected options)."""

    def __init__(self):
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self._in_form = False
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_value: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.values.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = name
            self.values.append((name, ""))
        elif tag == "select" and name:
            self._select, self._select_value = name, None
        elif (
            tag == "option" and self._select and (self._select_value is None or "selected" in attrs)
        ):
            self._select_value = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            name, value = self.values[-1]
            self.values[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            self.values.append((self._select, self._select_value or ""))
            self._select = None
        elif tag == "form":
            self._in_form = False


@dataclass
class Outcome:
    site: str
    statuses: list[int] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    finished_at: float = 0.0


def request(url: str, *, cookies: dict, data: bytes | None = None, timeout: float = 60):
    """(status, headers, body, seconds); redirects are not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    if data is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Referer"] = url
    started = time.monotonic()
    prepared = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 (loopback)
    try:
        with opener.open(prepared, timeout=timeout) as r:
            body = r.read()
            return r.status, r.headers, body, time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read(), time.monotonic() - started


def fill(values: list[tuple[str, str]], rng: random.Random) -> list[tuple[str, str]]:
    absent = rng.randint(0, 6)
    chosen = {
        "present": str(500 - absent),
        "absent": str(absent),
        "absent_gave_up": str(absent),
        "sender_name": "Cán bộ thử tải",
        "sender_phone": "0123 456 789",
    }
    filled = [(name, chosen.get(name, value)) for name, value in values]
    names = {name for name, _ in filled}
    filled += [(name, value) for name, value in chosen.items() if name not in names]
    # An empty number field means 0 to a person; a browser sends it empty: keep it but say 0.
    return [(n, v if v != "" or n.startswith(("cases-", "incidents-")) else "0") for n, v in filled]


def client(base, session_id, site, delay, double, rng, outcome: Outcome, start: float):
    from urllib.parse import urlencode

    time.sleep(max(0.0, start + delay - time.monotonic()))
    url = f"{base}/diem-thi/{site['id']}/buoi/{session_id}/"
    cookies = {"sessionid": site["cookie"]}
    try:
        status, headers, body, seconds = request(url, cookies=cookies)
        if status != 200:
            outcome.errors.append(f"GET {status}")
            return
        for header in headers.get_all("Set-Cookie") or []:
            match = re.match(r"csrftoken=([^;]+)", header)
            if match:
                cookies["csrftoken"] = match.group(1)
        parser = FormInputs()
        parser.feed(body.decode())
        data = urlencode(fill(parser.values, rng)).encode()
        sends = 2 if double else 1
        results: list = [None] * sends

        def send(index):
            results[index] = request(url, cookies=cookies, data=data)

        threads = [threading.Thread(target=send, args=(i,)) for i in range(sends)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for status, _headers, body, seconds in results:
            outcome.statuses.append(status)
            outcome.latencies_ms.append(seconds * 1000)
            if status != 302:
                outcome.errors.append(f"POST {status}: {body[:300]!r}")
    except Exception as error:
        outcome.errors.append(f"{type(error).__name__}: {error}")
    finally:
        outcome.finished_at = time.monotonic()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def count_rows(session_id: int) -> dict[str, int]:
    import psycopg2

    from bench.news.run import POSTGRES

    connection = psycopg2.connect(f"{POSTGRES}/{DB_NAME}")
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*), count(DISTINCT site_id), coalesce(sum(version_count), 0) "
                "FROM reports_report WHERE kind = 'nhanh' AND session_id = %s",
                [session_id],
            )
            reports, sites, versions = cursor.fetchone()
            cursor.execute("SELECT count(*) FROM reports_reportversion")
            version_rows = cursor.fetchone()[0]
            cursor.execute("SELECT count(*) FROM notifications_message")
            messages = cursor.fetchone()[0]
    finally:
        connection.close()
    return {
        "reports": reports,
        "sites": sites,
        "versions": versions,
        "version_rows": version_rows,
        "messages": messages,
    }


def dashboard_shows_all(base, session_id, cookie, count) -> bool:
    status, _headers, body, _seconds = request(
        f"{base}/ban-chi-dao/buoi/{session_id}/", cookies={"sessionid": cookie}
    )
    if status != 200:
        return False
    text = re.sub(r"<[^>]+>", " ", body.decode())
    return re.search(rf"\b{count}\s*/\s*{count}\b", text) is not None


def measure(count: int, args, scratch: Path) -> dict:
    postgres(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    postgres(f"CREATE DATABASE {DB_NAME}")
    flush_redis()
    env = portal_env(scratch)
    python = sys.executable
    run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([python, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    data_file = scratch / f"sites-{count}.json"
    run([python, str(HERE / "load.py"), str(count), str(data_file)], env)
    postgres("ANALYZE", database=DB_NAME)
    data = json.loads(data_file.read_text())
    rng = random.Random(count)
    outcomes = [Outcome(site["code"]) for site in data["sites"]]
    with gunicorn(env, args.workers) as base:
        start = time.monotonic() + 1
        threads = [
            threading.Thread(
                target=client,
                args=(
                    base,
                    data["session"],
                    site,
                    rng.uniform(0, args.window),
                    rng.random() < args.double,
                    random.Random(i),
                    outcome,
                    start,
                ),
            )
            for i, (site, outcome) in enumerate(zip(data["sites"], outcomes, strict=True))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        last_post = max(o.finished_at for o in outcomes)
        shown_after = None
        while time.monotonic() - last_post < 60:
            if dashboard_shows_all(base, data["session"], data["steering_cookie"], count):
                shown_after = time.monotonic() - last_post
                break
            time.sleep(0.25)
        window = last_post - start
    rows = count_rows(data["session"])
    latencies = [ms for o in outcomes for ms in o.latencies_ms]
    errors = [f"{o.site}: {e}" for o in outcomes for e in o.errors]
    return {
        "sites": count,
        "posts": len(latencies),
        "window_s": window,
        "p50_ms": median(latencies) if latencies else 0.0,
        "p99_ms": percentile(latencies, 0.99),
        "max_ms": max(latencies, default=0.0),
        "errors": errors,
        "duplicates": (rows["reports"] - rows["sites"]) + (rows["version_rows"] - rows["reports"]),
        "stored": rows["sites"],
        "messages": rows["messages"],
        "dashboard_s": shown_after,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, nargs="+", default=[17, 170])
    parser.add_argument("--window", type=float, default=60, help="seconds the arrivals spread over")
    parser.add_argument("--double", type=float, default=0.1, help="share of double submissions")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    results = []
    try:
        for count in args.sites:
            print(f"{count} sites within {args.window:.0f} s …", flush=True)
            results.append(measure(count, args, scratch))
    finally:
        with contextlib.suppress(Exception):
            postgres(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        with contextlib.suppress(Exception):
            flush_redis()
        shutil.rmtree(scratch, ignore_errors=True)
    return report(results)


def report(results: list[dict]) -> int:
    print(
        "\n| Sites | POSTs | Arrivals over | p50 | p99 | max | Errors | Duplicates | Stored "
        "| Outbox rows | Dashboard shows all after |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    failures = []
    for r in results:
        shown = "not within 60 s" if r["dashboard_s"] is None else f"{r['dashboard_s']:.2f} s"
        print(
            f"| {r['sites']} | {r['posts']} | {r['window_s']:.0f} s | {r['p50_ms']:.0f} ms "
            f"| {r['p99_ms']:.0f} ms | {r['max_ms']:.0f} ms | {len(r['errors'])} "
            f"| {r['duplicates']} | {r['stored']}/{r['sites']} | {r['messages']} | {shown} |"
        )
        for error in r["errors"][:10]:
            print(f"  error: {error}")
        if r["errors"]:
            failures.append(f"{r['sites']} sites: {len(r['errors'])} errors")
        if r["duplicates"]:
            failures.append(f"{r['sites']} sites: {r['duplicates']} duplicates")
        if r["stored"] != r["sites"]:
            failures.append(f"{r['sites']} sites: {r['stored']} reports stored")
        if r["p99_ms"] >= 1000:
            failures.append(f"{r['sites']} sites: p99 {r['p99_ms']:.0f} ms, not under 1 s")
        if r["dashboard_s"] is None:
            failures.append(f"{r['sites']} sites: the dashboard did not show them all")
    return verdict(failures)


if __name__ == "__main__":
    sys.exit(main())
