"""RSS and Atom feeds of new Q&A entries (/feeds/hoi-dap/rss/, /feeds/hoi-dap/atom/).

Only what `QAEntry.objects.published()` returns, newest published first; every URL is absolute,
built from the request's host.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from core.models import SiteInfo
from hotline.models import QAEntry
from hotline.selectors import answer_excerpt, published_entries

FEED_LENGTH = 20
# Feed readers poll often; proxies may keep a copy this long (seconds).
FEED_MAX_AGE = 300


class NewQAEntriesFeed(Feed):
    """The 20 newest published Q&A entries, by time of publication."""

    feed_type = Rss201rev2Feed
    language = "vi"
    title = "Hỏi đáp mới"

    def description(self) -> str:
        return (
            "Câu hỏi về Kỳ thi và câu trả lời mới đăng trên Cổng thông tin điện tử "
            f"{SiteInfo.load().agency_name}."
        )

    def link(self) -> str:
        return reverse("hotline:qa-list")

    def author_name(self) -> str:
        return SiteInfo.load().agency_name

    def items(self):
        return published_entries()[:FEED_LENGTH]

    def item_title(self, item: QAEntry) -> str:
        return item.question_title

    def item_description(self, item: QAEntry) -> str:
        question = " ".join(item.question.split())
        return f"Hỏi: {question} Trả lời: {answer_excerpt(item)}"

    def item_pubdate(self, item: QAEntry):
        return item.published_at

    def item_updateddate(self, item: QAEntry):
        return item.updated_at

    def item_categories(self, item: QAEntry) -> tuple[str, ...]:
        return (str(item.get_topic_display()),)


class NewQAEntriesAtomFeed(NewQAEntriesFeed):
    feed_type = Atom1Feed
    subtitle = NewQAEntriesFeed.description


def _feed_view(feed: Feed):
    return require_safe(cache_control(public=True, max_age=FEED_MAX_AGE)(feed))


app_name = "qa-feeds"
urlpatterns = [
    path("rss/", _feed_view(NewQAEntriesFeed()), name="rss"),
    path("atom/", _feed_view(NewQAEntriesAtomFeed()), name="atom"),
]
