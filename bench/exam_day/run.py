# Past 500 lines on purpose: one benchmark run read top to bottom (start, load, Redis outage, count,
# verdict); its steps share that run's state and nothing else uses them.
"""Exam-day benchmark: readers, site reports and the hotline at once, and Redis stopped midway.

    .venv/bin/python bench/exam_day/run.py [--load 165] [--outage 45 60] [--hotline-rate 10]

On the production stack on loopback, everything started and stopped by the bench:

* PostgreSQL: the database `camau_bench_examday` (created afresh, dropped at the end);
* the bench's own `redis-server` on a free port (no persistence: stopping it loses the queues and
  the cache, as a crashed or restarted Redis without a dump does), cache and Celery broker;
* scripts/run-production (through tests/production_stack.py), as on a production machine: gunicorn
  (5 sync workers, as the script has on 2 cores, DEBUG=false), a Celery worker (`-Q celery,urgent
  --concurrency 2`) and Celery beat;
* an SMTP sink (aiosmtpd) on 127.0.0.1 with EMAIL_HOST/EMAIL_PORT pointing at it, so every
  notification is really delivered and recorded by its Message-ID;
* HOTLINE_RATE_LIMIT=1000000: every hotline submission comes from 127.0.0.1, and the per-address
  limit (10 per 10 minutes) would refuse all but the first ten.

Data: 170 exam sites with a logged-in user each (bench/site_reports/load.py), 200 articles, the 15
demo documents. Then, for `--load` seconds:

* 200 readers: four wrk processes of 50 connections each, on `/`, an article, `/van-ban/` with two
  filters and a keyword, and `/tim-kiem/?q=ky+thi`; each run in three phases (before, during and
  after the outage) so each phase has its own figures;
* the 170 sites send their quick report (GET the form, POST it; 10 % post twice at once) at random
  moments within one minute (from 15 s to 75 s, so the outage falls in the middle of it);
* the hotline receives `--hotline-rate` submissions a second through the real form (GET for the
  CSRF token, POST); one in five is an urgent category (violation, incident), which e-mails the two
  standing members at once; one in five gives an e-mail address (an acknowledgement is sent);
* from `--outage` START to START+LENGTH seconds, Redis is stopped (SIGTERM), then started again.

Afterwards the bench waits until every outbox row that is to be sent now (not the digest entries,
which wait for the hourly digest) has been sent, at most 300 s after Redis is back, and counts:
per page and phase requests/s, p50, p99, errors; reports and tickets the clients were told were
accepted (302) against the rows in the database; the outbox rows against the Message-IDs the SMTP
sink received (each exactly once); how long after Redis came back the backlog was clear.
The exit status is 1 when a target is missed (any error, anything lost or duplicated, a
notification not delivered). BENCH_POSTGRES overrides the PostgreSQL server.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from statistics import median
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from bench.news.run import (  # noqa: E402
    POSTGRES,
    _ms,
    free_port,
    portal_env,
    postgres,
    run,
    verdict,
)
from bench.notifications.run import Sink  # noqa: E402
from bench.site_reports.run import (  # noqa: E402
    FormInputs,
    Outcome,
    client,
    percentile,
    request,
)
from tests.production_stack import ProductionStack  # noqa: E402
from tests.redis_server import RedisServer  # noqa: E402

DB_NAME = "camau_bench_examday"
MESSAGE_ID_DOMAIN = "bench.invalid"
SEARCH = "/tim-kiem/?q=ky+thi"
DOCUMENTS = "/van-ban/?co_quan=5&loai=ke-hoach&q=ke+hoach"
URGENT = ("vi-pham", "su-co")
NOT_URGENT = ("hoi-dap", "gop-y", "khac")


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


# --- readers ------------------------------------------------------------------------------------


def wrk(base: str, path: str, seconds: float, connections: int) -> dict:
    command = ["wrk", "--threads=1", f"--connections={connections}", f"--duration={round(seconds)}s",
               "--timeout=20s", "--latency", base + path]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, check=False).stdout
    try:
        non2xx = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
        sock = re.search(
            r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
        )
        return {
            "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": _ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
            "p99": _ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
            "requests": int(re.search(r"(\d+) requests in", out).group(1)),
            "non2xx": non2xx,
            "socket": sum(int(n) for n in sock.groups()) if sock else 0,
        }
    except AttributeError:
        return {"rps": 0.0, "p50": 0.0, "p99": 0.0, "requests": 0, "non2xx": 0, "socket": -1,
                "raw": out[-2000:]}  # fmt: skip


def readers(base, pages, phases, connections, results: dict, on_phase) -> None:
    """Each phase: one wrk per page, all at once, for the phase's length."""
    for name, seconds in phases:
        on_phase(name)
        with ThreadPoolExecutor(len(pages)) as pool:
            futures = {label: pool.submit(wrk, base, path, seconds, connections)
                       for label, path in pages}  # fmt: skip
            for label, future in futures.items():
                results[(label, name)] = future.result()


def probe(base, pages, found: list) -> None:
    """One plain GET of each page (no cookie), its status, as a reader's browser sees it."""
    for label, path in pages:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(base + path, timeout=60) as r:  # noqa: S310 (loopback)
                r.read()
                status = r.status
        except urllib.error.HTTPError as error:
            status = error.code
        except Exception as error:
            status = f"{type(error).__name__}"
        found.append((label, status, time.monotonic() - started))


# --- the hotline --------------------------------------------------------------------------------


class Hotline:
    def __init__(self, base: str):
        self.base = base
        self.lock = threading.Lock()
        self.sent: list[dict] = []

    def submit(self, number: int, rng: random.Random) -> None:
        url = f"{self.base}/duong-day-nong/"
        record = {"n": number, "token": f"TT{number:05d}", "at": time.time()}
        try:
            status, headers, body, seconds = request(url, cookies={})
            record["get"] = status
            record["get_ms"] = seconds * 1000
            if status != 200:
                return
            cookies = {}
            for header in headers.get_all("Set-Cookie") or []:
                match = re.match(r"csrftoken=([^;]+)", header)
                if match:
                    cookies["csrftoken"] = match.group(1)
            parser = FormInputs()
            parser.feed(body.decode())
            values = dict(parser.values)
            urgent = rng.random() < 0.2
            category = rng.choice(URGENT if urgent else NOT_URGENT)
            chosen = {
                "csrfmiddlewaretoken": values.get("csrfmiddlewaretoken", ""),
                "category": category,
                "subject": f"{record['token']} Phản ánh thử tải",
                "message": "Nội dung thử tải: thí sinh hỏi về giờ có mặt tại điểm thi.",
                "name": "Người dân thử tải",
                "phone": "0123 456 789",
                "email": f"nguoi-gui-{number}@example.org" if rng.random() < 0.2 else "",
                "trang_web": "",
            }
            record["urgent"] = urgent
            status, headers, _body, seconds = request(
                url, cookies=cookies, data=urlencode(chosen).encode()
            )
            record["post"] = status
            record["post_ms"] = seconds * 1000
            if status == 302:
                match = re.search(r"ma=([A-Z0-9-]+)", headers.get("Location", ""))
                record["code"] = match.group(1) if match else None
            else:
                record["body"] = _body[:300]
        except Exception as error:
            record["error"] = f"{type(error).__name__}: {error}"
        finally:
            record["done"] = time.time()
            with self.lock:
                self.sent.append(record)

    def run(self, seconds: float, rate: float, pool: ThreadPoolExecutor) -> None:
        start = time.monotonic()
        rng = random.Random(8)
        for number in range(int(seconds * rate)):
            time.sleep(max(0.0, start + number / rate - time.monotonic()))
            pool.submit(self.submit, number, random.Random(rng.random()))


# --- the database -------------------------------------------------------------------------------


def rows(sql: str, params=()) -> list[tuple]:
    import psycopg2

    connection = psycopg2.connect(f"{POSTGRES}/{DB_NAME}")
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    finally:
        connection.close()


def pending_now() -> int:
    """Outbox rows to be sent now (not digest entries waiting for the digest) not yet sent."""
    return rows(
        "SELECT count(*) FROM notifications_message WHERE delivery <> 'tong-hop' "
        "AND status IN ('cho-gui', 'dang-gui')"
    )[0][0]


# --- the run ------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=170)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--load", type=float, default=165, help="seconds of load")
    parser.add_argument("--outage", type=float, nargs=2, default=[45, 60], metavar=("START", "LEN"))
    parser.add_argument("--reports-from", type=float, default=15)
    parser.add_argument("--reports-window", type=float, default=60)
    parser.add_argument("--double", type=float, default=0.1)
    parser.add_argument("--hotline-rate", type=float, default=10, help="submissions per second")
    parser.add_argument("--connections", type=int, default=50, help="wrk connections per page")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn sync workers")
    parser.add_argument("--drain", type=float, default=300, help="seconds to wait for delivery")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    outage_start, outage_len = args.outage
    scratch = Path(tempfile.mkdtemp(prefix="bench-examday-"))
    own_redis = RedisServer(free_port(), scratch)
    sink = Sink()
    controller = None
    result: dict = {}
    try:
        # Sink records wall-clock arrival times (the outbox rows carry wall-clock timestamps).
        from aiosmtpd.controller import Controller

        class WallSink(Sink):
            async def handle_DATA(self, server, session, envelope):
                text = envelope.original_content.decode(errors="replace")
                match = re.search(r"^Message-ID:\s*(\S+)", text, re.I | re.M)
                with self.lock:
                    self.arrivals.append((time.time(), match.group(1) if match else None))
                return "250 Message accepted for delivery"

        sink = WallSink()
        smtp_port = free_port()
        controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        own_redis.start()
        postgres(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        postgres(f"CREATE DATABASE {DB_NAME}")
        env = {
            **portal_env(scratch),
            "DATABASE_URL": f"{POSTGRES}/{DB_NAME}",
            "REDIS_URL": own_redis.url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "NOTIFICATIONS_MESSAGE_ID_DOMAIN": MESSAGE_ID_DOMAIN,
            "HOTLINE_RATE_LIMIT": "1000000",
            "C_FORCE_ROOT": "true",
            "PYTHONUNBUFFERED": "1",
            # A deep listen queue for 200 connections at once; no access log (nginx keeps it).
            "GUNICORN_CMD_ARGS": "--backlog=2048",
        }
        python = sys.executable
        started = time.monotonic()
        run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
        run([python, "manage.py", "collectstatic", "--noinput", "-v0"], env)
        data_file = scratch / "data.json"
        run([python, str(HERE / "load.py"), str(args.sites), str(args.articles), str(data_file)],
            env)  # fmt: skip
        postgres("ANALYZE", database=DB_NAME)
        data = json.loads(data_file.read_text())
        log(f"loaded in {time.monotonic() - started:.0f} s; redis on {own_redis.port}, "
            f"SMTP sink on {smtp_port}")  # fmt: skip
        pages = [
            ("home /", "/"),
            ("article", f"/tin-tuc/{data['article']}/"),
            ("/van-ban/ filtered", DOCUMENTS),
            ("search", SEARCH),
        ]
        phases = [
            ("before", outage_start),
            ("Redis down", outage_len),
            ("after", args.load - outage_start - outage_len),
        ]
        stack = ProductionStack(env, scratch, web_workers=args.workers, log_level="warning")
        with stack:
            base = stack.url
            for _label, path in pages:  # warm: the page answers and is cached
                with urllib.request.urlopen(base + path, timeout=30) as r:  # noqa: S310
                    assert r.status == 200, path
            time.sleep(3)  # the worker and beat connect
            wrk_results: dict = {}
            marks: dict[str, float] = {}
            probes: list = []
            hotline = Hotline(base)
            outcomes = [Outcome(site["code"]) for site in data["sites"]]
            rng = random.Random(args.sites)
            t0 = time.monotonic()
            marks["t0"] = time.time()

            def on_phase(name):
                marks[name] = time.time()
                if name == "Redis down":
                    own_redis.stop()
                    marks[name] = time.time()  # rows written from now on found Redis gone
                    log("Redis stopped")
                    threading.Thread(
                        target=lambda: (time.sleep(5), probe(base, pages, probes)), daemon=True
                    ).start()
                elif name == "after":
                    own_redis.start()
                    marks["redis back"] = time.time()
                    log("Redis started again")
                else:
                    log(f"phase {name}")

            site_threads = [
                threading.Thread(
                    target=client,
                    args=(base, data["session"], site,
                          args.reports_from + rng.uniform(0, args.reports_window),
                          rng.random() < args.double, random.Random(i), outcome, t0),
                )
                for i, (site, outcome) in enumerate(zip(data["sites"], outcomes, strict=True))
            ]  # fmt: skip
            for thread in site_threads:
                thread.start()
            with ThreadPoolExecutor(max_workers=300) as pool:
                hotline_thread = threading.Thread(
                    target=hotline.run, args=(args.load, args.hotline_rate, pool)
                )
                hotline_thread.start()
                readers(base, pages, phases, args.connections, wrk_results, on_phase)
                marks["load end"] = time.time()
                hotline_thread.join()
            for thread in site_threads:
                thread.join()
            marks["clients done"] = time.time()
            log(f"load over ({time.monotonic() - t0:.0f} s); waiting for the outbox to drain")
            deadline = marks["redis back"] + args.drain
            while time.time() < deadline:
                if pending_now() == 0:
                    break
                time.sleep(1)
            marks["drained"] = time.time()
            time.sleep(3)  # a late duplicate would arrive now
            log("drained" if pending_now() == 0 else "NOT drained")
            result = collect(data, outcomes, hotline, sink, wrk_results, probes, marks, args)
        worker_log = stack.log("worker")
        result["worker_errors"] = sorted(
            set(re.findall(r"^\[[^\]]+: (ERROR|CRITICAL)/[^\]]+\] (.{0,160})", worker_log, re.M))
        )[:10]
        gunicorn_log = stack.log("gunicorn")
        result["server_errors"] = Counter(
            m.group(1) for m in re.finditer(r"^(\w+(?:\.\w+)*(?:Error|Exception)): ", gunicorn_log,
                                            re.M)
        ).most_common(8)  # fmt: skip
        result["internal_server_error_lines"] = gunicorn_log.count("Internal Server Error")
        for name in ("gunicorn", "worker", "beat"):  # kept for a look after the run
            with contextlib.suppress(OSError):
                shutil.copy(
                    stack.log_dir / f"{name}.log",
                    Path(tempfile.gettempdir()) / f"bench-examday-{name}.log",
                )
    finally:
        if controller is not None:
            with contextlib.suppress(Exception):
                controller.stop()
        own_redis.stop()
        with contextlib.suppress(Exception):
            postgres(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        shutil.rmtree(scratch, ignore_errors=True)
    return report(result, args)


def collect(data, outcomes, hotline, sink, wrk_results, probes, marks, args) -> dict:
    down, back = marks["Redis down"], marks["redis back"]

    def phase_of(at: float) -> str:
        return "before" if at < down else ("Redis down" if at < back else "after")

    # Site reports: accepted (302) by the client against rows.
    accepted_sites = {o.site for o in outcomes if 302 in o.statuses}
    stored = rows(
        "SELECT s.code, count(*), coalesce(sum(r.version_count), 0) FROM reports_report r "
        "JOIN exams_examsite s ON s.id = r.site_id WHERE r.kind = 'nhanh' AND r.session_id = %s "
        "GROUP BY s.code",
        [data["session"]],
    )
    stored_sites = {code: (n, versions) for code, n, versions in stored}
    version_rows = rows("SELECT count(*) FROM reports_reportversion")[0][0]
    report_latency = [ms for o in outcomes for ms in o.latencies_ms]
    report_errors = [f"{o.site}: {e}" for o in outcomes for e in o.errors]

    # Hotline: accepted (302 with a code) against rows, matched by the token in the subject.
    sent = hotline.sent
    accepted_tokens = {r["token"]: r.get("code") for r in sent if r.get("post") == 302}
    tickets = rows("SELECT code, subject FROM hotline_ticket")
    per_token = Counter(subject.split()[0] for _code, subject in tickets)
    hotline_errors = [r for r in sent if r.get("get") != 200 or r.get("post") != 302]
    hotline_by_phase = Counter((phase_of(r["at"]), "ok" if r.get("post") == 302 else "error")
                               for r in sent)  # fmt: skip
    error_kinds = Counter(
        r.get("error") or f"GET {r.get('get')}" if r.get("get") != 200 else f"POST {r.get('post')}"
        for r in hotline_errors
    )

    # Notifications: outbox rows to be sent now against Message-IDs received.
    messages = rows(
        "SELECT id, status, delivery, event, urgent, extract(epoch FROM created_at) "
        "FROM notifications_message"
    )
    now_rows = [m for m in messages if m[2] != "tong-hop"]
    expected = {f"<thong-bao-{m[0]}@{MESSAGE_ID_DOMAIN}>": m for m in now_rows}
    with sink.lock:
        arrivals = list(sink.arrivals)
    received = Counter(mid for _t, mid in arrivals)
    first_arrival = {}
    for at, mid in sorted(arrivals):
        first_arrival.setdefault(mid, at)
    during = [mid for mid, m in expected.items() if down <= float(m[5]) < back]
    during_arrivals = [first_arrival[mid] for mid in during if mid in first_arrival]
    written_before_back = [mid for mid, m in expected.items() if float(m[5]) < back]
    backlog = [first_arrival.get(mid) for mid in written_before_back]
    return {
        "marks": {k: v - marks["t0"] for k, v in marks.items()},
        "wrk": wrk_results,
        "probes": probes,
        "reports": {
            "sites": len(outcomes),
            "posts": len(report_latency),
            "p50": median(report_latency) if report_latency else 0.0,
            "p99": percentile(report_latency, 0.99),
            "errors": report_errors,
            "accepted": len(accepted_sites),
            "stored": len(stored_sites),
            "lost": sorted(accepted_sites - set(stored_sites)),
            "stored_not_accepted": sorted(set(stored_sites) - accepted_sites),
            "duplicates": sum(n - 1 for n, _v in stored_sites.values())
            + (version_rows - sum(n for n, _v in stored_sites.values())),
        },
        "hotline": {
            "submissions": len(sent),
            "urgent": sum(1 for r in sent if r.get("urgent")),
            "get_p50": median([r["get_ms"] for r in sent if "get_ms" in r] or [0]),
            "get_p99": percentile([r["get_ms"] for r in sent if "get_ms" in r], 0.99),
            "post_p50": median([r["post_ms"] for r in sent if "post_ms" in r] or [0]),
            "post_p99": percentile([r["post_ms"] for r in sent if "post_ms" in r], 0.99),
            "errors": len(hotline_errors),
            "error_kinds": error_kinds.most_common(6),
            "by_phase": dict(hotline_by_phase),
            "accepted": len(accepted_tokens),
            "tickets": len(tickets),
            "lost": sorted(t for t in accepted_tokens if per_token[t] == 0),
            "duplicates": sum(n - 1 for n in per_token.values() if n > 1),
            "stored_not_accepted": sorted(t for t in per_token if t not in accepted_tokens),
        },
        "notifications": {
            "rows": len(messages),
            "digest_rows": len(messages) - len(now_rows),
            "to_send_now": len(expected),
            "statuses": dict(Counter(m[1] for m in now_rows)),
            "received": len(arrivals),
            "lost": sum(1 for mid in expected if received[mid] == 0),
            "duplicates": sum(n - 1 for mid, n in received.items() if n > 1),
            "unexpected": sum(1 for mid in received if mid not in expected),
            "written_during_outage": len(during),
            "outage_rows_first_after": (min(during_arrivals) - back) if during_arrivals else None,
            "outage_rows_last_after": (max(during_arrivals) - back) if during_arrivals else None,
            "backlog_clear_after": (max(backlog) - back)
            if backlog and None not in backlog
            else None,
            "all_after": (max(first_arrival.values()) - back) if first_arrival else None,
        },
    }


def report(r: dict, args) -> int:
    if not r:
        print("no result")
        return 1
    failures = []
    print("\nTimeline (s from the start of the load): " + ", ".join(
        f"{k} {v:.0f}" for k, v in r["marks"].items() if k != "t0"))  # fmt: skip
    print("\n| Page | Phase | Requests/s | p50 | p99 | Requests | Non-2xx | Socket errors |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for (label, phase), w in r["wrk"].items():
        print(f"| {label} | {phase} | {w['rps']:,.0f} | {w['p50']:,.0f} ms | {w['p99']:,.0f} ms "
              f"| {w['requests']:,} | {w['non2xx']:,} | {w['socket']} |")  # fmt: skip
        if w["non2xx"] or w["socket"]:
            failures.append(f"{label}, {phase}: {w['non2xx']} non-2xx, {w['socket']} socket errors")
        if "raw" in w:
            print(w["raw"])
    print("\nProbe 5 s into the outage:", ", ".join(
        f"{label} → {status} in {seconds:.2f} s" for label, status, seconds in r["probes"]))  # fmt: skip
    rep, hot, note = r["reports"], r["hotline"], r["notifications"]
    print(f"\nSite reports: {rep['sites']} sites, {rep['posts']} POSTs, p50 {rep['p50']:.0f} ms, "
          f"p99 {rep['p99']:.0f} ms, errors {len(rep['errors'])}, accepted {rep['accepted']}, "
          f"stored {rep['stored']}, lost {len(rep['lost'])}, duplicates {rep['duplicates']}, "
          f"stored without a 302 {rep['stored_not_accepted']}")  # fmt: skip
    for error in rep["errors"][:8]:
        print(f"  report error: {error[:300]}")
    print(f"Hotline: {hot['submissions']} submissions ({hot['urgent']} urgent), GET p50 "
          f"{hot['get_p50']:.0f} ms p99 {hot['get_p99']:.0f} ms, POST p50 {hot['post_p50']:.0f} ms "
          f"p99 {hot['post_p99']:.0f} ms, errors {hot['errors']} {hot['error_kinds']}, by phase "
          f"{hot['by_phase']}, accepted {hot['accepted']}, tickets {hot['tickets']}, lost "
          f"{len(hot['lost'])}, duplicates {hot['duplicates']}, stored without a 302 "
          f"{len(hot['stored_not_accepted'])}")  # fmt: skip
    print(f"Notifications: {note}")
    print(f"Worker errors: {r.get('worker_errors')}")
    print(f"Server errors: {r.get('server_errors')}; 'Internal Server Error' lines: "
          f"{r.get('internal_server_error_lines')}")  # fmt: skip
    if rep["errors"]:
        failures.append(f"site reports: {len(rep['errors'])} errors")
    if rep["lost"] or rep["duplicates"]:
        failures.append(f"site reports: {len(rep['lost'])} lost, {rep['duplicates']} duplicated")
    if hot["errors"]:
        failures.append(f"hotline: {hot['errors']} errors")
    if hot["lost"] or hot["duplicates"]:
        failures.append(f"hotline: {len(hot['lost'])} lost, {hot['duplicates']} duplicated")
    if note["lost"] or note["duplicates"] or note["unexpected"]:
        failures.append(f"notifications: {note['lost']} not delivered, {note['duplicates']} "
                        f"duplicated, {note['unexpected']} unexpected")  # fmt: skip
    return verdict(failures)


if __name__ == "__main__":
    sys.exit(main())
