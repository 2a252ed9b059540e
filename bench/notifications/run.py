"""Notification delivery benchmark: one real worker, Redis, an SMTP sink, 1,000 rows.

    DEBUG=true .venv/bin/python bench/notifications/run.py [--count 1000] [--concurrency 2]

The database is the bench's own: with DATABASE_URL (PostgreSQL) a fresh `<name>_bench` database
is created, migrated and dropped at the end (the named database is never written to); without it,
a fresh SQLite file in a temporary VAR_DIR. The broker is REDIS_URL, or redis://127.0.0.1:6379/15;
the bench purges the `celery` and `urgent` queues there before it starts. The SMTP sink is
aiosmtpd on a free port of 127.0.0.1.

Reports messages per second, the time until the last message arrived, duplicates and lost
messages (both must be 0; the exit status is 1 otherwise).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sink:
    """aiosmtpd handler: the Message-ID and arrival time of every accepted message."""

    def __init__(self):
        self.arrivals: list[tuple[float, str]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        with self.lock:
            self.arrivals.append((time.monotonic(), message["Message-ID"]))
        return "250 Message accepted for delivery"

    def count(self) -> int:
        with self.lock:
            return len(self.arrivals)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="notifications to write")
    parser.add_argument("--concurrency", type=int, default=2, help="worker pool processes")
    parser.add_argument("--per-call", type=int, default=10, help="recipients per notify() call")
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for delivery")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="bench-notifications-"))
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
    os.environ["VAR_DIR"] = str(scratch)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "camau_exam_portal.settings")
    (scratch / "mail").mkdir()

    import django

    django.setup()
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd: a line per SMTP command

    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    from camau_exam_portal.celery import app as celery_app
    from notifications import services
    from notifications.models import Message, Recipient, RecipientRole
    from reports.events import ReportEvent

    # --- the bench's own database ---
    worker_env = {}
    if connection.vendor == "postgresql":
        named_database = connection.settings_dict["NAME"]
        connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{named_database}_bench"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        db = connection.settings_dict
        credentials = quote(db["USER"], safe="")
        if db["PASSWORD"]:
            credentials += ":" + quote(db["PASSWORD"], safe="")
        host = db["HOST"] or "127.0.0.1"
        port = f":{db['PORT']}" if db["PORT"] else ""
        worker_env["DATABASE_URL"] = f"postgres://{credentials}@{host}{port}/{quote(db['NAME'])}"
        database = f"PostgreSQL {connection.pg_version // 10000}, database {db['NAME']}"
    else:
        call_command("migrate", verbosity=0, interactive=False)
        database = (
            f"SQLite {connection.Database.sqlite_version}, {settings.DATABASES['default']['NAME']}"
        )

    # --- a clean broker ---
    with celery_app.connection_for_write() as conn:
        channel = conn.default_channel
        purged = sum(channel.queue_purge(queue) or 0 for queue in ("celery", "urgent"))

    # --- SMTP sink and worker ---
    sink = Sink()
    smtp_port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    log = scratch / "worker.log"
    env = {
        **os.environ,
        **worker_env,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "C_FORCE_ROOT": "true",
        "PYTHONUNBUFFERED": "1",
    }
    with log.open("wb") as out:
        worker = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "celery"),
                "-A",
                "camau_exam_portal",
                "worker",
                "-Q",
                "celery,urgent",
                "--concurrency",
                str(args.concurrency),
                "--pool",
                "prefork",
                "-l",
                "warning",
                "-n",
                f"bench-{os.getpid()}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    status = 1
    try:
        # -l warning hides the "ready" line: a worker is ready once it answers a ping.
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(timeout=0.5):
            if worker.poll() is not None or time.monotonic() > deadline:
                print(log.read_text(errors="replace"), file=sys.stderr)
                raise SystemExit("the worker did not start")

        recipients = Recipient.objects.bulk_create(
            Recipient(
                name=f"Người nhận {i}", email=f"bench-{i}@example.org", role=RecipientRole.MEMBER
            )
            for i in range(args.count)
        )
        rows = []
        started = time.monotonic()
        for number, first in enumerate(range(0, args.count, args.per_call)):
            urgent = number % 10 == 9  # one call in ten is urgent: both queues are busy
            with transaction.atomic():
                rows += services.notify(
                    event=ReportEvent.URGENT if urgent else ReportEvent.SUBMITTED,
                    subject=f"Báo cáo nhanh số {number}",
                    dedupe_key=f"bench:{number}",
                    context={"body": "Điểm thi đã gửi báo cáo nhanh."},
                    urgent=urgent,
                    recipients=recipients[first : first + args.per_call],
                )
        written = time.monotonic() - started

        deadline = started + args.timeout
        while sink.count() < len(rows) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(2)  # a late duplicate would arrive now
        controller.stop()

        with sink.lock:
            arrivals = list(sink.arrivals)
        counts = Counter(mid for _t, mid in arrivals)
        expected = {row.message_id for row in rows}
        duplicates = sum(n - 1 for n in counts.values() if n > 1)
        lost = len(expected - set(counts))
        unexpected = len(set(counts) - expected)
        last = max((t for t, _mid in arrivals), default=started) - started
        statuses = Counter(Message.objects.values_list("status", flat=True))

        print(f"database:           {database}")
        print(f"broker:             {settings.CELERY_BROKER_URL} (purged {purged} stale messages)")
        print(f"worker:             prefork, concurrency {args.concurrency}")
        print(f"notifications:      {len(rows)} in {len(rows) // args.per_call} transactions")
        print(f"writing took:       {written:.2f} s")
        print(f"last arrived after: {last:.2f} s")
        print(f"throughput:         {len(arrivals) / last:.1f} messages/s" if last else "")
        print(f"received:           {len(arrivals)}")
        print(f"duplicates:         {duplicates}")
        print(f"lost:               {lost}")
        if unexpected:
            print(f"unexpected:         {unexpected} (not written by this run)")
        print(f"row statuses:       {dict(statuses)}")
        status = 0 if duplicates == 0 and lost == 0 and not unexpected else 1
    finally:
        if worker.poll() is None:
            worker.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.wait(timeout=15)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        if controller.server is not None:
            controller.stop()
        if connection.vendor == "postgresql":
            connection.creation.destroy_test_db(named_database, verbosity=0)
        shutil.rmtree(scratch, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
