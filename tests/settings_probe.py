"""Read the settings in a fresh interpreter with exactly the environment a case gives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_probe(probe: str, *, dropped, **env: str) -> subprocess.CompletedProcess:
    """Run `probe` after django.setup(), in an interpreter whose environment is this one's
    without the variables `dropped(name)` is true for, plus `env`."""
    environ = {key: value for key, value in os.environ.items() if not dropped(key)}
    environ["DJANGO_SETTINGS_MODULE"] = "camau_exam_portal.settings"
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + probe],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def probe_json(probe: str, *, dropped, **env: str) -> dict:
    """What `probe` printed as JSON; the case fails with the interpreter's error otherwise."""
    result = run_probe(probe, dropped=dropped, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
