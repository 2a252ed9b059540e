"""The steering dashboard /ban-chi-dao/ (being written)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from exams.roles import Role, has_role
from exams.selectors import current_exam, exam_calendar


def _require_role(user, *roles: str) -> None:
    if not has_role(user, *roles):
        raise PermissionDenied


@login_required
def dashboard(request):
    _require_role(request.user, *Role.DASHBOARD)
    exam = current_exam()
    return render(
        request,
        "reports/dashboard.html",
        {"exam": exam, "sessions": list(exam_calendar(exam=exam))},
    )


def dashboard_report(request, **kwargs):
    raise Http404


def dashboard_session(request, **kwargs):
    raise Http404


def dashboard_site(request, **kwargs):
    raise Http404


def export_exam(request, **kwargs):
    raise Http404


def export_session(request, **kwargs):
    raise Http404


def export_session_docx(request, **kwargs):
    raise Http404
