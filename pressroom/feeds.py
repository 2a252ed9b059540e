"""RSS and Atom feeds of press releases (/feeds/thong-cao/rss/, /feeds/thong-cao/atom/).

Only what `PressRelease.objects.published()` returns, newest first by the end of the embargo: a
release under embargo appears at its time without anyone acting. Every URL is absolute, built
from the request's host.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from core.models import SiteInfo
from pressroom.models import PressRelease
from pressroom.selectors import published_releases, release_heading

FEED_LENGTH = 20
# Feed readers poll often; proxies may keep a copy this long (seconds).
FEED_MAX_AGE = 300


class PressReleasesFeed(Feed):
    """The 20 newest published press releases, by time of publication."""

    feed_type = Rss201rev2Feed
    language = "vi"
    title = "Thông cáo báo chí"

    def description(self) -> str:
        return (
            "Thông cáo báo chí về Kỳ thi của "
            f"{SiteInfo.load().agency_name}, đăng đúng giờ hết hạn cấm đăng."
        )

    def link(self) -> str:
        return reverse("pressroom:index")

    def author_name(self) -> str:
        return SiteInfo.load().agency_name

    def items(self):
        return published_releases()[:FEED_LENGTH]

    def item_title(self, item: PressRelease) -> str:
        return release_heading(item)

    def item_description(self, item: PressRelease) -> str:
        return item.summary

    def item_pubdate(self, item: PressRelease):
        return item.publish_at

    def item_updateddate(self, item: PressRelease):
        return item.updated_at


class PressReleasesAtomFeed(PressReleasesFeed):
    feed_type = Atom1Feed
    subtitle = PressReleasesFeed.description


def _feed_view(feed: Feed):
    return require_safe(cache_control(public=True, max_age=FEED_MAX_AGE)(feed))


app_name = "release-feeds"
urlpatterns = [
    path("rss/", _feed_view(PressReleasesFeed()), name="rss"),
    path("atom/", _feed_view(PressReleasesAtomFeed()), name="atom"),
]
