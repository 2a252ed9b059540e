"""The figures of a session as the dashboard, the exports and the draft article give them: sums
over the latest version of each site's quick report, never over older versions."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum

from exams.models import ExamSite, Session, SiteSession
from reports.models import (
    CANDIDATE_FIGURES,
    DISCIPLINE_FIGURES,
    PAPER_FIGURES,
    STAFF_FIGURES,
    IncidentLine,
    Report,
    ReportKind,
    ReportVersion,
    Severity,
)

# The figures summed over the latest versions, in the order the exports list them.
SUMMED = CANDIDATE_FIGURES + DISCIPLINE_FIGURES + STAFF_FIGURES + PAPER_FIGURES


def rate(part: int | None, whole: int | None) -> Decimal | None:
    """part / whole as a percentage rounded half up to two decimals (99.75), or None."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def expected_sites(session: Session):
    """The sites that must report on a session: those registered for it, or, when the calendar
    has no registrations for it yet, every non-reserve site of the exam."""
    registered = ExamSite.objects.filter(site_sessions__session=session)
    if registered.exists():
        return registered.order_by("code")
    return ExamSite.objects.filter(exam_id=session.round.exam_id, is_reserve=False).order_by("code")


@dataclass
class SiteRow:
    site: ExamSite
    report: Report | None
    registered: int | None  # from the calendar, shown while the site has not reported

    @property
    def state(self) -> str:
        if self.report is None:
            return "missing"
        if self.report.is_amended:
            return "amended"
        return "late" if self.report.is_late else "on_time"


@dataclass
class SessionFigures:
    session: Session
    expected: int
    reported: int
    rows: list[SiteRow]
    totals: dict[str, int] = field(default_factory=dict)
    incidents: dict[str, int] = field(default_factory=dict)  # by severity, latest versions
    urgent_reports: int = 0

    @property
    def attendance_rate(self) -> Decimal | None:
        return rate(self.totals.get("present"), self.totals.get("registered"))

    @property
    def missing(self) -> list[SiteRow]:
        return [row for row in self.rows if row.report is None]

    @property
    def late(self) -> list[SiteRow]:
        return [row for row in self.rows if row.report is not None and row.report.is_late]

    @property
    def complete(self) -> bool:
        return self.expected > 0 and self.reported >= self.expected


def session_figures(session: Session) -> SessionFigures:
    sites = list(expected_sites(session))
    reports = {
        report.site_id: report
        for report in Report.objects.quick()
        .filter(session=session)
        .select_related("site", "latest")
    }
    # A site that reported without being expected (a reserve site that had to be used) counts:
    # its figures are in the totals, so it is in the rows and in the count of sites too.
    known = {site.pk for site in sites}
    extra = [report.site for site_id, report in reports.items() if site_id not in known]
    sites = sorted(sites + extra, key=lambda site: site.code)
    registrations = dict(
        SiteSession.objects.filter(session=session).values_list("site_id", "registered_candidates")
    )
    rows = [SiteRow(site, reports.get(site.pk), registrations.get(site.pk)) for site in sites]
    latest = ReportVersion.objects.filter(
        pk__in=[r.latest_id for r in reports.values() if r.latest_id]
    )
    sums = latest.aggregate(**{name: Sum(name) for name in SUMMED})
    totals = {name: sums[name] or 0 for name in SUMMED}
    by_severity = dict(
        IncidentLine.objects.filter(version__in=latest)
        .values_list("severity")
        .annotate(n=Count("pk"))
        .values_list("severity", "n")
    )
    urgent = Report.objects.filter(kind=ReportKind.URGENT, session=session).select_related("latest")
    for report in urgent:
        severity = report.latest.severity if report.latest_id else ""
        if severity:
            by_severity[severity] = by_severity.get(severity, 0) + 1
    incidents = {level: by_severity.get(level, 0) for level in Severity.values}
    return SessionFigures(
        session=session,
        expected=len(sites),
        reported=sum(1 for row in rows if row.report is not None),
        rows=rows,
        totals=totals,
        incidents=incidents,
        urgent_reports=len(urgent),
    )


def urgent_reports_of(session: Session | None = None, exam=None):
    """Urgent reports, newest first, of one session or of a whole exam."""
    reports = Report.objects.filter(kind=ReportKind.URGENT).with_latest()
    if session is not None:
        reports = reports.filter(session=session)
    if exam is not None:
        reports = reports.filter(site__exam=exam)
    return reports.order_by("-first_submitted_at")
