"""Submissions that arrive at the same moment, on PostgreSQL, each thread with its own connection.

The same form posted by several requests at once stores one version; different forms for the same
first version store one and refuse the others as "already sent"; amendments of the same version
store one and refuse the others as "stale". Skipped without DATABASE_URL, a failure under CI=true.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from news.models import Article, Category
from news.services import SESSION_NEWS_CATEGORY
from notifications.models import Message
from reports.events import ReportEvent
from reports.followup import session_follow_up
from reports.models import Report, ReportVersion, SessionFollowUp
from reports.services import report_submit
from tests.reports.submit.conftest import AFTER_DEADLINE, BEFORE_DEADLINE, quick_values
from tests.services import require_postgres

# The threads see only committed rows: the fixtures' rows must be committed too.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 8


@pytest.fixture(autouse=True)
def _postgres():
    require_postgres()


def at_once(count: int, work) -> list[tuple[str, object]]:
    """Run work(i) in `count` threads released together by a barrier; each thread closes its own
    database connection at the end. Returns ("ok", result) or ("error", exception) per thread."""
    barrier = threading.Barrier(count)
    outcomes: list[tuple[str, object] | None] = [None] * count

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            outcomes[i] = ("ok", work(i))
        except Exception as exc:
            outcomes[i] = ("error", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a submission hung"
    return outcomes


def codes(outcomes) -> Counter:
    """How the threads ended: "created", "again" (the same key found), or the error's code."""
    found = Counter()
    for status, value in outcomes:
        if status == "ok":
            found["created" if value.created else "again"] += 1
        elif isinstance(value, ValidationError):
            found[value.code] += 1
        else:
            found[repr(value)] += 1
    return found


@pytest.fixture
def quick(personas, site_a, session, registrations, standing, filesystem_broker):
    """Keyword arguments of site A's quick report; notifications go to a private broker."""
    return {
        "site": site_a,
        "user": personas["site_a"],
        "kind": "nhanh",
        "session": session,
        "now": BEFORE_DEADLINE,
    }


def test_the_same_form_posted_by_many_requests_at_once_stores_one_version(quick, standing):
    key = uuid.uuid4()

    outcomes = at_once(
        THREADS,
        lambda _i: report_submit(**quick, submission_key=key, values=quick_values()),
    )

    assert codes(outcomes) == {"created": 1, "again": THREADS - 1}
    version = ReportVersion.objects.get()
    assert {value.version.pk for _status, value in outcomes} == {version.pk}
    report = Report.objects.get()
    assert report.version_count == 1 and report.latest_id == version.pk
    # Told once: one row per standing member.
    assert Message.objects.filter(recipient__in=standing).count() == len(standing)


def test_different_forms_for_the_same_first_version_store_one_and_refuse_the_others(
    quick, standing
):
    outcomes = at_once(
        THREADS,
        lambda i: report_submit(
            **quick,
            submission_key=uuid.uuid4(),
            values=quick_values(late_admitted=i),  # each tab typed something else
        ),
    )

    assert codes(outcomes) == {"created": 1, "already_sent": THREADS - 1}
    report = Report.objects.get()
    version = ReportVersion.objects.get()
    assert report.version_count == 1 and report.latest_id == version.pk and version.number == 1
    winner = next(value for status, value in outcomes if status == "ok")
    assert version.late_admitted == winner.version.late_admitted
    assert Message.objects.filter(recipient__in=standing).count() == len(standing)


def test_amendments_of_the_same_version_at_once_store_one_and_refuse_the_others_as_stale(
    quick, standing
):
    first = report_submit(**quick, submission_key=uuid.uuid4(), values=quick_values()).version

    outcomes = at_once(
        THREADS,
        lambda i: report_submit(
            **quick,
            submission_key=uuid.uuid4(),
            report=first.report,
            amends=1,
            reason=f"Đính chính số {i}",
            values=quick_values(present=496, absent=4, absent_gave_up=2),
        ),
    )

    assert codes(outcomes) == {"created": 1, "stale": THREADS - 1}
    report = Report.objects.get()
    assert report.version_count == 2
    assert sorted(ReportVersion.objects.values_list("number", flat=True)) == [1, 2]
    assert report.latest.number == 2 and report.latest.present == 496


def test_the_same_amendment_posted_many_times_at_once_stores_one_version(quick):
    first = report_submit(**quick, submission_key=uuid.uuid4(), values=quick_values()).version
    key = uuid.uuid4()

    outcomes = at_once(
        THREADS,
        lambda _i: report_submit(
            **quick,
            submission_key=key,
            report=first.report,
            amends=1,
            reason="Nhập nhầm số vắng",
            values=quick_values(present=496, absent=4, absent_gave_up=2),
        ),
    )

    assert codes(outcomes) == {"created": 1, "again": THREADS - 1}
    assert ReportVersion.objects.count() == 2 and Report.objects.get().version_count == 2


def test_the_same_urgent_report_posted_many_times_at_once_is_one_report(
    personas, site_a, session, registrations, standing, filesystem_broker
):
    values = {
        "sender_name": "Nguyễn Văn Mẫu",
        "sender_phone": "0123 456 789",
        "incident_category": "dien-thoi-tiet",
        "severity": "cao",
        "title": "Mất điện toàn điểm thi",
        "body": "Mất điện lúc 8 giờ 05, chưa có điện lại.",
        "action_taken": "Mở cửa sổ, dùng đèn dự phòng.",
    }
    # Each request makes a report row of its own before it stores the version: a request that
    # finds the key stored by another must leave no empty row behind. Several rounds, as the
    # window is narrow.
    rounds = 4
    for _round in range(rounds):
        key = uuid.uuid4()
        outcomes = at_once(
            THREADS,
            lambda _i, key=key: report_submit(
                site=site_a,
                user=personas["site_a"],
                kind="dot-xuat",
                session=session,
                submission_key=key,
                values=values,
                now=BEFORE_DEADLINE,
            ),
        )
        assert codes(outcomes) == {"created": 1, "again": THREADS - 1}

    assert ReportVersion.objects.count() == rounds
    assert not Report.objects.filter(latest__isnull=True).exists()
    assert Report.objects.count() == rounds
    assert Message.objects.filter(recipient__in=standing).count() == rounds * len(standing)


def test_two_beats_following_up_the_same_session_at_once_do_each_thing_once(
    quick, session, standing, personas
):
    # A transactional test starts from a flushed database: the categories of news' data migration
    # may be gone.
    Category.objects.get_or_create(
        slug=SESSION_NEWS_CATEGORY, defaults={"name": "Tình hình các buổi thi"}
    )
    report_submit(**quick, submission_key=uuid.uuid4(), values=quick_values())  # site B missing

    outcomes = at_once(THREADS, lambda _i: session_follow_up(session=session, now=AFTER_DEADLINE))

    assert Counter(value for _status, value in outcomes) == {True: 1, False: THREADS - 1}
    assert SessionFollowUp.objects.count() == 1 and Article.objects.count() == 1
    lists = Message.objects.filter(event=ReportEvent.MISSING)
    assert sorted(m.recipient_id for m in lists) == sorted(r.pk for r in standing)
    reminders = Message.objects.filter(event=ReportEvent.REMINDER)
    assert [m.recipient.user for m in reminders] == [personas["site_b"]]
