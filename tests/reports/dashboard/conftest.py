"""Fixtures of the dashboard's tests: those of the site reports (a session of the 2020 exam with two
registered sites, their users and a valid quick report), a client per persona, and a few helpers."""

from __future__ import annotations

import uuid

import pytest

from reports.services import report_submit
from tests.reports.submit import conftest as site_reports
from tests.reports.submit.conftest import (
    AFTER_DEADLINE,
    BEFORE_DEADLINE,
    BEFORE_START,
    DURING,
    VN,
    quick_values,
    suspension_case,
)

__all__ = [
    "AFTER_DEADLINE",
    "BEFORE_DEADLINE",
    "BEFORE_START",
    "DURING",
    "VN",
    "quick_values",
    "suspension_case",
]

# The site reports' fixtures, shared here: a session with two registered sites, standing members,
# and `submit` (a quick report of site A).
registrations = site_reports.registrations
session = site_reports.session
standing = site_reports.standing
submit = site_reports.submit


@pytest.fixture
def steering_client(client, personas):
    client.force_login(personas["steering"])
    return client


@pytest.fixture
def submit_b(personas, site_b, session, registrations):
    """Submit a quick report of site B as its user."""

    def send(*, now=BEFORE_DEADLINE, values=None, **kwargs):
        arguments = {
            "site": site_b,
            "user": personas["site_b"],
            "kind": "nhanh",
            "session": session,
            "submission_key": uuid.uuid4(),
            "values": values or quick_values(registered=300, present=298, absent=2, absent_ill=1),
            "now": now,
        }
        arguments.update(kwargs)
        return report_submit(**arguments)

    return send


def urgent(site, user, *, session=None, severity="cao", now=DURING, title="Mất điện khu A"):
    return report_submit(
        site=site,
        user=user,
        kind="dot-xuat",
        session=session,
        submission_key=uuid.uuid4(),
        values={
            "sender_name": "Nguyễn Văn Mẫu",
            "sender_phone": "0123 456 789",
            "incident_category": "dien-thoi-tiet",
            "severity": severity,
            "title": title,
            "body": "Mất điện lúc 8:10 tại dãy phòng A; đã dùng máy phát.",
            "action_taken": "Dùng máy phát điện dự phòng.",
        },
        now=now,
    )
