"""A worker whose settings fail the system checks refuses to start, instead of delivering twice."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_worker_with_a_lease_shorter_than_its_time_limit_refuses_to_start(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")},
        "DEBUG": "true",
        "VAR_DIR": str(tmp_path),
        "C_FORCE_ROOT": "true",
        "NOTIFICATIONS_CLAIM_LEASE_SECONDS": "5",
    }
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "camau_exam_portal",
            "worker",
            "--pool",
            "solo",
            "-l",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "notifications.E003" in result.stdout + result.stderr
