"""The site shell's pages: home, exam calendar, robots.txt and the pages later sections fill."""

from itertools import groupby

from django.conf import settings
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from camau_exam_portal.pagecache import cache_public_page
from exams.selectors import current_exam, exam_calendar, upcoming_sessions
from news import selectors as news
from pressroom.models import PressBriefing


@method_decorator(cache_public_page, name="dispatch")
class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exam = current_exam()
        sessions = list(upcoming_sessions(exam=exam))
        context.update(exam=exam, upcoming=sessions, calendar_is_past=not sessions)
        if not sessions:
            # After the exam the home page still shows its calendar, most recent last.
            context["upcoming"] = list(exam_calendar(exam=exam))
        pinned = news.pinned_articles()
        context.update(
            pinned=pinned,
            latest=news.latest_articles(limit=6, exclude_ids=[a.pk for a in pinned]),
            by_category=news.latest_by_category(),
            related_portals=news.related_portals(),
        )
        return context


class CalendarView(TemplateView):
    template_name = "exams/calendar.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exam = current_exam()
        sessions = list(exam_calendar(exam=exam))
        context["exam"] = exam
        context["days"] = [
            (day, list(items)) for day, items in groupby(sessions, key=lambda s: (s.round, s.date))
        ]
        # Announced press briefings only (a planned one is internal), those of this exam's year.
        briefings = PressBriefing.objects.public().order_by("starts_at")
        if exam is not None:
            briefings = briefings.filter(starts_at__year=exam.year)
        context["briefings"] = list(briefings)
        return context


class ComingSoonView(TemplateView):
    """A section of the URL map whose content arrives with a later release."""

    template_name = "coming_soon.html"
    section_title = ""
    description = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(section_title=self.section_title, description=self.description)
        return context


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /diem-thi/",
        "Disallow: /ban-chi-dao/",
        "Disallow: /dang-nhap/",
        "Disallow: /duong-day-nong/tra-cuu/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
