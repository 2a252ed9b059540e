"""Every URL of the portal answers with the security headers, whoever asks.

The walk covers every named route of the URL configuration except Django admin's own (its index
stands for it): a route added without an entry in ROUTES makes the test fail, so a new page cannot
escape the check. Each URL is requested by the person who may see it (anonymous readers for the
public pages, a site user for /diem-thi/, a Steering Committee member for /ban-chi-dao/, Office
staff for staff-only files), on the demo data, and each response is checked:

- a Content-Security-Policy with `object-src 'none'`, `base-uri 'none'` and `frame-ancestors`,
  without 'unsafe-inline' outside /admin/ (a downloaded file has its own sandboxing policy);
- only the news widget may be framed, and only by the portal and partner origins;
- nosniff, the referrer policy, no server error.
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

# Who asks for each route (by name): None is an anonymous reader.
PUBLIC, SITE, STEERING, OFFICE = None, "diemthi-c01", "banchidao", "vanphong"
FRAMEABLE = {"news:widget"}
FILE_RESPONSES = {"documents:file-download", "hotline:attachment", "pressroom:release-file"}


def _published(model):
    return model.objects.published().order_by("pk").first()


def _objects() -> dict:
    from documents.models import Document
    from exams.models import ExamSite
    from hotline.models import QAEntry, TicketAttachment
    from news.models import Article, Category
    from pressroom.models import (
        MediaOutlet,
        PressBriefing,
        PressRelease,
        ReleaseAttachment,
        ReleaseStatus,
    )
    from reports.models import Report, ReportKind

    site = ExamSite.objects.get(code="C01")
    quick = Report.objects.filter(site=site, kind=ReportKind.QUICK).order_by("pk").first()
    document = _published(Document)
    embargoed = PressRelease.objects.filter(status=ReleaseStatus.APPROVED).order_by("-publish_at")[
        0
    ]
    attachment = TicketAttachment.objects.order_by("pk").first()
    return {
        "article": _published(Article).slug,
        "category": Category.objects.filter(is_active=True).order_by("pk")[0].slug,
        "article_pk": Article.objects.order_by("pk")[0].pk,
        "document": document.slug,
        "document_file": document.files.order_by("pk")[0].pk,
        "qa": _published(QAEntry).slug,
        "release": _published(PressRelease).slug,
        "embargoed": embargoed.slug,
        "outlet_token": MediaOutlet.objects.filter(is_active=True).order_by("pk")[0].token,
        "release_file": ReleaseAttachment.objects.order_by("pk").first(),
        "briefing": PressBriefing.objects.public().order_by("pk")[0].slug,
        "site": site.pk,
        "session": quick.session_id,
        "report": quick.pk,
        "attachment": attachment.pk if attachment else None,
    }


# name -> (who, function of the demo objects giving the kwargs, or a list of kwargs sets)
ROUTES = {
    "home": (PUBLIC, None),
    "calendar": (PUBLIC, None),
    "search": (PUBLIC, None),
    "robots": (PUBLIC, None),
    "accounts:login": (PUBLIC, None),
    "accounts:logout": (SITE, None),
    "accounts:home": (SITE, None),
    "accounts:otp-verify": (OFFICE, None),
    "accounts:otp-setup": (OFFICE, None),
    "news:article-list": (PUBLIC, None),
    "news:article-preview": (OFFICE, lambda o: {"pk": o["article_pk"]}),
    "news:widget": (PUBLIC, None),
    "news:widget-embed": (PUBLIC, None),
    "news:article-detail": (PUBLIC, lambda o: {"slug": o["article"]}),
    "news:category": (PUBLIC, lambda o: {"slug": o["category"]}),
    "news:editor-image-upload": (OFFICE, None),
    "documents:document-list": (PUBLIC, None),
    "documents:document-detail": (PUBLIC, lambda o: {"slug": o["document"]}),
    "documents:file-download": (
        PUBLIC,
        lambda o: {"slug": o["document"], "file_id": o["document_file"]},
    ),
    "hotline:contact": (PUBLIC, None),
    "hotline:ticket-lookup": (PUBLIC, None),
    "hotline:attachment": (OFFICE, lambda o: {"pk": o["attachment"] or 1}),
    "hotline:qa-list": (PUBLIC, None),
    "hotline:qa-detail": (PUBLIC, lambda o: {"slug": o["qa"]}),
    "pressroom:index": (PUBLIC, None),
    "pressroom:release-detail": (PUBLIC, lambda o: {"slug": o["release"]}),
    "pressroom:release-embargoed": (
        PUBLIC,
        lambda o: {"slug": o["embargoed"], "token": o["outlet_token"]},
    ),
    "pressroom:release-file": (
        PUBLIC,
        lambda o: {"pk": o["release_file"].pk if o["release_file"] else 1},
    ),
    "pressroom:briefing-detail": (PUBLIC, lambda o: {"slug": o["briefing"]}),
    "pressroom:briefing-ics": (PUBLIC, lambda o: {"slug": o["briefing"]}),
    "reports:site-home": (SITE, None),
    "reports:site-detail": (SITE, lambda o: {"site_id": o["site"]}),
    "reports:quick-report": (SITE, lambda o: {"site_id": o["site"], "session_id": o["session"]}),
    "reports:urgent-report": (SITE, lambda o: {"site_id": o["site"]}),
    "reports:daily-report": (SITE, lambda o: {"site_id": o["site"]}),
    "reports:final-report": (SITE, lambda o: {"site_id": o["site"]}),
    "reports:report-detail": (SITE, lambda o: {"site_id": o["site"], "report_id": o["report"]}),
    "reports:report-amend": (SITE, lambda o: {"site_id": o["site"], "report_id": o["report"]}),
    "reports:dashboard": (STEERING, None),
    "reports:dashboard-session": (STEERING, lambda o: {"session_id": o["session"]}),
    "reports:dashboard-site": (STEERING, lambda o: {"site_id": o["site"]}),
    "reports:dashboard-report": (STEERING, lambda o: {"report_id": o["report"]}),
    "reports:export-session": (
        STEERING,
        lambda o: [{"session_id": o["session"], "fmt": fmt} for fmt in ("xlsx", "csv")],
    ),
    "reports:export-exam": (STEERING, lambda o: [{"fmt": fmt} for fmt in ("xlsx", "csv")]),
    "reports:export-session-docx": (STEERING, lambda o: {"session_id": o["session"]}),
    "feeds:index": (PUBLIC, None),
    "feeds:news-rss": (PUBLIC, None),
    "feeds:news-atom": (PUBLIC, None),
    "feeds:category-rss": (PUBLIC, lambda o: {"slug": o["category"]}),
    "feeds:category-atom": (PUBLIC, lambda o: {"slug": o["category"]}),
    "document-feeds:rss": (PUBLIC, None),
    "document-feeds:atom": (PUBLIC, None),
    "qa-feeds:rss": (PUBLIC, None),
    "qa-feeds:atom": (PUBLIC, None),
    "release-feeds:rss": (PUBLIC, None),
    "release-feeds:atom": (PUBLIC, None),
    "sitemap": (PUBLIC, None),
    "api:schema": (PUBLIC, None),
    "api:docs": (PUBLIC, None),
    "api:api-root": (PUBLIC, lambda o: [{}, {"format": "json"}]),
    "api:article-list": (PUBLIC, lambda o: [{}, {"format": "json"}]),
    "api:article-detail": (PUBLIC, lambda o: [{"slug": o["article"]}]),
    "api:category-list": (PUBLIC, None),
    "api:category-detail": (PUBLIC, lambda o: {"slug": o["category"]}),
    "api:document-list": (PUBLIC, None),
    "api:document-detail": (PUBLIC, lambda o: {"slug": o["document"]}),
    "api:qa-entry-list": (PUBLIC, None),
    "api:qa-entry-detail": (PUBLIC, lambda o: {"slug": o["qa"]}),
    "api:press-release-list": (PUBLIC, None),
    "api:press-release-detail": (PUBLIC, lambda o: {"slug": o["release"]}),
}
# Besides the routes: Django admin, whose many pages share one policy.
EXTRA_PATHS = {"/admin/": OFFICE}


def _named_routes(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin/"):
                continue
            yield from _named_routes(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_named_route_is_in_the_walk():
    names = set(_named_routes(get_resolver().url_patterns))
    assert names - ROUTES.keys() == set(), "add the new routes to ROUTES"
    assert ROUTES.keys() - names == set(), "ROUTES names routes that no longer exist"


def _policy_failures(path: str, name: str | None, response) -> list[str]:
    failures = []
    if response.status_code >= 500:
        failures.append(f"{path}: status {response.status_code}")
    policy = response.get("Content-Security-Policy", "")
    if name in FILE_RESPONSES and response.status_code == 200:
        if "default-src 'none'" not in policy or "sandbox" not in policy:
            failures.append(f"{path}: a file without its sandboxing policy: {policy!r}")
        return failures
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors"):
        if directive not in policy:
            failures.append(f"{path}: no {directive} in {policy!r}")
    if "unsafe-inline" in policy and not path.startswith("/admin/"):
        failures.append(f"{path}: 'unsafe-inline' in a public policy")
    ancestors = re.search(r"frame-ancestors ([^;]*)", policy)
    if name in FRAMEABLE:
        if ancestors and "'none'" in ancestors.group(1):
            failures.append(f"{path}: the widget cannot be framed")
    else:
        if not ancestors or ancestors.group(1).strip() != "'none'":
            failures.append(f"{path}: may be framed ({ancestors and ancestors.group(1)!r})")
        if response.get("X-Frame-Options") != "DENY":
            failures.append(f"{path}: X-Frame-Options {response.get('X-Frame-Options')!r}")
    if response.get("X-Content-Type-Options") != "nosniff":
        failures.append(f"{path}: no nosniff")
    if not response.get("Referrer-Policy"):
        failures.append(f"{path}: no Referrer-Policy")
    return failures


def test_every_url_answers_with_the_security_headers(client, settings, tmp_path):
    from django.contrib.auth import get_user_model

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEBUG = True  # seed_demo loads demo passwords only in a test environment
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False  # as in production: django-csp leaves DEBUG's error pages alone
    objects = _objects()
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=[SITE, STEERING, OFFICE]
    )}  # fmt: skip
    requests = [(reverse_all(name, objects), who, name) for name, (who, _) in ROUTES.items()]
    requests += [([path], who, None) for path, who in EXTRA_PATHS.items()]

    failures: list[str] = []
    walked = 0
    for paths, who, name in requests:
        for path in paths:
            client.logout()
            if who is not None:
                client.force_login(users[who])
            response = client.get(path)
            walked += 1
            failures += _policy_failures(path, name, response)
    assert failures == [], "\n".join(failures)
    assert walked >= len(ROUTES)


def reverse_all(name: str, objects: dict) -> list[str]:
    kwargs = ROUTES[name][1]
    sets = [{}] if kwargs is None else kwargs(objects)
    if isinstance(sets, dict):
        sets = [sets]
    return [reverse(name, kwargs=values) for values in sets]
