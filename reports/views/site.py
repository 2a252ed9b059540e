"""The exam-site area /diem-thi/ (being written)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from exams.models import SiteSession
from exams.roles import Role, has_role
from exams.selectors import exam_calendar, sites_for_user


def _require_role(user, *roles: str) -> None:
    if not has_role(user, *roles):
        raise PermissionDenied


@login_required
def site_home(request):
    """The sites this user acts for; nobody else's."""
    _require_role(request.user, Role.SITE)
    sites = list(sites_for_user(request.user))
    return render(request, "reports/site_home.html", {"sites": sites})


@login_required
def site_detail(request, site_id: int):
    _require_role(request.user, Role.SITE)
    # Another site's id is a 404, never a 403: the area does not reveal which sites exist.
    site = get_object_or_404(sites_for_user(request.user), pk=site_id)
    registrations = {row.session_id: row for row in SiteSession.objects.filter(site=site)}
    sessions = [
        (session, registrations.get(session.pk)) for session in exam_calendar(exam=site.exam)
    ]
    return render(request, "reports/site_detail.html", {"site": site, "sessions": sessions})


def daily_report(request, **kwargs):
    raise Http404


def final_report(request, **kwargs):
    raise Http404


def quick_report(request, **kwargs):
    raise Http404


def report_amend(request, **kwargs):
    raise Http404


def report_detail(request, **kwargs):
    raise Http404


def urgent_report(request, **kwargs):
    raise Http404
