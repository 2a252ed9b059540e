"""Fixtures of the site reports: a session of the 2020 exam with two registered sites, their users,
two standing members, and the figures of a valid quick report."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from notifications.models import RecipientRole
from reports.services import report_submit
from tests import factories

VN = factories.VN
# Ngữ văn, morning of 9/8/2020: 7:35 to 9:35, quick report due 45 minutes later (10:20).
DURING = dt.datetime(2020, 8, 9, 9, 0, tzinfo=VN)
BEFORE_DEADLINE = dt.datetime(2020, 8, 9, 10, 0, tzinfo=VN)
AFTER_DEADLINE = dt.datetime(2020, 8, 9, 11, 0, tzinfo=VN)
BEFORE_START = dt.datetime(2020, 8, 9, 7, 0, tzinfo=VN)


@pytest.fixture
def session(exam):
    return factories.SessionFactory(round=factories.RoundFactory(exam=exam))


@pytest.fixture
def registrations(session, site_a, site_b):
    return [
        factories.SiteSessionFactory(site=site_a, session=session, registered_candidates=500),
        factories.SiteSessionFactory(site=site_b, session=session, registered_candidates=300),
    ]


@pytest.fixture
def standing(db):
    return [
        factories.RecipientFactory(
            name="Phó Trưởng ban Mẫu",
            role=RecipientRole.STANDING_DEPUTY,
            email="pho-truong-ban@example.org",
        ),
        factories.RecipientFactory(name="Chủ tịch Hội đồng Mẫu", role=RecipientRole.COUNCIL_CHAIR),
    ]


def quick_values(**overrides) -> dict:
    values = {
        "sender_name": "Nguyễn Văn Mẫu",
        "sender_phone": "0123 456 789",
        "rooms": 21,
        "registered": 500,
        "present": 497,
        "absent": 3,
        "absent_gave_up": 1,
        "absent_ill": 2,
        "absent_covid": 0,
        "absent_exempt": 0,
        "absent_other": 0,
        "late_admitted": 1,
        "reprimands": 0,
        "warnings": 0,
        "suspensions": 0,
        "staff_violations": 0,
        "staff_absent": 0,
        "staff_replaced": 0,
        "seals_intact": True,
        "papers_missing": 0,
        "papers_misprinted": 0,
        "reserve_papers_used": 0,
        "proposals": "",
    }
    values.update(overrides)
    return values


def suspension_case(**overrides) -> dict:
    case = {
        "candidate_number": "61000123",
        "room": "12",
        "form": "dinh-chi",
        "description": "Mang điện thoại vào phòng thi và sử dụng; lập biên bản, thu tang vật.",
        "record_number": "05/BB",
    }
    case.update(overrides)
    return case


@pytest.fixture
def submit(personas, site_a, session, registrations):
    """Submit a quick report of site A as its user (keyword arguments override the defaults)."""

    def send(*, now=BEFORE_DEADLINE, key=None, values=None, **kwargs):
        arguments = {
            "site": site_a,
            "user": personas["site_a"],
            "kind": "nhanh",
            "session": session,
            "submission_key": key or uuid.uuid4(),
            "values": values or quick_values(),
            "now": now,
        }
        arguments.update(kwargs)
        return report_submit(**arguments)

    return send
