"""The exam-site area /diem-thi/: a site user sends the reports of their own sites, and only theirs.

Every page looks its site up among the user's own (`sites_for_user`) and every object under it
through that site: another site's id, a report of another site, a session of another exam, a form
key of another site's report are all a 404, never a 403, so the area does not tell which sites or
reports exist. A user of another role gets a 403 (they are not a site user at all).

Forms follow post/redirect/get: a report stored (or found stored, when the same form is posted
again) redirects to its page, which shows the receipt. A refusal shows the form again with what was
typed: 400 for figures to correct, 409 when the report was sent (or amended) meanwhile, and then
the form is offered as an amendment.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, replace
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from core.vietnamese import format_count, format_date, format_datetime, format_rate
from exams.models import ExamSite, Session, SessionKind, SiteSession
from exams.roles import Role, has_role
from exams.selectors import exam_calendar, sites_for_user
from reports.forms import (
    BLANK_LINES,
    LABELS,
    MAX_LINES,
    CaseFormSet,
    IncidentFormSet,
    PeriodicReportForm,
    QuickReportForm,
    UrgentReportForm,
)
from reports.models import Report, ReportKind, ReportVersion, daily_deadline
from reports.services import (
    ALREADY_SENT_CODE,
    CASE_FIELDS,
    COUNT_OF_FORM,
    FIELDS,
    INCIDENT_FIELDS,
    QUICK_FIELDS,
    STALE_CODE,
    State,
    deadline_of,
    quick_report_state,
    report_submit,
    validate_quick,
)

# The codes of the service's refusals that are not about the figures (reports.services).
# The name of the "Thêm dòng" buttons; their value is the prefix of the lines to lengthen.
MORE_LINES = "them_dong"
SENDER_FIELDS = ("sender_name", "sender_phone")


def _require_role(user, *roles: str) -> None:
    if not has_role(user, *roles):
        raise PermissionDenied


def site_page(*methods: str):
    """A page of one site of the user: log-in, the site role, the site among the user's own (a
    404 otherwise), then the method. The view receives the site instead of its id; no response is
    stored by a browser or a proxy."""
    allowed = {*methods, "HEAD"} if "GET" in methods else set(methods)

    def decorate(view):
        @wraps(view)
        def wrapper(request, site_id: int, **kwargs):
            _require_role(request.user, Role.SITE)
            site = get_object_or_404(sites_for_user(request.user), pk=site_id)
            if request.method not in allowed:
                return HttpResponseNotAllowed(sorted(allowed))
            return view(request, site, **kwargs)

        return never_cache(login_required(wrapper))

    return decorate


def _report_of(site: ExamSite, report_id: int) -> Report:
    reports = Report.objects.filter(site=site, latest__isnull=False).with_latest()
    return get_object_or_404(reports, pk=report_id)


def _exam_session(site: ExamSite, session_id: int) -> Session:
    sessions = Session.objects.with_exam().filter(round__exam_id=site.exam_id)
    return get_object_or_404(sessions, pk=session_id, kind=SessionKind.EXAM)


# --- what is reported -----------------------------------------------------------------------------


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


def _form(target: Target, *args, **kwargs):
    if target.kind == ReportKind.QUICK:
        return QuickReportForm(*args, amending=target.amending, **kwargs)
    if target.kind == ReportKind.URGENT:
        # The session of an urgent report is chosen when it is first sent, never amended.
        sessions = None if target.amending else exam_calendar(exam=target.site.exam)
        return UrgentReportForm(*args, amending=target.amending, sessions=sessions, **kwargs)
    return PeriodicReportForm(*args, amending=target.amending, **kwargs)


def _line_classes(target: Target) -> list:
    return [CaseFormSet, IncidentFormSet] if target.kind == ReportKind.QUICK else []


# --- the pages ------------------------------------------------------------------------------------


@never_cache
@login_required
def site_home(request):
    """The sites this user acts for; nobody else's."""
    _require_role(request.user, Role.SITE)
    sites = list(sites_for_user(request.user))
    return render(request, "reports/site_home.html", {"sites": sites})


@site_page("GET")
def site_detail(request, site: ExamSite):
    """Each session of the site's exam with its quick report's state, and the site's other
    reports."""
    now = timezone.now()
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
    context = {
        "site": site,
        "sessions": sessions,
        "urgent_reports": reports.filter(kind=ReportKind.URGENT).order_by("-first_submitted_at"),
        "days": _daily_rows(site, now),
        "final": final,
        "final_deadline": final_deadline,
    }
    context["final_state"] = _periodic_state(final, final_deadline, now, opens=_last_day(site))
    context["final_state_label"] = State.LABELS[context["final_state"]]
    return render(request, "reports/site_detail.html", context)


@site_page("GET", "POST")
def quick_report(request, site: ExamSite, session_id: int):
    session = _exam_session(site, session_id)
    return _first_submission(request, Target(site, ReportKind.QUICK, session=session))


@site_page("GET", "POST")
def urgent_report(request, site: ExamSite):
    return _first_submission(request, Target(site, ReportKind.URGENT))


@site_page("GET", "POST")
def daily_report(request, site: ExamSite):
    """The end-of-day report of `?ngay=YYYY-MM-DD`, a day of the exam; today by default when it
    is one, else the list of days to choose from."""
    now = timezone.now()
    days = _report_days(site)
    chosen = request.GET.get("ngay", "")
    if chosen:
        try:
            day = dt.date.fromisoformat(chosen)
        except ValueError:
            raise Http404 from None
        if day not in days:
            raise Http404
    else:
        day = timezone.localdate(now)
        if day not in days:
            if request.method == "POST":
                raise Http404
            context = {"site": site, "days": _daily_rows(site, now)}
            return render(request, "reports/site_daily_days.html", context)
    return _first_submission(request, Target(site, ReportKind.DAILY, report_date=day), now=now)


@site_page("GET", "POST")
def final_report(request, site: ExamSite):
    return _first_submission(request, Target(site, ReportKind.FINAL))


@site_page("GET", "POST")
def report_detail(request, site: ExamSite, report_id: int):
    """The latest version of a report, its receipt, and every earlier version with its own."""
    report = _report_of(site, report_id)
    if request.method == "POST":
        # Refused only once the report is known to be the site's: another's is a 404 either way.
        return HttpResponseNotAllowed(["GET", "HEAD"])
    now = timezone.now()
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
                "rows": _version_rows(version, report.kind),
                "changes": _changes(previous, version, report.kind) if previous else [],
            }
        )
        previous = version
    entries.reverse()
    target = Target.amendment_of(report)
    if report.kind == ReportKind.QUICK:
        state = quick_report_state(session=report.session, report=report, now=now)
    else:
        state = _sent_state(report)
    context = {
        "site": site,
        "report": report,
        "target": target,
        "heading": replace(target, report=None).heading,
        "latest": entries[0],
        "entries": entries,
        "state_label": State.LABELS[state],
        "deadline": target.deadline,
    }
    return render(request, "reports/site_report_detail.html", context)


@site_page("GET", "POST")
def report_amend(request, site: ExamSite, report_id: int):
    """An amendment: the form filled with the latest version; sent, it becomes a new version."""
    report = _report_of(site, report_id)
    target = Target.amendment_of(report)
    if request.method == "POST":
        return _submit(request, target, now=timezone.now())
    latest = report.latest
    form = _form(
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
    return _form_page(request, target, form, lines)


def _line(row, fields) -> dict:
    return {name: getattr(row, name) for name in fields}


# --- a form: shown, posted, refused -----------------------------------------------------------


def _first_submission(request, target: Target, *, now: dt.datetime | None = None):
    now = now or timezone.now()
    if request.method == "POST":
        return _submit(request, target, now=now)
    if target.kind == ReportKind.QUICK and now < target.session.starts_at:
        return _form_page(request, target, None, [])  # says when it opens
    sent = target.existing()
    if sent is not None:
        return _form_page(request, target, None, [], sent=sent)
    initial = {"submission_key": uuid.uuid4(), **_sender_of(request.user)}
    if target.kind == ReportKind.QUICK:
        initial.update(seals_intact=True)
        registration = SiteSession.objects.filter(site=target.site, session=target.session).first()
        if registration is not None:
            initial["registered"] = registration.registered_candidates
            initial["rooms"] = registration.rooms or None
    elif target.kind in (ReportKind.DAILY, ReportKind.FINAL):
        initial.update(_quick_sums(target))
    form = _form(target, initial=initial)
    return _form_page(request, target, form, [cls() for cls in _line_classes(target)])


def _submit(request, target: Target, *, now: dt.datetime):
    data = request.POST
    if MORE_LINES in data:
        # "Thêm dòng": the same form with more blank lines; nothing is checked or sent.
        form, lines = _as_typed(target, data, longer=data[MORE_LINES])
        return _form_page(request, target, form, lines)
    form = _form(target, data)
    lines = [cls(data) for cls in _line_classes(target)]
    lines_valid = all([formset.is_valid() for formset in lines])
    if not (form.is_valid() and lines_valid):
        if target.kind == ReportKind.QUICK:
            _check_figures(form, lines[0])
        return _form_page(request, target, form, lines, status=400)

    session = target.session
    if target.kind == ReportKind.URGENT and not target.amending:
        session = form.cleaned_data.get("session")
    try:
        submission = report_submit(
            site=target.site,
            user=request.user,
            kind=target.kind,
            submission_key=form.cleaned_data["submission_key"],
            values=form.values(),
            cases=lines[0].lines() if lines else None,
            incidents=lines[1].lines() if lines else None,
            session=session,
            report_date=target.report_date,
            report=target.report,
            amends=form.cleaned_data["amends"] if target.amending else None,
            reason=form.cleaned_data["amendment_reason"] if target.amending else "",
            now=now,
        )
    except PermissionDenied:
        # The key of another site's report: as unknown here as that report.
        raise Http404 from None
    except ValidationError as error:
        if getattr(error, "code", None) in (ALREADY_SENT_CODE, STALE_CODE):
            return _conflict(request, target, error)
        refusal = ""
        if hasattr(error, "error_dict"):
            form.add_service_error(error)
        else:
            refusal = " ".join(error.messages)
        return _form_page(request, target, form, lines, status=400, refusal=refusal)

    version = submission.version
    if submission.created:
        done = "Đã gửi đính chính." if version.number > 1 else "Đã gửi báo cáo."
        messages.success(request, f"{done} Xin lưu lại số biên nhận {version.receipt_number}.")
    else:
        messages.info(
            request,
            f"Biểu mẫu này đã được gửi lúc {format_datetime(version.submitted_at)} (biên nhận số "
            f"{version.receipt_number}); lần bấm gửi sau không lưu thêm bản nào.",
        )
    return redirect("reports:report-detail", target.site.pk, submission.report.pk)


def _conflict(request, target: Target, error: ValidationError):
    """The report was sent (or amended) since the form was opened: what was typed, kept, offered
    as an amendment of the latest version."""
    report = target.report or target.existing()
    if report is None:  # not a report this page can amend: the refusal alone
        return _form_page(
            request, target, *_as_typed(target, request.POST), status=409, refusal=error.messages[0]
        )
    report = Report.objects.with_latest().get(pk=report.pk)
    amendment = replace(target, report=report, session=report.session)
    form, lines = _as_typed(amendment, request.POST, amends=report.version_count)
    return _form_page(
        request, amendment, form, lines, status=409, refusal=error.messages[0], conflict=report
    )


def _check_figures(form, cases) -> None:
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


def _as_typed(target: Target, data, *, amends: int | None = None, longer: str = ""):
    """The form unbound, showing what was typed without checking it (no error shown); its lines
    without the blank ones, then blank lines (more of them for the lines named by `longer`)."""
    blank = _form(target)
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
    for formset_class in _line_classes(target):
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
    return _form(target, initial=initial), lines


def _form_page(
    request, target: Target, form, lines, *, status=200, refusal="", conflict=None, **extra
):
    summary = _error_summary(form, lines) if form is not None and form.is_bound else []
    now = timezone.now()
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
    return render(request, "reports/site_report_form.html", context, status=status)


def _error_summary(form, lines) -> list[dict]:
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


# --- what the pages show ----------------------------------------------------------------------


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


def _report_days(site: ExamSite) -> list[dt.date]:
    """The days of the exam with a session other than a reserve one."""
    sessions = exam_calendar(exam=site.exam).exclude(kind=SessionKind.RESERVE)
    return sorted({session.date for session in sessions})


def _last_day(site: ExamSite) -> dt.date | None:
    days = _report_days(site)
    return days[-1] if days else None


def _sent_state(report: Report) -> str:
    if report.is_amended:
        return State.AMENDED
    return State.LATE if report.is_late else State.ON_TIME


def _periodic_state(report, deadline, now, *, opens: dt.date | None) -> str:
    if report is not None:
        return _sent_state(report)
    if opens is not None and timezone.localdate(now) < opens:
        return State.NOT_OPEN
    return State.OVERDUE if now > deadline else State.OPEN


def _daily_rows(site: ExamSite, now: dt.datetime) -> list[dict]:
    sent = {
        report.report_date: report
        for report in Report.objects.filter(
            site=site, kind=ReportKind.DAILY, latest__isnull=False
        ).with_latest()
    }
    rows = []
    for day in _report_days(site):
        report = sent.get(day)
        deadline = daily_deadline(day)
        state = _periodic_state(report, deadline, now, opens=day)
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


def _display(version: ReportVersion, name: str) -> str:
    value = getattr(version, name)
    if name in ("incident_category", "severity"):
        return getattr(version, f"get_{name}_display")() or "—"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return format_count(value)
    return value if value not in (None, "") else "—"


def _version_rows(version: ReportVersion, kind: str) -> list[tuple[str, str]]:
    """(label, value) of what a version says, in the order of its form, the sender aside."""
    rows = []
    for name in FIELDS[kind]:
        if name in SENDER_FIELDS or (name == "proposals" and not version.proposals):
            continue
        rows.append((LABELS[name], _display(version, name)))
        if name == "absent" and version.registered:
            rows.append(("Tỷ lệ dự thi", format_rate(version.attendance_rate)))
    return rows


def _changes(before: ReportVersion, after: ReportVersion, kind: str) -> list[str]:
    """What an amendment changed: "Số thí sinh có mặt: 497 → 496"."""
    changes = []
    for name in FIELDS[kind]:
        old, new = _display(before, name), _display(after, name)
        if old != new:
            changes.append(f"{LABELS[name]}: {old} → {new}")
    for related, label in (("cases", "Trường hợp kỷ luật"), ("incidents", "Sự việc bất thường")):
        old, new = len(getattr(before, related).all()), len(getattr(after, related).all())
        if old != new:
            changes.append(f"{label}: {old} → {new} dòng")
    return changes
