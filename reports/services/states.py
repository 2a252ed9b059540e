"""When a report is due and what state a session's quick report is in."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from core.vietnamese import format_date
from exams.models import Session
from reports.models import (
    Report,
    ReportKind,
    daily_deadline,
)


def deadline_of(*, kind: str, session: Session | None, report_date: dt.date | None, site):
    """When a report is due, or None for an urgent report (never late)."""
    if kind == ReportKind.QUICK:
        return session.report_deadline
    if kind == ReportKind.DAILY:
        return daily_deadline(report_date)
    if kind == ReportKind.FINAL:
        end = site.exam.end_date + dt.timedelta(days=settings.REPORTS_FINAL_DEADLINE_DAYS)
        return daily_deadline(end)
    return None


class State:
    NOT_OPEN = "not_open"
    OPEN = "open"
    OVERDUE = "overdue"
    ON_TIME = "on_time"
    LATE = "late"
    AMENDED = "amended"

    LABELS = {
        NOT_OPEN: "Chưa đến giờ báo cáo",
        OPEN: "Đang chờ báo cáo",
        OVERDUE: "Quá hạn, chưa gửi",
        ON_TIME: "Đã gửi đúng hạn",
        LATE: "Đã gửi muộn",
        AMENDED: "Đã đính chính",
    }


def quick_report_state(*, session: Session, report: Report | None, now: dt.datetime) -> str:
    if report is not None:
        if report.is_amended:
            return State.AMENDED
        return State.LATE if report.is_late else State.ON_TIME
    if now < session.starts_at:
        return State.NOT_OPEN
    return State.OVERDUE if now > session.report_deadline else State.OPEN


def _when(moment: dt.datetime) -> str:
    """10:05 ngày 9/8/2020, as the receipts say it."""
    return f"{timezone.localtime(moment):%H:%M} ngày {format_date(moment)}"
