"""The column outside the portal: RSS and Atom feeds, and the "latest news" widget for partner portals.

Both show only what `Article.objects.published()` returns: never a draft, a scheduled article before
its time or a withdrawn one. Every URL they give is absolute, built from the request's host.
"""

from __future__ import annotations

from functools import wraps

from csp.constants import SELF
from csp.decorators import csp_replace
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import format_html
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from core.env import is_web_origin
from core.models import SiteInfo
from core.pagecache import cache_public_page
from exams.selectors import current_exam
from news import selectors
from news.models import Article, Category

FEED_LENGTH = 20
WIDGET_LENGTH = 5
# Pixels: five two-line titles and the heading fit without a scroll bar.
WIDGET_HEIGHT = 420
# Feed readers poll often; proxies may keep a copy this long (seconds).
FEED_MAX_AGE = 300


def _column_title() -> str:
    exam = current_exam()
    return exam.title if exam else "Kỳ thi tốt nghiệp THPT"


class LatestArticlesFeed(Feed):
    """The 20 newest published articles of the column, all categories."""

    feed_type = Rss201rev2Feed
    language = "vi"

    def title(self) -> str:
        return f"Tin tức {_column_title()}"

    def description(self) -> str:
        return (
            f"Tin mới nhất của chuyên mục {_column_title()} trên Cổng thông tin điện tử "
            f"{SiteInfo.load().agency_name}."
        )

    def link(self) -> str:
        return reverse("news:article-list")

    def author_name(self) -> str:
        return SiteInfo.load().agency_name

    def items(self):
        return Article.objects.published().for_listing()[:FEED_LENGTH]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_pubdate(self, item: Article):
        return item.publish_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_categories(self, item: Article) -> tuple[str, ...]:
        return (item.category.name,)

    def item_author_name(self, item: Article) -> str | None:
        return item.byline or None


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class CategoryFeed(LatestArticlesFeed):
    """The 20 newest published articles of one active category."""

    def get_object(self, request, slug: str) -> Category:
        return get_object_or_404(Category, slug=slug, is_active=True)

    def title(self, obj: Category) -> str:
        return f"{obj.name} — Tin tức {_column_title()}"

    def description(self, obj: Category) -> str:
        return obj.description or f"Tin mới nhất của chuyên mục {obj.name}."

    def link(self, obj: Category) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Category):
        return Article.objects.published().for_listing().filter(category=obj)[:FEED_LENGTH]


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed
    subtitle = CategoryFeed.description


@require_safe
def feed_list(request):
    """The page that explains the feeds and lists one pair per active category.

    Not in the whole-page cache: it shows the feeds' full addresses, with the request's host.
    """
    return render(
        request,
        "news/feed_list.html",
        {"categories": list(Category.objects.filter(is_active=True))},
    )


def _feed_view(feed: Feed):
    return require_safe(cache_control(public=True, max_age=FEED_MAX_AGE)(feed))


app_name = "feeds"
urlpatterns = [
    path("", feed_list, name="index"),
    path("tin-tuc/rss/", _feed_view(LatestArticlesFeed()), name="news-rss"),
    path("tin-tuc/atom/", _feed_view(LatestArticlesAtomFeed()), name="news-atom"),
    path("chuyen-muc/<slug:slug>/rss/", _feed_view(CategoryFeed()), name="category-rss"),
    path("chuyen-muc/<slug:slug>/atom/", _feed_view(CategoryAtomFeed()), name="category-atom"),
]


# The widget ---------------------------------------------------------------------------------------


def widget_frame_policy(view):
    """Let the portal itself and the partner origins frame the view: those of the setting
    WIDGET_FRAME_ANCESTORS and those the Office set in admin (SiteInfo.widget_partner_origins).

    Every other page keeps `X-Frame-Options: DENY` and `frame-ancestors 'none'`. The lists are read
    per request (the site info from its cache, refreshed when it is saved), so an origin added in
    admin counts from the next request, cached widget or not.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        ancestors = [SELF]
        for origin in [*settings.WIDGET_FRAME_ANCESTORS, *SiteInfo.load().partner_origins()]:
            # Checked again here: a value written around admin's form never reaches the header.
            if is_web_origin(origin) and origin not in ancestors:
                ancestors.append(origin)
        return csp_replace({"frame-ancestors": ancestors})(view)(request, *args, **kwargs)

    return xframe_options_exempt(wrapper)


@require_safe
@widget_frame_policy
@cache_public_page
def widget(request):
    """The newest published articles, for an iframe on a partner portal; links open in the parent."""
    return render(
        request,
        "news/widget.html",
        {"articles": selectors.latest_articles(limit=WIDGET_LENGTH)},
    )


@require_safe
def widget_embed(request):
    """The iframe snippet partners copy, with a preview of the widget."""
    snippet = format_html(
        '<iframe src="{}" title="{}" width="100%" height="{}" loading="lazy"></iframe>',
        request.build_absolute_uri(reverse("news:widget")),
        f"Tin mới — {_column_title()}",
        WIDGET_HEIGHT,
    )
    return render(request, "news/widget_snippet.html", {"snippet": snippet})
