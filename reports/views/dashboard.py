"""The steering dashboard /ban-chi-dao/: the Steering Committee, the Office and the Testing
division follow the current exam's sessions, sites and reports, and download them.

Every view checks the role on the server; a session, site or report that is not of the current
exam is a 404. Pages carry candidates' data (case lines): never cached, downloads neither.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import wraps
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from core.vietnamese import format_count, format_date, format_rate, slugify_vi
from exams.roles import Role, has_role
from exams.selectors import current_exam
from reports import exports
from reports.figures import urgent_reports_of
from reports.models import ReportKind
from reports.selectors import (
    SessionSummary,
    dashboard_reports,
    dashboard_sessions,
    dashboard_sites,
    exam_overview,
    focus_of,
    report_versions,
    seals_broken,
    session_cases,
    session_incidents,
    session_proposals,
    session_summary,
    site_heads,
    site_lines,
    site_other_reports,
    site_session_lines,
    site_versions,
    version_changes,
)

# How often the page fetches itself while a session runs (static/js/dashboard.js reads it).
REFRESH_SECONDS = 60
LATEST_URGENT = 10


def dashboard_view(view=None, *, download: bool = False):
    """Log-in, then the dashboard roles: everyone else gets 403. Pages are never kept by a cache;
    a download sets its own Cache-Control (see `_download`)."""
    if view is None:
        return lambda view: dashboard_view(view, download=download)

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not has_role(request.user, *Role.DASHBOARD):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(checked if download else never_cache(checked))


def _exam():
    exam = current_exam()
    if exam is None:
        raise Http404("Chưa có kỳ thi hiện hành.")
    return exam


def _session_or_404(session_id: int):
    return get_object_or_404(dashboard_sessions(exam=_exam()), pk=session_id)


# --- charts ---------------------------------------------------------------------------------------

CHART_WIDTH = 360  # drawn at a phone's width: text stays legible; CSS scales it on wider screens
LABEL_SIZE = 13
LABEL_CHARS = 48  # what fits across the drawing at LABEL_SIZE
# Bar colours: each has at least 3:1 contrast with white (WCAG 1.4.11); the values are written
# next to every bar and in the table below, so no colour carries meaning alone.
FORM_COLOURS = (("Khiển trách", "#0b4a8b"), ("Cảnh cáo", "#8a4b00"), ("Đình chỉ thi", "#b3261e"))


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    text: str
    text_x: float
    text_y: float


@dataclass
class ChartRow:
    label: str
    label_y: float
    bars: list[Bar]


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    height: float
    rows: list[ChartRow]
    legend: list[tuple[str, str, float, float]]  # label, fill, x of the swatch, x of the text
    width: int = CHART_WIDTH
    axis_top: float = 0
    axis_bottom: float = 0


def _short_label(session) -> str:
    """The session as a chart's row label, cut to fit the drawing (the table gives it whole)."""
    label = f"{session.get_period_display()} {format_date(session.date)} — {session.title}"
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip(" ,") + "…"


def _bar(x0, y, value_width, height, fill, text, scale_width):
    width = max(value_width, 0)
    x0 += 1  # right of the axis line
    return Bar(
        x=x0,
        y=y,
        width=round(width, 1),
        height=height,
        fill=fill,
        text=text,
        text_x=round(x0 + min(width, scale_width) + 4, 1),
        text_y=y + height - 2,
    )


def attendance_chart(overview: list[SessionSummary]) -> Chart:
    """Attendance rate per session as horizontal bars on a 0–100 % scale (never a cut axis)."""
    scale = CHART_WIDTH - 76  # room for "100,00 %" after the longest bar
    rows, y = [], 4
    for summary in overview:
        value = summary.figures.attendance_rate
        label_y = y + LABEL_SIZE
        bar_y = label_y + 5
        if value is None:
            bar = _bar(0, bar_y, 0, 16, "#0b4a8b", "chưa có số liệu", scale)
        else:
            bar = _bar(
                0, bar_y, float(value) / 100 * scale, 16, "#0b4a8b", format_rate(value), scale
            )
        rows.append(ChartRow(_short_label(summary.session), label_y, [bar]))
        y = bar_y + 16 + 12
    return Chart(
        slug="ty-le-du-thi",
        title="Tỷ lệ thí sinh dự thi theo buổi thi",
        description="Thang đo từ 0 đến 100 %; con số ghi cạnh mỗi thanh.",
        height=y,
        rows=rows,
        legend=[],
        axis_top=0,
        axis_bottom=y - 8,
    )


def discipline_chart(overview: list[SessionSummary]) -> Chart:
    """Candidates disciplined per session, one bar per form on a shared scale, each named with its
    count; a session without any case gets one line saying so instead of three empty bars."""
    keys = ("reprimands", "warnings", "suspensions")
    largest = max([summary.figures.totals[key] for summary in overview for key in keys] or [0])
    scale = CHART_WIDTH - 110  # room for "Đình chỉ thi: 12" after the longest bar
    legend, x = [], 0
    for label, fill in FORM_COLOURS:
        legend.append((label, fill, x, x + 16))
        x += 16 + len(label) * 7 + 14
    rows, y = [], 26
    for summary in overview:
        label_y = y + LABEL_SIZE
        bar_y = label_y + 6
        bars = []
        counts = [summary.figures.totals[key] for key in keys]
        if not any(counts):
            bars.append(_bar(0, bar_y, 0, 12, "#0b4a8b", "không có trường hợp nào", scale))
            bar_y += 17
        for (label, fill), count in zip(FORM_COLOURS, counts, strict=True):
            if not any(counts):
                break
            width = count / largest * scale
            bars.append(_bar(0, bar_y, width, 12, fill, f"{label}: {format_count(count)}", scale))
            bar_y += 17
        rows.append(ChartRow(_short_label(summary.session), label_y, bars))
        y = bar_y + 8
    return Chart(
        slug="ky-luat-thi-sinh",
        title="Thí sinh bị xử lý kỷ luật theo buổi thi và hình thức",
        description="Mỗi buổi thi có ba thanh: khiển trách, cảnh cáo, đình chỉ thi, mỗi thanh ghi "
        "hình thức và số thí sinh.",
        height=y,
        rows=rows,
        legend=legend,
        axis_top=26,
        axis_bottom=y - 6,
    )


# --- pages ----------------------------------------------------------------------------------------


@dashboard_view
def dashboard(request):
    """The current exam: the running or latest session first, every session, charts, urgent
    reports."""
    exam = current_exam()
    now = timezone.now()
    overview = exam_overview(exam=exam, now=now)
    focus = focus_of(overview, now=now)
    running = any(summary.is_running for summary in overview)
    charted = [summary for summary in overview if summary.phase != "upcoming"]
    context = {
        "exam": exam,
        "now": now,
        "overview": overview,
        "focus": focus,
        "running": running,
        "refresh_seconds": REFRESH_SECONDS,
        "charted": charted,
        "charts": [attendance_chart(charted), discipline_chart(charted)] if charted else [],
        "urgent_reports": list(urgent_reports_of(exam=exam)[:LATEST_URGENT]) if exam else [],
    }
    return render(request, "reports/dashboard.html", context)


@dashboard_view
def dashboard_session(request, session_id: int):
    """One session: who reported, who is late or missing, the totals, incidents, every site."""
    session = _session_or_404(session_id)
    now = timezone.now()
    summary = session_summary(session, now=now)
    lines = site_lines(summary, now=now)
    missing = [line for line in lines if line.report is None]
    groups = session_incidents(session)
    context = {
        "session": session,
        "summary": summary,
        "figures": summary.figures,
        "totals": summary.figures.totals,
        "lines": lines,
        "missing": missing,
        "late": [line for line in lines if line.report is not None and line.report.is_late],
        "amended": [line for line in lines if line.amendments],
        "incident_groups": groups,
        "incident_count": sum(len(group.items) for group in groups),
        "seals_broken": seals_broken(summary),
        "now": now,
        "running": summary.is_running,
        "refresh_seconds": REFRESH_SECONDS,
    }
    return render(request, "reports/dashboard_session.html", context)


@dashboard_view
def dashboard_site(request, site_id: int):
    """A site's quick reports over every session, its other reports, and its history."""
    site = get_object_or_404(dashboard_sites(exam=_exam()), pk=site_id)
    now = timezone.now()
    context = {
        "site": site,
        "heads": site_heads([site]).get(site.pk, []),
        "session_lines": site_session_lines(site, now=now),
        "other_reports": list(site_other_reports(site)),
        "versions": list(site_versions(site)),
    }
    return render(request, "reports/dashboard_site.html", context)


@dashboard_view
def dashboard_report(request, report_id: int):
    """A report's latest version in full, then every earlier version with what it changed."""
    report = get_object_or_404(dashboard_reports(exam=_exam()), pk=report_id)
    versions = report_versions(report)
    entries = []
    for index, version in enumerate(versions):
        older = versions[index + 1] if index + 1 < len(versions) else None
        entries.append((version, version_changes(older, version) if older else []))
    context = {
        "report": report,
        "site": report.site,
        "latest": entries[0] if entries else None,
        "earlier": entries[1:],
        "is_quick": report.kind == ReportKind.QUICK,
    }
    return render(request, "reports/dashboard_report.html", context)


# --- downloads ------------------------------------------------------------------------------------


def _download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    """An attachment named in Vietnamese (RFC 6266 filename*) with an ASCII fallback for old
    clients; candidates' data in it, so no cache keeps it."""
    stem, _dot, extension = filename.rpartition(".")
    fallback = f"{slugify_vi(stem) or 'bao-cao'}.{extension}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
    )
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _file_label(session) -> str:
    return (
        f"{session.get_period_display()} {session.date.day}-{session.date.month}-"
        f"{session.date.year} {session.title}"
    ).replace("/", "-")


def _session_parts(session, now: dt.datetime):
    summary = session_summary(session, now=now)
    return summary, site_lines(summary, now=now)


@dashboard_view(download=True)
def export_session(request, session_id: int, fmt: str):
    if fmt not in ("xlsx", "csv"):
        raise Http404
    session = _session_or_404(session_id)
    summary, lines = _session_parts(session, timezone.now())
    filename = f"Báo cáo nhanh {_file_label(session)}.{fmt}"
    if fmt == "csv":
        return _download(
            exports.session_csv(summary, lines), content_type=exports.CSV_TYPE, filename=filename
        )
    content = exports.session_xlsx(
        summary, lines, cases=session_cases(session), incidents=session_incidents(session)
    )
    return _download(content, content_type=exports.XLSX_TYPE, filename=filename)


@dashboard_view(download=True)
def export_exam(request, fmt: str):
    if fmt not in ("xlsx", "csv"):
        raise Http404
    exam = _exam()
    now = timezone.now()
    parts = [_session_parts(session, now) for session in dashboard_sessions(exam=exam)]
    filename = f"Báo cáo nhanh các buổi thi {exam.year}.{fmt}"
    if fmt == "csv":
        return _download(exports.exam_csv(parts), content_type=exports.CSV_TYPE, filename=filename)
    content = exports.exam_xlsx(
        exam,
        [
            (summary, lines, session_cases(summary.session), session_incidents(summary.session))
            for summary, lines in parts
        ],
    )
    return _download(content, content_type=exports.XLSX_TYPE, filename=filename)


@dashboard_view(download=True)
def export_session_docx(request, session_id: int):
    session = _session_or_404(session_id)
    now = timezone.now()
    summary, lines = _session_parts(session, now)
    content = exports.session_docx(
        summary,
        lines,
        incidents=session_incidents(session),
        cases=list(session_cases(session)),
        proposals=session_proposals(session),
        now=now,
    )
    filename = f"Báo cáo nhanh tổng hợp {_file_label(session)}.docx"
    return _download(content, content_type=exports.DOCX_TYPE, filename=filename)
