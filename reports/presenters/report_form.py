"""The report forms of the exam-site area as the page shows them: what a form reports on
(`Target`: its heading, subject, address, deadline), the form and its lines first filled, filled
again with what was typed, the figures' errors shown all at once, and the summary of errors in the
page's order."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.urls import reverse

from core.vietnamese import format_date
from exams.models import ExamSite, Session, SiteSession
from exams.selectors import exam_calendar
from reports.forms import (
    BLANK_LINES,
    MAX_LINES,
    CaseFormSet,
    IncidentFormSet,
    PeriodicReportForm,
    QuickReportForm,
    UrgentReportForm,
)
from reports.models import Report, ReportKind, ReportVersion
from reports.services import (
    CASE_FIELDS,
    COUNT_OF_FORM,
    FIELDS,
    INCIDENT_FIELDS,
    QUICK_FIELDS,
    deadline_of,
    validate_quick,
)

# The name of the "Thêm dòng" buttons; their value is the prefix of the lines to lengthen.
MORE_LINES = "them_dong"


@dataclass(frozen=True)
class Target:
    """What a form reports on: a site, a kind and its subject (session, day); with `report`, an
    amendment of that report."""

    site: ExamSite
    kind: str
    session: Session | None = None
    report_date: dt.date | None = None
    report: Report | None = None

    @classmethod
    def amendment_of(cls, report: Report) -> Target:
        return cls(report.site, report.kind, report.session, report.report_date, report)

    @property
    def amending(self) -> bool:
        return self.report is not None

    @property
    def heading(self) -> str:
        label = ReportKind(self.kind).label
        if self.kind == ReportKind.DAILY:
            label = f"{label} {format_date(self.report_date)}"
        return f"Đính chính {label[0].lower()}{label[1:]}" if self.amending else label

    @property
    def subject(self) -> str:
        if self.session is not None and self.kind == ReportKind.QUICK:
            return f"{self.session.get_period_display()} {self.session.weekday}, " + (
                f"{format_date(self.session.date)} — {self.session.title}"
            )
        if self.report is not None and self.kind == ReportKind.URGENT:
            return self.report.latest.title
        return ""

    @property
    def action(self) -> str:
        if self.amending:
            return reverse("reports:report-amend", args=[self.site.pk, self.report.pk])
        if self.kind == ReportKind.QUICK:
            return reverse("reports:quick-report", args=[self.site.pk, self.session.pk])
        if self.kind == ReportKind.DAILY:
            url = reverse("reports:daily-report", args=[self.site.pk])
            return f"{url}?ngay={self.report_date.isoformat()}"
        name = {ReportKind.URGENT: "urgent-report", ReportKind.FINAL: "final-report"}[self.kind]
        return reverse(f"reports:{name}", args=[self.site.pk])

    @property
    def deadline(self) -> dt.datetime | None:
        return deadline_of(
            kind=self.kind, session=self.session, report_date=self.report_date, site=self.site
        )

    def existing(self) -> Report | None:
        """The report a first submission would be refused for (urgent reports never are)."""
        if self.kind == ReportKind.URGENT:
            return None
        reports = Report.objects.filter(site=self.site, kind=self.kind, latest__isnull=False)
        if self.kind == ReportKind.QUICK:
            reports = reports.filter(session=self.session)
        elif self.kind == ReportKind.DAILY:
            reports = reports.filter(report_date=self.report_date)
        return reports.with_latest().first()


# --- the form and its lines -------------------------------------------------------------------


def form_for(target: Target, *args, **kwargs):
    if target.kind == ReportKind.QUICK:
        return QuickReportForm(*args, amending=target.amending, **kwargs)
    if target.kind == ReportKind.URGENT:
        # The session of an urgent report is chosen when it is first sent, never amended.
        sessions = None if target.amending else exam_calendar(exam=target.site.exam)
        return UrgentReportForm(*args, amending=target.amending, sessions=sessions, **kwargs)
    return PeriodicReportForm(*args, amending=target.amending, **kwargs)


def line_classes(target: Target) -> list:
    return [CaseFormSet, IncidentFormSet] if target.kind == ReportKind.QUICK else []


def first_form(target: Target, user) -> tuple:
    """The form of a first report and its blank lines: a fresh key, the sender of the user's last
    report, and what is known already (the session's registration for a quick report, the quick
    reports' sums for an end-of-day or final one)."""
    initial = {"submission_key": uuid.uuid4(), **_sender_of(user)}
    if target.kind == ReportKind.QUICK:
        initial.update(seals_intact=True)
        registration = SiteSession.objects.filter(site=target.site, session=target.session).first()
        if registration is not None:
            initial["registered"] = registration.registered_candidates
            initial["rooms"] = registration.rooms or None
    elif target.kind in (ReportKind.DAILY, ReportKind.FINAL):
        initial.update(_quick_sums(target))
    form = form_for(target, initial=initial)
    return form, [cls() for cls in line_classes(target)]


def amendment_form(target: Target) -> tuple:
    """The form of an amendment filled with the report's latest version, its lines too."""
    report = target.report
    latest = report.latest
    form = form_for(
        target,
        initial={
            "submission_key": uuid.uuid4(),
            "amends": report.version_count,
            **{name: getattr(latest, name) for name in FIELDS[report.kind]},
        },
    )
    lines = []
    if report.kind == ReportKind.QUICK:
        lines = [
            CaseFormSet(initial=[_line(case, CASE_FIELDS) for case in latest.cases.all()]),
            IncidentFormSet(
                initial=[_line(line, INCIDENT_FIELDS) for line in latest.incidents.all()]
            ),
        ]
    return form, lines


def _line(row, fields) -> dict:
    return {name: getattr(row, name) for name in fields}


def _sender_of(user) -> dict:
    """The sender of this user's last report, else the account's name: typed once, not at every
    session."""
    last = (
        ReportVersion.objects.filter(submitted_by=user)
        .order_by("-submitted_at")
        .values("sender_name", "sender_phone")
        .first()
    )
    return last or {"sender_name": user.get_full_name()}


def _quick_sums(target: Target) -> dict:
    """The period's figures as the site's quick reports give them (their latest versions)."""
    quick = Report.objects.filter(site=target.site, kind=ReportKind.QUICK, latest__isnull=False)
    if target.kind == ReportKind.DAILY:
        quick = quick.filter(session__date=target.report_date)
    latest = ReportVersion.objects.filter(pk__in=quick.values("latest_id"))
    if not latest.exists():
        return {}
    names = PeriodicReportForm.figures
    return latest.aggregate(**{name: Sum(name) for name in names})


def as_typed(target: Target, data, *, amends: int | None = None, longer: str = ""):
    """The form unbound, showing what was typed without checking it (no error shown); its lines
    without the blank ones, then blank lines (more of them for the lines named by `longer`)."""
    blank = form_for(target)
    initial = {
        name: field.widget.value_from_datadict(data, {}, name)
        for name, field in blank.fields.items()
    }
    try:
        uuid.UUID(str(initial.get("submission_key")))
    except ValueError:
        initial["submission_key"] = uuid.uuid4()
    if amends is not None:
        initial["amends"] = amends
    lines = []
    for formset_class in line_classes(target):
        prefix = formset_class.default_prefix
        fields = list(formset_class.form.base_fields)
        try:
            total = min(max(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), 0), MAX_LINES)
        except ValueError:
            total = 0
        rows = [{n: data.get(f"{prefix}-{i}-{n}", "") for n in fields} for i in range(total)]
        typed = [row for row in rows if any(str(v).strip() for v in row.values())]
        # "Thêm dòng" lengthens the lines by three; otherwise at least three blank ones.
        more = longer == prefix
        shown = total + BLANK_LINES if more else max(total, len(typed) + BLANK_LINES)
        formset = formset_class(initial=typed)
        formset.extra = max(min(shown, MAX_LINES) - len(typed), 0)
        lines.append(formset)
    return form_for(target, initial=initial), lines


# --- errors -----------------------------------------------------------------------------------


def check_figures(form, cases) -> None:
    """The service's checks of the figures, on the boxes that are valid, so that every error is
    shown at once rather than one round at a time. While a case line is itself incomplete, the
    counts are not compared with the lines: that line's own error says what to do."""
    values = {name: form.cleaned_data.get(name) for name in QUICK_FIELDS if name not in form.errors}
    complete = cases.is_valid()
    lines = cases.lines() if complete else [line.cleaned_data for line in cases.forms]
    try:
        validate_quick(values, lines)
    except ValidationError as error:
        for field, errors in error.error_dict.items():
            if field in form.errors or field not in form.fields:
                continue
            if not complete and field in COUNT_OF_FORM.values():
                continue
            form.add_error(field, errors)


def form_page_context(
    target: Target, form, lines, *, now: dt.datetime, refusal="", conflict=None, **extra
) -> dict:
    """What the form's page shows: the form, its lines by prefix, the errors in the page's order,
    a refusal, the report sent meanwhile, the deadline."""
    summary = error_summary(form, lines) if form is not None and form.is_bound else []
    deadline = target.deadline
    session = target.session
    context = {
        # A quick report before its session: the page says when the form opens.
        "not_open": target.kind == ReportKind.QUICK
        and not target.amending
        and now < session.starts_at,
        "site": target.site,
        "target": target,
        "heading": target.heading,
        "form": form,
        "lines": {formset.prefix: formset for formset in lines},
        "errors": summary,
        "refusal": refusal,
        "conflict": conflict,
        "deadline": deadline,
        "overdue": deadline is not None and now > deadline,
        "more_lines": MORE_LINES,
        **extra,
    }
    if target.amending:
        context["amended"] = target.report.latest
    return context


def error_summary(form, lines) -> list[dict]:
    """The form's errors in the order of the page: each formset's lines after the field they
    follow (cases after the discipline counts, events after the exam papers)."""
    follows = {"suspensions": "cases", "papers_notes": "incidents"}
    line_errors = {}
    for formset in lines:
        items = [{"anchor": "", "label": "", "message": e} for e in formset.non_form_errors()]
        for number, line in enumerate(formset.forms, 1):
            for name, errors in line.errors.items():
                bound = line[name]
                label = f"{formset.title}, dòng {number} — {bound.label}"
                items += [
                    {"anchor": bound.id_for_label, "label": label, "message": e} for e in errors
                ]
        line_errors[formset.prefix] = items
    entries = form.error_summary()
    summary = []
    for name in ["__all__", *form.fields]:
        summary += [entry for entry in entries if entry["field"] == name]
        summary += line_errors.pop(follows.get(name, ""), [])
    for items in line_errors.values():
        summary += items
    return summary
