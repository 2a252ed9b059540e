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
from dataclasses import replace
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from core.vietnamese import format_datetime
from exams.models import ExamSite, Session, SessionKind
from exams.roles import Role, has_role
from exams.selectors import sites_for_user
from reports.models import Report, ReportKind
from reports.presenters.report_form import (
    MORE_LINES,
    Target,
    amendment_form,
    as_typed,
    check_figures,
    first_form,
    form_for,
    form_page_context,
    line_classes,
)
from reports.presenters.site import (
    daily_rows,
    report_days,
    report_state_label,
    site_overview,
    version_entries,
)
from reports.services import ALREADY_SENT_CODE, STALE_CODE, report_submit


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
    context = {"site": site, **site_overview(site, now=timezone.now())}
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
    days = report_days(site)
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
            context = {"site": site, "days": daily_rows(site, now)}
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
    entries = version_entries(report)
    target = Target.amendment_of(report)
    context = {
        "site": site,
        "report": report,
        "target": target,
        "heading": replace(target, report=None).heading,
        "latest": entries[0],
        "entries": entries,
        "state_label": report_state_label(report, now=timezone.now()),
        "deadline": target.deadline,
    }
    return render(request, "reports/site_report_detail.html", context)


@site_page("GET", "POST")
def report_amend(request, site: ExamSite, report_id: int):
    """An amendment: the form filled with the latest version; sent, it becomes a new version."""
    target = Target.amendment_of(_report_of(site, report_id))
    if request.method == "POST":
        return _submit(request, target, now=timezone.now())
    return _form_page(request, target, *amendment_form(target))


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
    return _form_page(request, target, *first_form(target, request.user))


def _submit(request, target: Target, *, now: dt.datetime):
    data = request.POST
    if MORE_LINES in data:
        # "Thêm dòng": the same form with more blank lines; nothing is checked or sent.
        form, lines = as_typed(target, data, longer=data[MORE_LINES])
        return _form_page(request, target, form, lines)
    form = form_for(target, data)
    lines = [cls(data) for cls in line_classes(target)]
    lines_valid = all([formset.is_valid() for formset in lines])
    if not (form.is_valid() and lines_valid):
        if target.kind == ReportKind.QUICK:
            check_figures(form, lines[0])
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
            request, target, *as_typed(target, request.POST), status=409, refusal=error.messages[0]
        )
    report = Report.objects.with_latest().get(pk=report.pk)
    amendment = replace(target, report=report, session=report.session)
    form, lines = as_typed(amendment, request.POST, amends=report.version_count)
    return _form_page(
        request, amendment, form, lines, status=409, refusal=error.messages[0], conflict=report
    )


def _form_page(request, target: Target, form, lines, *, status=200, **shown):
    context = form_page_context(target, form, lines, now=timezone.now(), **shown)
    return render(request, "reports/site_report_form.html", context, status=status)
