"""RSS and Atom feeds of new documents (/feeds/van-ban/rss/, /feeds/van-ban/atom/).

Only what `Document.objects.published()` returns, newest published first; every URL is absolute,
built from the request's host.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from core.models import SiteInfo
from core.vietnamese import format_date
from documents.models import Document
from documents.selectors import published_documents

FEED_LENGTH = 20
# Feed readers poll often; proxies may keep a copy this long (seconds).
FEED_MAX_AGE = 300


class NewDocumentsFeed(Feed):
    """The 20 newest published documents of the library, by time of publication."""

    feed_type = Rss201rev2Feed
    language = "vi"
    title = "Văn bản mới"

    def description(self) -> str:
        return (
            "Văn bản chỉ đạo, hướng dẫn về Kỳ thi mới đăng trên Cổng thông tin điện tử "
            f"{SiteInfo.load().agency_name}."
        )

    def link(self) -> str:
        return reverse("documents:document-list")

    def author_name(self) -> str:
        return SiteInfo.load().agency_name

    def items(self):
        return published_documents().order_by("-publish_at", "-pk")[:FEED_LENGTH]

    def item_title(self, item: Document) -> str:
        return f"{item.get_doc_type_display()} {item.number_symbol}: {item.summary}"

    def item_description(self, item: Document) -> str:
        issued = f"ban hành ngày {format_date(item.issued_on)}"
        who = f"{item.issuing_body.name} {issued}" if item.issuing_body else issued.capitalize()
        return f"{who}. {item.summary}"

    def item_pubdate(self, item: Document):
        return item.publish_at

    def item_updateddate(self, item: Document):
        return item.updated_at

    def item_categories(self, item: Document) -> tuple[str, ...]:
        categories = [str(item.get_doc_type_display())]
        if item.issuing_body:
            categories.append(item.issuing_body.name)
        return tuple(categories)


class NewDocumentsAtomFeed(NewDocumentsFeed):
    feed_type = Atom1Feed
    subtitle = NewDocumentsFeed.description


def _feed_view(feed: Feed):
    return require_safe(cache_control(public=True, max_age=FEED_MAX_AGE)(feed))


app_name = "document-feeds"
urlpatterns = [
    path("rss/", _feed_view(NewDocumentsFeed()), name="rss"),
    path("atom/", _feed_view(NewDocumentsAtomFeed()), name="atom"),
]
