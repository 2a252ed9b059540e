"""Reads of the steering dashboard (/ban-chi-dao/) and its exports.

Everything here is scoped to one exam, the current one: a session, site or report of another exam
is simply not in these querysets, so the views answer 404 for it. The figures themselves come from
`reports.figures` (sums over the latest version of each report); this module adds what the pages
need around them: the phase of a session, the state of each site, the sites' heads, incidents with
the report they came from, a site's history and the differences between two versions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet

from exams.models import Exam, ExamSite, Session, SessionKind, SiteMembership, SiteSession
from reports.figures import SUMMED, SessionFigures, SiteRow, session_figures
from reports.models import (
    DisciplineCase,
    IncidentLine,
    Report,
    ReportKind,
    ReportVersion,
    Severity,
)
from reports.services import State

# --- what the dashboard may show ------------------------------------------------------------------


def dashboard_sessions(*, exam: Exam | None) -> QuerySet[Session]:
    """The exam sessions (not the procedures or reserve days) of the exam, in calendar order:
    the sessions sites send a quick report about."""
    if exam is None:
        return Session.objects.none()
    return (
        Session.objects.filter(round__exam=exam, kind=SessionKind.EXAM)
        .select_related("round__exam")
        .order_by("date", "start_time", "round__number")
    )


def dashboard_sites(*, exam: Exam | None) -> QuerySet[ExamSite]:
    if exam is None:
        return ExamSite.objects.none()
    return ExamSite.objects.filter(exam=exam).select_related("exam").order_by("code")


def dashboard_reports(*, exam: Exam | None) -> QuerySet[Report]:
    if exam is None:
        return Report.objects.none()
    return Report.objects.filter(site__exam=exam).select_related("site", "session__round", "latest")


# --- sessions -------------------------------------------------------------------------------------


class Phase:
    UPCOMING = "upcoming"  # not started yet
    RUNNING = "running"  # between its start and its quick-report deadline
    CLOSED = "closed"  # the deadline has passed

    LABELS = {
        UPCOMING: "Chưa diễn ra",
        RUNNING: "Đang nhận báo cáo nhanh",
        CLOSED: "Đã kết thúc",
    }


def session_phase(session: Session, now: dt.datetime) -> str:
    if now < session.starts_at:
        return Phase.UPCOMING
    if now <= session.report_deadline:
        return Phase.RUNNING
    return Phase.CLOSED


def site_state(session: Session, report: Report | None, now: dt.datetime) -> str:
    """Where a site stands on a session's quick report. Unlike the exam-site area's state, an
    amendment does not hide that the first report came late: amendments are shown apart."""
    if report is not None:
        return State.LATE if report.is_late else State.ON_TIME
    if now < session.starts_at:
        return State.NOT_OPEN
    return State.OVERDUE if now > session.report_deadline else State.OPEN


@dataclass
class SiteLine:
    """One site's row on a session page and in the exports."""

    row: SiteRow
    state: str
    heads: list[str] = field(default_factory=list)
    incidents: int = 0

    @property
    def site(self) -> ExamSite:
        return self.row.site

    @property
    def report(self) -> Report | None:
        return self.row.report

    @property
    def version(self) -> ReportVersion | None:
        return self.row.report.latest if self.row.report is not None else None

    @property
    def state_label(self) -> str:
        return State.LABELS[self.state]

    @property
    def amendments(self) -> int:
        return max(self.row.report.version_count - 1, 0) if self.row.report is not None else 0


@dataclass
class SessionSummary:
    session: Session
    figures: SessionFigures
    phase: str

    @property
    def phase_label(self) -> str:
        return Phase.LABELS[self.phase]

    @property
    def is_running(self) -> bool:
        return self.phase == Phase.RUNNING

    @property
    def late_count(self) -> int:
        return len(self.figures.late)

    @property
    def missing_count(self) -> int | None:
        """Sites without a report, once the session has started (None before: nothing is due)."""
        if self.phase == Phase.UPCOMING:
            return None
        return len(self.figures.missing)

    @property
    def serious_incidents(self) -> int:
        return self.figures.incidents.get(Severity.HIGH, 0)


def session_summary(session: Session, *, now: dt.datetime) -> SessionSummary:
    return SessionSummary(session, session_figures(session), session_phase(session, now))


def exam_overview(*, exam: Exam | None, now: dt.datetime) -> list[SessionSummary]:
    """Every exam session of the exam with its figures, in calendar order."""
    return [session_summary(session, now=now) for session in dashboard_sessions(exam=exam)]


def focus_of(overview: list[SessionSummary], *, now: dt.datetime) -> SessionSummary | None:
    """The session to show first: one running now, else the most recent that has started, else
    the next one."""
    running = [summary for summary in overview if summary.is_running]
    if running:
        return running[-1]
    started = [summary for summary in overview if summary.phase == Phase.CLOSED]
    if started:
        return max(started, key=lambda summary: summary.session.starts_at)
    return overview[0] if overview else None


def site_heads(sites) -> dict[int, list[str]]:
    """The names (and nothing else) of each site's heads (Trưởng Điểm thi) with an active account.
    An account without a name is left out: its log-in name is not a person's name to show."""
    heads: dict[int, list[str]] = {}
    memberships = (
        SiteMembership.objects.filter(
            site__in=sites, role=SiteMembership.SiteRole.HEAD, user__is_active=True
        )
        .select_related("user")
        .order_by("pk")
    )
    for membership in memberships:
        name = membership.user.get_full_name()
        if name:
            heads.setdefault(membership.site_id, []).append(name)
    return heads


def site_lines(summary: SessionSummary, *, now: dt.datetime) -> list[SiteLine]:
    """The per-site table of a session: state, heads and the number of incidents each told (in
    the latest version of its quick report, and in its urgent reports of the session)."""
    rows = summary.figures.rows
    latest_ids = [row.report.latest_id for row in rows if row.report and row.report.latest_id]
    lines_per_version = dict(
        IncidentLine.objects.filter(version_id__in=latest_ids)
        .values("version_id")
        .annotate(n=Count("pk"))
        .values_list("version_id", "n")
    )
    urgent_per_site = dict(
        Report.objects.filter(kind=ReportKind.URGENT, session=summary.session)
        .values("site_id")
        .annotate(n=Count("pk"))
        .values_list("site_id", "n")
    )
    heads = site_heads([row.site for row in rows])
    return [
        SiteLine(
            row=row,
            state=site_state(summary.session, row.report, now),
            heads=heads.get(row.site.pk, []),
            incidents=lines_per_version.get(row.report.latest_id if row.report else None, 0)
            + urgent_per_site.get(row.site.pk, 0),
        )
        for row in rows
    ]


def seals_broken(summary: SessionSummary) -> list[ExamSite]:
    """Sites whose latest quick report says the seals of the papers were not intact."""
    return [
        row.site
        for row in summary.figures.rows
        if row.report is not None
        and row.report.latest is not None
        and not row.report.latest.seals_intact
    ]


SEVERITY_ORDER = (Severity.HIGH, Severity.MEDIUM, Severity.LOW)


@dataclass
class IncidentItem:
    severity: str
    category: str  # label
    description: str
    action_taken: str
    site: ExamSite
    report: Report
    at: dt.datetime
    source: str  # label of the kind of report it came from

    @property
    def severity_label(self) -> str:
        return str(Severity(self.severity).label) if self.severity else ""


@dataclass
class SeverityGroup:
    severity: str
    label: str
    items: list[IncidentItem]


def session_incidents(session: Session) -> list[SeverityGroup]:
    """The unusual events of a session, most serious first: the incident lines of the latest
    version of each quick report and the urgent reports of the session, each with its report."""
    items: list[IncidentItem] = []
    quick_latest = Report.objects.quick().filter(session=session).values("latest_id")
    lines = IncidentLine.objects.filter(version_id__in=quick_latest).select_related(
        "version__report__site"
    )
    for line in lines:
        items.append(
            IncidentItem(
                severity=line.severity,
                category=line.get_category_display(),
                description=line.description,
                action_taken=line.action_taken,
                site=line.version.report.site,
                report=line.version.report,
                at=line.version.submitted_at,
                source=ReportKind.QUICK.label,
            )
        )
    urgent = Report.objects.filter(kind=ReportKind.URGENT, session=session).with_latest()
    for report in urgent:
        version = report.latest
        if version is None:
            continue
        items.append(
            IncidentItem(
                severity=version.severity,
                category=version.get_incident_category_display(),
                description=version.title or version.body,
                action_taken=version.action_taken,
                site=report.site,
                report=report,
                at=version.submitted_at,
                source=ReportKind.URGENT.label,
            )
        )
    groups = []
    for level in SEVERITY_ORDER:
        found = sorted((i for i in items if i.severity == level), key=lambda i: i.at, reverse=True)
        groups.append(SeverityGroup(level, str(Severity(level).label), found))
    return groups


def session_cases(session: Session) -> QuerySet[DisciplineCase]:
    """The discipline cases of the latest version of each quick report of the session."""
    quick_latest = Report.objects.quick().filter(session=session).values("latest_id")
    return (
        DisciplineCase.objects.filter(version_id__in=quick_latest)
        .select_related("version__report__site")
        .order_by("version__report__site__code", "pk")
    )


def session_proposals(session: Session) -> list[tuple[ExamSite, str]]:
    """What the sites proposed in the latest version of their quick reports."""
    reports = Report.objects.quick().filter(session=session).with_latest().order_by("site__code")
    return [(r.site, r.latest.proposals) for r in reports if r.latest and r.latest.proposals]


# --- a site and a report --------------------------------------------------------------------------


@dataclass
class SiteSessionLine:
    session: Session
    registered: int | None
    report: Report | None
    state: str

    @property
    def state_label(self) -> str:
        return State.LABELS[self.state]

    @property
    def version(self) -> ReportVersion | None:
        return self.report.latest if self.report is not None else None


def site_session_lines(site: ExamSite, *, now: dt.datetime) -> list[SiteSessionLine]:
    """The site's quick report of every exam session of its exam, sent or not."""
    sessions = list(dashboard_sessions(exam=site.exam))
    reports = {
        report.session_id: report
        for report in Report.objects.quick().filter(site=site).select_related("latest")
    }
    registered = dict(
        SiteSession.objects.filter(site=site).values_list("session_id", "registered_candidates")
    )
    return [
        SiteSessionLine(
            session=session,
            registered=registered.get(session.pk),
            report=reports.get(session.pk),
            state=site_state(session, reports.get(session.pk), now),
        )
        for session in sessions
    ]


def site_other_reports(site: ExamSite) -> QuerySet[Report]:
    """The site's urgent, end-of-day and final reports, newest first."""
    return (
        Report.objects.filter(site=site)
        .exclude(kind=ReportKind.QUICK)
        .select_related("session__round", "latest")
        .order_by("-first_submitted_at", "-pk")
    )


def site_versions(site: ExamSite) -> QuerySet[ReportVersion]:
    """Every submission of the site, newest first: its history of sending and amending."""
    return (
        ReportVersion.objects.filter(report__site=site)
        .select_related("report__session__round", "report__site")
        .order_by("-submitted_at", "-pk")
    )


def report_versions(report: Report) -> list[ReportVersion]:
    """Every version of the report, newest first, with its case and incident lines."""
    return list(
        report.versions.select_related("submitted_by")
        .prefetch_related(
            Prefetch("cases", queryset=DisciplineCase.objects.order_by("pk")),
            Prefetch("incidents", queryset=IncidentLine.objects.order_by("pk")),
        )
        .order_by("-number")
    )


@dataclass(frozen=True)
class Change:
    label: str
    before: object
    after: object


# Besides the summed figures, what else an amendment may change and the page says.
_COMPARED = (*SUMMED, "seals_intact", "severity", "incident_category", "title")


def version_changes(older: ReportVersion, newer: ReportVersion) -> list[Change]:
    """The figures an amendment changed, as the field's label and both values."""
    changes = []
    for name in _COMPARED:
        before, after = getattr(older, name), getattr(newer, name)
        if before == after:
            continue
        model_field = ReportVersion._meta.get_field(name)
        if model_field.choices:
            choices = dict(model_field.flatchoices)
            before, after = choices.get(before, before), choices.get(after, after)
        elif isinstance(before, bool) or isinstance(after, bool):
            before, after = ("có" if before else "không"), ("có" if after else "không")
        changes.append(Change(str(model_field.verbose_name), before, after))
    return changes
