"""The exam-site area (/diem-thi/) and the steering dashboard (/ban-chi-dao/)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from exams.models import SiteSession
from exams.roles import Role, has_role
from exams.selectors import current_exam, exam_calendar, sites_for_user


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


@login_required
def dashboard(request):
    _require_role(request.user, *Role.DASHBOARD)
    exam = current_exam()
    return render(
        request,
        "reports/dashboard.html",
        {"exam": exam, "sessions": list(exam_calendar(exam=exam))},
    )
