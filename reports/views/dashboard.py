"""The steering dashboard /ban-chi-dao/: the Steering Committee, the Office and the Testing
division follow the current exam's sessions, sites and reports, and download them.

Every view checks the role on the server; a session, site or report that is not of the current
exam is a 404. Pages carry candidates' data (case lines): never cached, downloads neither.
"""

from __future__ import annotations

import datetime as dt
from functools import wraps
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from core.vietnamese import slugify_vi
from exams.roles import Role, has_role
from exams.selectors import current_exam
from reports import exports
from reports.figures import urgent_reports_of
from reports.models import ReportKind
from reports.presenters.charts import attendance_chart, discipline_chart
from reports.selectors import (
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
