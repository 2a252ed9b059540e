"""Submitting a quick report: checked, stored once, never changed; amendments are new versions."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from notifications.models import Delivery, Message
from reports.events import ReportEvent
from reports.models import Report, ReportVersion
from tests.reports.submit.conftest import (
    AFTER_DEADLINE,
    BEFORE_DEADLINE,
    BEFORE_START,
    quick_values,
    suspension_case,
)

pytestmark = pytest.mark.django_db


def test_a_first_submission_stores_one_report_with_a_receipt(submit):
    result = submit()

    assert result.created
    report = Report.objects.get()
    assert report.latest == result.version
    assert report.version_count == 1 and not report.is_late
    assert result.version.receipt_number == f"BC-2020-{result.version.pk:06d}"
    assert result.version.attendance_rate == Decimal("99.40")


def test_the_same_form_posted_twice_stores_it_once(submit):
    key = uuid.uuid4()

    first = submit(key=key)
    again = submit(key=key)

    assert again.version == first.version and not again.created
    assert ReportVersion.objects.count() == 1


def test_a_second_tab_cannot_send_a_second_first_version(submit):
    submit()

    with pytest.raises(ValidationError) as refused:
        submit(values=quick_values(present=496, absent=4, absent_gave_up=2))

    assert refused.value.code == "already_sent"
    assert "đã được gửi" in refused.value.messages[0]
    assert ReportVersion.objects.count() == 1


def test_an_amendment_is_a_new_version_with_its_reason(submit):
    first = submit().version

    amended = submit(
        report=first.report,
        amends=1,
        reason="Nhập nhầm số vắng",
        values=quick_values(present=496, absent=4, absent_gave_up=2),
    ).version

    report = Report.objects.get()
    assert report.latest == amended and report.version_count == 2 and report.is_amended
    assert amended.number == 2 and amended.amendment_reason == "Nhập nhầm số vắng"
    first.refresh_from_db()
    assert first.present == 497  # the first version is kept as it was sent


def test_an_amendment_needs_a_reason_and_the_latest_version(submit):
    first = submit().version
    submit(report=first.report, amends=1, reason="Sửa lần 1")

    with pytest.raises(ValidationError) as no_reason:
        submit(report=first.report, amends=2, reason="  ")
    with pytest.raises(ValidationError) as stale:
        submit(report=first.report, amends=1, reason="Sửa từ bản cũ")

    assert "amendment_reason" in no_reason.value.error_dict
    assert stale.value.code == "stale"
    assert ReportVersion.objects.count() == 2


def test_after_the_deadline_the_report_is_accepted_and_marked_late(submit):
    result = submit(now=AFTER_DEADLINE)

    assert result.version.is_late and Report.objects.get().is_late


def test_a_report_before_the_session_starts_is_refused(submit):
    with pytest.raises(ValidationError) as refused:
        submit(now=BEFORE_START)

    assert "chưa bắt đầu" in refused.value.messages[0]
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"present": 490}, "absent"),  # 490 + 3 != 500
        ({"absent_ill": 0}, "absent_other"),  # reasons 1 != absent 3
        ({"late_admitted": -1}, "late_admitted"),
        ({"suspensions": 1}, "suspensions"),  # no case line
        ({"sender_phone": ""}, "sender_phone"),
    ],
)
def test_inconsistent_figures_are_refused_at_their_field(submit, overrides, field):
    with pytest.raises(ValidationError) as refused:
        submit(values=quick_values(**overrides))

    assert field in refused.value.error_dict
    assert not Report.objects.exists() and not Message.objects.exists()


def test_case_lines_must_match_the_discipline_counts(submit):
    result = submit(values=quick_values(suspensions=1), cases=[suspension_case()])

    assert result.version.cases.get().candidate_number == "61000123"


def test_a_user_of_another_site_cannot_submit_for_it(submit, personas):
    with pytest.raises(PermissionDenied):
        submit(user=personas["site_b"])
    assert not Report.objects.exists()


def test_an_ordinary_report_goes_into_the_standing_members_digest(submit, standing):
    submit()

    messages = Message.objects.filter(recipient__in=standing)
    assert messages.count() == 2
    assert {m.delivery for m in messages} == {Delivery.DIGEST}
    assert {m.event for m in messages} == {ReportEvent.SUBMITTED}


def test_a_suspension_is_sent_to_the_standing_members_at_once(submit, standing):
    submit(values=quick_values(suspensions=1), cases=[suspension_case()])

    messages = Message.objects.filter(recipient__in=standing)
    assert messages.count() == 2
    assert all(m.urgent and m.delivery == Delivery.IMMEDIATE for m in messages)


def test_an_urgent_report_is_sent_at_once_and_never_late(
    personas, site_a, session, registrations, standing
):
    from reports.services import report_submit

    result = report_submit(
        site=site_a,
        user=personas["site_a"],
        kind="dot-xuat",
        session=session,
        submission_key=uuid.uuid4(),
        values={
            "sender_name": "Nguyễn Văn Mẫu",
            "sender_phone": "0123 456 789",
            "incident_category": "lo-de",
            "severity": "cao",
            "title": "Nghi lộ đề thi môn Ngữ văn",
            "body": "Phát hiện ảnh chụp đề thi trên mạng xã hội lúc 8 giờ 10.",
            "action_taken": "Đã báo Công an tỉnh.",
        },
        now=AFTER_DEADLINE,
    )

    assert not result.version.is_late
    messages = Message.objects.filter(recipient__in=standing)
    assert messages.count() == 2
    assert all(m.urgent and m.event == ReportEvent.URGENT for m in messages)
    assert "BÁO CÁO ĐỘT XUẤT" in messages[0].subject


def test_before_deadline_constant_is_before_the_deadline(session):
    assert BEFORE_DEADLINE < session.report_deadline < AFTER_DEADLINE


def test_a_daily_report_without_its_day_is_refused_clearly(personas, site_a):
    from reports.services import report_submit

    with pytest.raises(ValidationError) as refused:
        report_submit(
            site=site_a,
            user=personas["site_a"],
            kind="cuoi-ngay",
            submission_key=uuid.uuid4(),
            values={"sender_name": "Nguyễn Văn Mẫu", "sender_phone": "0123 456 789", "body": "x"},
        )

    assert "report_date" in refused.value.error_dict
    assert not Report.objects.exists()


def test_a_site_that_reports_without_being_expected_counts_in_rows_and_totals(
    submit, personas, exam, session
):
    from reports.figures import session_figures
    from tests import factories

    reserve = factories.ExamSiteFactory(exam=exam, code="C18", is_reserve=True)
    reserve.memberships.create(user=personas["site_b"])
    submit()  # site A, registered
    submit(site=reserve, user=personas["site_b"])  # a reserve site, not registered

    figures = session_figures(session)

    assert [row.site.code for row in figures.rows] == ["C01", "C02", "C18"]
    assert (figures.expected, figures.reported) == (3, 2)
    assert figures.totals["registered"] == 1000
