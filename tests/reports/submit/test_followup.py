"""After a session, the worker follows up without anyone acting, each thing once: at the deadline
the missing sites are reminded and the standing members get the list of missing sites; once every
site has reported (or the deadline has passed) a draft article is prepared for the Office, never
published by the worker."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from core.vietnamese import format_rate
from news.models import Article, Status
from news.services import SESSION_NEWS_CATEGORY
from notifications.models import Delivery, Message, Recipient, RecipientRole, Subscription
from reports.events import ReportEvent
from reports.figures import rate
from reports.followup import session_follow_up, sessions_follow_up
from reports.models import SessionFollowUp
from reports.tasks import follow_up_sessions
from tests import factories
from tests.reports.submit.conftest import (
    AFTER_DEADLINE,
    BEFORE_DEADLINE,
    BEFORE_START,
    VN,
    quick_values,
    suspension_case,
)

pytestmark = pytest.mark.django_db

SITE_B_VALUES = quick_values(
    rooms=13, registered=300, present=298, absent=2, absent_gave_up=0, absent_ill=2
)


def run_beat(at: dt.datetime, times: int = 1) -> list[int]:
    """The beat's task, as the worker runs it, at a given time."""
    with time_machine.travel(at, tick=False):
        return [follow_up_sessions() for _ in range(times)]


def reminders(user):
    return Message.objects.filter(event=ReportEvent.REMINDER, recipient__user=user)


def missing_lists():
    return Message.objects.filter(event=ReportEvent.MISSING)


@pytest.fixture
def site_b_submits(submit, site_b, personas):
    def send(**kwargs):
        kwargs.setdefault("values", SITE_B_VALUES)
        return submit(site=site_b, user=personas["site_b"], **kwargs)

    return send


@pytest.fixture
def later_sessions(exam, session, site_a, site_b):
    """The afternoon session of the same day and the next morning, both registered."""
    afternoon = factories.SessionFactory(
        round=session.round, period="chieu", title="Toán", start_time=dt.time(14, 30)
    )
    next_day = factories.SessionFactory(
        round=session.round, date=dt.date(2020, 8, 10), title="Khoa học tự nhiên"
    )
    for later in (afternoon, next_day):
        for site in (site_a, site_b):
            factories.SiteSessionFactory(site=site, session=later)
    return [afternoon, next_day]


# --- before the deadline ----------------------------------------------------------------------------


def test_nothing_is_sent_before_the_deadline(submit, standing, personas):
    submit()  # site A has reported, site B not yet

    run_beat(BEFORE_START)
    run_beat(BEFORE_DEADLINE, times=3)

    assert not reminders(personas["site_b"]).exists()
    assert not missing_lists().exists()
    assert not Article.objects.exists()
    assert not SessionFollowUp.objects.filter(missing_notified_at__isnull=False).exists()


def test_a_session_not_yet_started_is_left_alone(session, registrations, later_sessions, standing):
    run_beat(AFTER_DEADLINE, times=2)

    for later in later_sessions:
        assert not SessionFollowUp.objects.filter(session=later).exists()
        assert not Message.objects.filter(dedupe_key=f"reports:missing:{later.pk}").exists()
        assert not Message.objects.filter(
            dedupe_key__startswith=f"reports:reminder:{later.pk}:"
        ).exists()
    # The morning session, past its deadline, was followed up.
    assert SessionFollowUp.objects.get(session=session).missing_notified_at is not None


def test_a_call_for_a_session_before_it_starts_does_nothing(session, registrations, standing):
    assert session_follow_up(session=session, now=BEFORE_START) is False
    assert not SessionFollowUp.objects.exists() and not Message.objects.exists()


# --- at the deadline ------------------------------------------------------------------------------


def test_at_the_deadline_the_missing_site_is_reminded_once(submit, standing, personas):
    submit()

    results = run_beat(AFTER_DEADLINE, times=2) + run_beat(AFTER_DEADLINE + dt.timedelta(minutes=5))

    assert results == [1, 0, 0]
    reminder = reminders(personas["site_b"]).get()
    assert reminder.urgent and reminder.delivery == Delivery.IMMEDIATE
    assert reminder.recipient.email == "diemthi-b@example.org"
    assert "Nhắc gửi báo cáo nhanh" in reminder.subject
    assert "C02" in " ".join(reminder.context["paragraphs"])
    assert not reminders(personas["site_a"]).exists()


def test_at_the_deadline_each_standing_member_gets_the_list_of_missing_sites_once(submit, standing):
    submit()

    for minute in range(5):
        run_beat(AFTER_DEADLINE + dt.timedelta(minutes=minute), times=2)

    lists = missing_lists()
    assert sorted(m.recipient_id for m in lists) == sorted(r.pk for r in standing)
    for message in lists:
        assert message.delivery == Delivery.IMMEDIATE
        assert message.subject.startswith("1/2 điểm thi chưa gửi báo cáo nhanh")
        text = " ".join(message.context["paragraphs"])
        assert "C02 — Điểm thi B" in text and "C01" not in text


def test_a_report_sent_after_the_reminder_is_late_and_brings_no_second_reminder(
    submit, site_b_submits, standing, personas
):
    submit()
    run_beat(AFTER_DEADLINE)

    late = site_b_submits(now=AFTER_DEADLINE + dt.timedelta(minutes=10))
    run_beat(AFTER_DEADLINE + dt.timedelta(minutes=11), times=3)

    assert late.report.is_late
    assert reminders(personas["site_b"]).count() == 1
    assert missing_lists().count() == len(standing)


def test_when_no_site_has_reported_every_site_is_reminded_and_no_draft_is_made(
    session, registrations, standing, personas
):
    run_beat(AFTER_DEADLINE, times=2)

    assert reminders(personas["site_a"]).count() == 1
    assert reminders(personas["site_b"]).count() == 1
    assert missing_lists().first().subject.startswith("2/2 điểm thi")
    assert not Article.objects.exists()


def test_the_task_follows_up_with_the_service_for_every_due_session(session, registrations):
    with time_machine.travel(AFTER_DEADLINE, tick=False):
        assert sessions_follow_up() == 1
        assert sessions_follow_up() == 0


# --- the draft article ------------------------------------------------------------------------------


def test_when_every_site_has_reported_before_the_deadline_a_draft_is_prepared_once(
    submit, site_b_submits, session, standing
):
    first = submit().version
    # An amendment: the draft counts the latest version, not the first.
    submit(
        report=first.report,
        amends=1,
        reason="Thêm 2 thí sinh bỏ thi",
        values=quick_values(present=495, absent=5, absent_gave_up=3),
    )
    site_b_submits(values={**SITE_B_VALUES, "suspensions": 1}, cases=[suspension_case()])

    run_beat(BEFORE_DEADLINE, times=3)

    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert article.category.slug == SESSION_NEWS_CATEGORY == "tinh-hinh-cac-buoi-thi"
    assert list(article.sessions.all()) == [session]
    # 495 + 298 present of 500 + 300 registered, from the latest versions.
    assert "793/800" in article.body and "793/800" in article.summary
    assert format_rate(rate(793, 800)) == "99,13 %" and "99,13 %" in article.body
    assert "1 thí sinh bị đình chỉ thi" in article.summary
    assert "795" not in article.body  # the first version of site A is not counted
    follow_up = SessionFollowUp.objects.get(session=session)
    assert follow_up.article_id == article.pk
    assert follow_up.missing_notified_at is None  # the deadline has not passed
    assert not Message.objects.filter(event=ReportEvent.REMINDER).exists()


def test_the_draft_is_never_published_by_the_worker(submit, site_b_submits, session, standing):
    submit()
    site_b_submits()

    run_beat(BEFORE_DEADLINE)
    for hours in (1, 6, 24, 47):
        run_beat(AFTER_DEADLINE + dt.timedelta(hours=hours), times=2)

    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert not Article.objects.published(now=dt.datetime(2030, 1, 1, tzinfo=VN)).exists()
    # Nobody was missing at the deadline: no reminder, no list.
    assert not Message.objects.filter(
        event__in=[ReportEvent.REMINDER, ReportEvent.MISSING]
    ).exists()
    assert SessionFollowUp.objects.get(session=session).missing_notified_at is not None


def test_after_the_deadline_a_draft_is_prepared_from_the_sites_that_reported(
    submit, session, standing
):
    submit()

    run_beat(AFTER_DEADLINE, times=2)

    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert "497/500" in article.body
    assert "1 điểm thi chưa gửi báo cáo nhanh" in article.body


def test_two_follow_ups_of_the_same_session_make_one_draft_and_one_list(
    submit, site_b_submits, session, standing
):
    submit()

    assert session_follow_up(session=session, now=AFTER_DEADLINE) is True
    assert session_follow_up(session=session, now=AFTER_DEADLINE) is False
    site_b_submits(now=AFTER_DEADLINE + dt.timedelta(minutes=30))
    assert session_follow_up(session=session, now=AFTER_DEADLINE + dt.timedelta(hours=1)) is False

    assert Article.objects.count() == 1
    assert missing_lists().count() == len(standing)


# --- a standing member who also subscribes -------------------------------------------------------


@pytest.fixture
def subscribed_standing(standing):
    """A standing member who also subscribed to the reports' events, as the demo sets them up, and
    a member of the committee who is not standing but subscribed to the list of missing sites."""
    member = standing[0]
    for event, delivery in (
        (ReportEvent.MISSING, Delivery.IMMEDIATE),
        (ReportEvent.SUBMITTED, Delivery.DIGEST),
        (ReportEvent.URGENT, Delivery.IMMEDIATE),
    ):
        Subscription.objects.create(recipient=member, event=event, delivery=delivery)
    other = Recipient.objects.create(
        name="Thành viên Mẫu", role=RecipientRole.MEMBER, email="thanhvien@example.org"
    )
    Subscription.objects.create(
        recipient=other, event=ReportEvent.MISSING, delivery=Delivery.DIGEST
    )
    return member, other


def test_a_standing_member_who_subscribes_gets_the_list_of_missing_sites_once(
    submit, subscribed_standing
):
    member, other = subscribed_standing
    submit()

    run_beat(AFTER_DEADLINE, times=2)

    mine = missing_lists().filter(recipient=member)
    assert mine.count() == 1 and mine.get().delivery == Delivery.IMMEDIATE
    assert missing_lists().filter(recipient=other).get().delivery == Delivery.DIGEST


def test_a_standing_member_who_subscribes_hears_of_each_report_once(submit, subscribed_standing):
    member, _other = subscribed_standing

    ordinary = submit().version
    alarming = submit(
        report=ordinary.report,
        amends=1,
        reason="Bổ sung trường hợp đình chỉ thi",
        values=quick_values(suspensions=1),
        cases=[suspension_case()],
    ).version

    about_ordinary = Message.objects.filter(
        recipient=member, dedupe_key__startswith=f"reports:version:{ordinary.pk}"
    )
    about_alarming = Message.objects.filter(
        recipient=member, dedupe_key__startswith=f"reports:version:{alarming.pk}"
    )
    assert about_ordinary.count() == 1 and about_ordinary.get().delivery == Delivery.DIGEST
    # The suspension reaches them at once, not in the digest they chose for ordinary reports.
    assert about_alarming.count() == 1
    assert about_alarming.get().delivery == Delivery.IMMEDIATE and about_alarming.get().urgent
