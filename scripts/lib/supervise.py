"""Runs the processes of a Procfile together in the foreground, with honcho.

    .venv/bin/python scripts/lib/supervise.py Procfile [--log-dir DIR]

scripts/run-embedded (Procfile) and scripts/run-production (Procfile.production) end here. Ctrl-C
or SIGTERM stops every process; if one stops on its own, the others are stopped too and the exit
status is non-zero, so a crashed worker is never left unnoticed behind a working web page. With
--log-dir each process writes to DIR/<name>.log instead of this terminal (the tests and benchmarks
read the worker's log apart from gunicorn's); what the supervisor itself says stays here.

honcho starts each command in a session of its own and gathers their output. Three things differ
from `honcho start`, each for a reason:

- Stopping: SIGTERM goes to each process itself, not to its whole process group. Celery's pool
  processes die at once on a TERM of their own (they reset it to the default), which would cut
  the task at hand; sent to the worker alone, TERM is a warm shutdown that lets it finish. gunicorn
  likewise finishes its requests. Whatever is still running 15 s later (honcho waits 5 s; a warm
  shutdown of the worker takes several) is killed with its process group.
- A process that stops on its own with status 0 still ends the run with status 1: it should not
  have stopped. Ctrl-C gives 130 and SIGTERM 143, as from a shell.
- No .env file is read: the portal's environment is the caller's (.env.example says how to load one).

honcho learns that a process stopped when its output closes. runserver's reloader has a child that
would outlive it with that output open, so its end would go unnoticed: a watcher kills what is left
of the group of a process that has ended (`ps` every two seconds, on Linux and macOS alike).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from honcho import manager as honcho_manager
from honcho.environ import parse_procfile
from honcho.manager import Manager
from honcho.printer import Printer

# Seconds between the TERM that asks every process to stop and the KILL of what is left.
STOP_SECONDS = 15


class TermProcessKillGroup:
    """honcho's process manager, but TERM reaches the process alone; KILL reaches its group."""

    def terminate(self, pid: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGTERM)

    def kill(self, pid: int) -> None:
        # The group too: runserver's reloaded child, gunicorn's workers, the worker's pool.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)


class LogFiles:
    """A honcho printer: each process's lines to DIR/<name>.log, the supervisor's to the terminal."""

    def __init__(self, directory: Path, names: list[str]):
        self.terminal = Printer(sys.stdout)
        self.files = {name: (directory / f"{name}.log").open("ab") for name in names}

    @property
    def width(self) -> int:
        return self.terminal.width

    @width.setter
    def width(self, value: int) -> None:
        self.terminal.width = value

    def write(self, message) -> None:
        log = self.files.get(message.name)
        if log is None:
            self.terminal.write(message)
            return
        data = message.data
        log.write(data if isinstance(data, bytes) else data.encode())
        log.flush()


def watch_for_ended_processes(manager: Manager, *, every: float = 2.0) -> None:
    """Kill the rest of the process group of each process that has ended (a zombie, which honcho
    reaps only once its output closes), so that honcho sees it stop and stops the others."""
    while True:
        time.sleep(every)
        running = {
            entry["pid"]
            for entry in list(manager._processes.values())
            if "pid" in entry and "returncode" not in entry
        }
        if not running:
            continue
        listed = subprocess.run(  # noqa: S603 (pids of our own processes)
            ["ps", "-o", "pid=,stat=", "-p", ",".join(map(str, running))],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        alive = {
            int(fields[0])
            for fields in (line.split() for line in listed.splitlines())
            if len(fields) == 2 and not fields[1].startswith("Z")
        }
        for pid in running - alive:
            TermProcessKillGroup().kill(pid)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("procfile", type=Path)
    parser.add_argument("--log-dir", type=Path, help="write DIR/<name>.log for each process")
    args = parser.parse_args(argv)

    processes = parse_procfile(args.procfile.read_text()).processes
    if not processes:
        parser.error(f"{args.procfile} names no process")
    printer = Printer(sys.stdout)
    if args.log_dir:
        args.log_dir.mkdir(parents=True, exist_ok=True)
        printer = LogFiles(args.log_dir, list(processes))

    # Their output goes through a pipe now, not a terminal: without this, Python would hold it
    # back in blocks and the terminal or the log would lag behind.
    env = {**os.environ}
    env.setdefault("PYTHONUNBUFFERED", "1")

    manager = Manager(printer)
    if not (hasattr(manager, "_procmgr") and isinstance(manager._processes, dict)):
        # honcho is pinned (constraints.txt); a release that changes these fails here, loudly.
        raise SystemExit("supervise.py: this honcho's Manager is not the one it was written for")
    manager._procmgr = TermProcessKillGroup()
    honcho_manager.KILL_WAIT = STOP_SECONDS
    for name, command in processes.items():
        manager.add_process(name, command, env=env)
    threading.Thread(target=watch_for_ended_processes, args=(manager,), daemon=True).start()
    manager.loop()

    status = manager.returncode
    if status is None or status == 0:
        return 1
    if status < 0:  # killed by signal N: 128 + N, as a shell reports it
        return 128 - status
    return status


if __name__ == "__main__":
    sys.exit(main())
