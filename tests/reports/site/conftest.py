"""Fixtures of the exam-site pages: those of the report services (a session of 9/8/2020 with sites
A and B registered, standing members), a clock set to a moment of that day, and the form data a
browser sends."""

from __future__ import annotations

import uuid

import pytest
import time_machine

from tests.reports.submit.conftest import (  # noqa: F401 (fixtures)
    BEFORE_DEADLINE,
    quick_values,
    registrations,
    session,
    standing,
)


@pytest.fixture
def clock():
    """clock(moment): the time is `moment` (not ticking) until the end of the test."""
    travels = []

    def set_to(moment):
        while travels:
            travels.pop().stop()
        travel = time_machine.travel(moment, tick=False)
        travel.start()
        travels.append(travel)

    yield set_to
    while travels:
        travels.pop().stop()


@pytest.fixture
def site_a_user(request, client, personas, clock):
    """The client logged in as site A's user, at 10:00 on 9/8/2020 (the session under way, before
    its quick report's deadline), both sites registered for the session."""
    request.getfixturevalue("registrations")
    clock(BEFORE_DEADLINE)
    client.force_login(personas["site_a"])
    return client


def lines(prefix: str, rows: list[dict], *, total: int = 3) -> dict:
    """The management form and the rows of a formset, padded with blank rows to `total`."""
    data = {f"{prefix}-TOTAL_FORMS": str(max(total, len(rows))), f"{prefix}-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def quick_post(*, key=None, cases=(), incidents=(), **overrides) -> dict:
    """What a browser posts for a quick report: every field as text, the key, the two formsets."""
    values = quick_values(**overrides)
    data = {
        name: ("on" if value else "") if isinstance(value, bool) else str(value)
        for name, value in values.items()
    }
    data["submission_key"] = str(key or uuid.uuid4())
    data.update(lines("cases", list(cases)))
    data.update(lines("incidents", list(incidents)))
    return data
