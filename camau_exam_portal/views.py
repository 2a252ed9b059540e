"""The site shell's pages: home, exam calendar, the search page (`/tim-kiem/?q=`) and robots.txt."""

from itertools import groupby

from django.conf import settings
from django.core.paginator import InvalidPage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe
from django.views.generic import TemplateView

from core import search
from core.pagecache import cache_public_page
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


@require_safe
@cache_public_page
def search_view(request: HttpRequest) -> HttpResponse:
    query = search.parse_query(request.GET.get("q"))
    try:
        results = search.search(query, page_number=int(request.GET.get("page", "1")))
    except (ValueError, InvalidPage) as exc:
        raise Http404("Trang không tồn tại.") from exc
    context = {
        "query": query,
        "results": results,
        "page_obj": results.page,
        "query_string": urlencode({"q": query.text}),
        "min_length": search.MIN_QUERY_LENGTH,
        "max_length": search.MAX_QUERY_LENGTH,
    }
    return render(request, "search/results.html", context)
