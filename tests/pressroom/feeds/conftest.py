import datetime as dt
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.core.cache import cache
from django.utils import timezone

from pressroom.models import PressBriefing, PressRelease, ReleaseAttachment, ReleaseStatus
from tests.factories import PressBriefingFactory, PressReleaseFactory

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
FEEDS = ["/feeds/thong-cao/rss/", "/feeds/thong-cao/atom/"]
# Every place outside the release's own page where the public may find a release.
EVERYWHERE = {"search", "rss", "atom", "sitemap", "api-list", "api-detail"}


@pytest.fixture
def make_release(db):
    """Published releases, each made public an hour before the previous one: the first made is
    the newest (tests.factories.PressReleaseFactory)."""

    def make(title: str | None = None, **fields) -> PressRelease:
        if title is not None:
            fields["title"] = title
        return PressReleaseFactory(**fields)

    return make


@pytest.fixture
def hidden_releases(make_release):
    """One release of each kind the public must never see, all about the exam schedule."""
    past = timezone.now() - dt.timedelta(days=2)
    return {
        "draft": make_release(
            "Bản nháp: lịch thi đợt 2", status=ReleaseStatus.DRAFT, publish_at=past
        ),
        "withdrawn": make_release(
            "Đã gỡ: lịch thi cũ",
            status=ReleaseStatus.WITHDRAWN,
            withdrawn_reason="Số liệu chưa chính xác.",
            publish_at=past,
        ),
        "embargoed": make_release(
            "Cấm đăng đến chiều: lịch thi",
            publish_at=timezone.now() + dt.timedelta(hours=2),
        ),
    }


@pytest.fixture
def make_attachment(db):
    def make(release: PressRelease, title: str, **fields) -> ReleaseAttachment:
        values = {
            "file": "bao-chi/2020/08/0123456789abcdef.pdf",
            "original_name": "thong-cao.pdf",
            "content_type": "application/pdf",
            "size": 48_213,
            "sha256": "a" * 64,
        }
        values.update(fields)
        return ReleaseAttachment.objects.create(release=release, title=title, **values)

    return make


@pytest.fixture
def make_briefing(db):
    def make(title: str, **fields) -> PressBriefing:
        return PressBriefingFactory(title=title, **fields)

    return make


def parse_feed(client, path: str):
    response = client.get(path)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return response, feed


def sitemap_entries(client) -> dict[str, str | None]:
    """Each <loc> of /sitemap.xml with its <lastmod> (None when it has none)."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (the portal's own response)
    return {
        url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext(
            "s:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("s:url", SITEMAP_NS)
    }


def where_the_public_finds(client, release: PressRelease, *, query: str) -> set[str]:
    """The places of EVERYWHERE where a reader without a cached copy finds the release now.

    The whole-page cache is emptied first: what a cached page shows until the minute sweep
    refreshes it is tested on its own (test_embargo)."""
    cache.clear()
    url = release.get_absolute_url()
    absolute = f"http://testserver{url}"
    found = set()
    search = client.get("/tim-kiem/", {"q": query})
    assert search.status_code == 200
    if f'href="{url}"' in search.content.decode():
        found.add("search")
    for name, path in zip(("rss", "atom"), FEEDS, strict=True):
        _response, feed = parse_feed(client, path)
        if absolute in [entry.link for entry in feed.entries]:
            found.add(name)
    if absolute in sitemap_entries(client):
        found.add("sitemap")
    listing = client.get("/api/v1/press-releases/")
    assert listing.status_code == 200
    if release.slug in [item["slug"] for item in listing.json()["results"]]:
        found.add("api-list")
    detail = client.get(f"/api/v1/press-releases/{release.slug}/")
    assert detail.status_code in (200, 404)
    if detail.status_code == 200:
        found.add("api-detail")
    return found
