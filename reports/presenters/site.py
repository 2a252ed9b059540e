"""The exam-site area's overview and report pages: each session's quick report and its state, the
days of end-of-day reports, a report's versions as rows with what each amendment changed."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from core.vietnamese import format_count, format_rate
from exams.models import ExamSite, SessionKind, SiteSession
from exams.selectors import exam_calendar
from reports.forms import LABELS
from reports.models import Report, ReportKind, ReportVersion, daily_deadline
from reports.services import FIELDS, State, deadline_of, quick_report_state

SENDER_FIELDS = ("sender_name", "sender_phone")


def site_overview(site: ExamSite, *, now: dt.datetime) -> dict:
    """What the site's page shows besides the site: each session of its exam with its quick
    report's state (`sessions`), the urgent reports, the days of end-of-day reports, and the final
    report with its deadline and state."""
    registrations = {row.session_id: row for row in SiteSession.objects.filter(site=site)}
    reports = Report.objects.filter(site=site, latest__isnull=False).with_latest()
    quick = {r.session_id: r for r in reports.filter(kind=ReportKind.QUICK)}
    sessions = []
    for session in exam_calendar(exam=site.exam):
        report = quick.get(session.pk)
        state = None
        if session.kind == SessionKind.EXAM:
            state = quick_report_state(session=session, report=report, now=now)
        sessions.append(
            {
                "session": session,
                "registration": registrations.get(session.pk),
                "report": report,
                "state": state,
                "state_label": State.LABELS.get(state, ""),
            }
        )
    final = reports.filter(kind=ReportKind.FINAL).first()
    final_deadline = deadline_of(kind=ReportKind.FINAL, session=None, report_date=None, site=site)
    final_state = periodic_state(final, final_deadline, now, opens=_last_day(site))
    return {
        "sessions": sessions,
        "urgent_reports": reports.filter(kind=ReportKind.URGENT).order_by("-first_submitted_at"),
        "days": daily_rows(site, now),
        "final": final,
        "final_deadline": final_deadline,
        "final_state": final_state,
        "final_state_label": State.LABELS[final_state],
    }


def report_days(site: ExamSite) -> list[dt.date]:
    """The days of the exam with a session other than a reserve one."""
    sessions = exam_calendar(exam=site.exam).exclude(kind=SessionKind.RESERVE)
    return sorted({session.date for session in sessions})


def _last_day(site: ExamSite) -> dt.date | None:
    days = report_days(site)
    return days[-1] if days else None


def sent_state(report: Report) -> str:
    if report.is_amended:
        return State.AMENDED
    return State.LATE if report.is_late else State.ON_TIME


def periodic_state(report, deadline, now, *, opens: dt.date | None) -> str:
    if report is not None:
        return sent_state(report)
    if opens is not None and timezone.localdate(now) < opens:
        return State.NOT_OPEN
    return State.OVERDUE if now > deadline else State.OPEN


def report_state_label(report: Report, *, now: dt.datetime) -> str:
    """The state a report's page names: a quick report's as its session goes, else as sent."""
    if report.kind == ReportKind.QUICK:
        state = quick_report_state(session=report.session, report=report, now=now)
    else:
        state = sent_state(report)
    return State.LABELS[state]


def daily_rows(site: ExamSite, now: dt.datetime) -> list[dict]:
    sent = {
        report.report_date: report
        for report in Report.objects.filter(
            site=site, kind=ReportKind.DAILY, latest__isnull=False
        ).with_latest()
    }
    rows = []
    for day in report_days(site):
        report = sent.get(day)
        deadline = daily_deadline(day)
        state = periodic_state(report, deadline, now, opens=day)
        rows.append(
            {
                "day": day,
                "report": report,
                "deadline": deadline,
                "state": state,
                "state_label": State.LABELS[state],
            }
        )
    return rows


def version_entries(report: Report) -> list[dict]:
    """Every version of the report, the latest first, each with its rows and what it changed from
    the version before it."""
    versions = list(
        report.versions.select_related("submitted_by")
        .prefetch_related("cases", "incidents")
        .order_by("number")
    )
    entries = []
    previous = None
    for version in versions:
        entries.append(
            {
                "version": version,
                "rows": version_rows(version, report.kind),
                "changes": changes(previous, version, report.kind) if previous else [],
            }
        )
        previous = version
    entries.reverse()
    return entries


def _display(version: ReportVersion, name: str) -> str:
    value = getattr(version, name)
    if name in ("incident_category", "severity"):
        return getattr(version, f"get_{name}_display")() or "—"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return format_count(value)
    return value if value not in (None, "") else "—"


def version_rows(version: ReportVersion, kind: str) -> list[tuple[str, str]]:
    """(label, value) of what a version says, in the order of its form, the sender aside."""
    rows = []
    for name in FIELDS[kind]:
        if name in SENDER_FIELDS or (name == "proposals" and not version.proposals):
            continue
        rows.append((LABELS[name], _display(version, name)))
        if name == "absent" and version.registered:
            rows.append(("Tỷ lệ dự thi", format_rate(version.attendance_rate)))
    return rows


def changes(before: ReportVersion, after: ReportVersion, kind: str) -> list[str]:
    """What an amendment changed: "Số thí sinh có mặt: 497 → 496"."""
    found = []
    for name in FIELDS[kind]:
        old, new = _display(before, name), _display(after, name)
        if old != new:
            found.append(f"{LABELS[name]}: {old} → {new}")
    for related, label in (("cases", "Trường hợp kỷ luật"), ("incidents", "Sự việc bất thường")):
        old, new = len(getattr(before, related).all()), len(getattr(after, related).all())
        if old != new:
            found.append(f"{label}: {old} → {new} dòng")
    return found
