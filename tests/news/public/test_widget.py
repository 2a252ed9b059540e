"""The "latest news" widget for partner portals' iframes, and the page with its snippet."""

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def frame_ancestors(response) -> str:
    policy = response["Content-Security-Policy"]
    return re.search(r"frame-ancestors ([^;]*)", policy).group(1)


def test_widget_shows_the_five_newest_published_articles_opening_in_the_parent(
    client, make_article, hidden_articles
):
    articles = [make_article() for _ in range(7)]

    response = client.get("/tin-tuc/widget/")

    assert response.status_code == 200
    page = response.content.decode()
    titles = re.findall(r'<a href="/tin-tuc/[^"]+/" target="_top" rel="noopener">([^<]+)</a>', page)
    assert titles == [a.title for a in articles[:5]]
    assert not set(titles) & {a.title for a in hidden_articles.values()}
    # Every link leaves the frame for the parent window.
    assert page.count("<a ") == page.count('target="_top" rel="noopener"')
    assert '<html lang="vi">' in page


def test_widget_has_its_own_stylesheet_and_nothing_inline(client, make_article):
    make_article()

    page = client.get("/tin-tuc/widget/").content.decode()

    assert '<link rel="stylesheet" href="/static/css/widget.css">' in page
    assert "site.css" not in page
    assert "<style" not in page
    assert "style=" not in page
    assert "<script" not in page
    assert (ROOT / "static" / "css" / "widget.css").is_file()


def test_widget_may_be_framed_by_the_portal_alone_by_default(client, db, settings):
    settings.WIDGET_FRAME_ANCESTORS = []

    response = client.get("/tin-tuc/widget/")

    assert "X-Frame-Options" not in response
    assert frame_ancestors(response) == "'self'"


def test_widget_may_be_framed_by_the_partner_origins_of_the_setting(client, db, settings):
    settings.WIDGET_FRAME_ANCESTORS = ["https://sgddt.camau.example", "https://thpt.camau.example"]

    response = client.get("/tin-tuc/widget/")

    assert "X-Frame-Options" not in response
    assert (
        frame_ancestors(response) == "'self' https://sgddt.camau.example https://thpt.camau.example"
    )
    # The rest of the policy is the site's.
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_a_cached_widget_still_follows_the_setting(client, make_article, settings):
    make_article()
    settings.WIDGET_FRAME_ANCESTORS = []
    client.get("/tin-tuc/widget/")
    settings.WIDGET_FRAME_ANCESTORS = ["https://thpt.camau.example"]

    response = client.get("/tin-tuc/widget/")

    assert frame_ancestors(response) == "'self' https://thpt.camau.example"
    assert "X-Frame-Options" not in response


@pytest.mark.parametrize(
    "path", ["/", "/tin-tuc/", "/tin-tuc/nhung-tin/", "/feeds/", "/api/v1/news/", "/sitemap.xml"]
)
def test_every_other_page_still_refuses_to_be_framed(client, db, settings, path):
    settings.WIDGET_FRAME_ANCESTORS = ["https://thpt.camau.example"]

    response = client.get(path)

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert frame_ancestors(response) == "'none'"


def test_embed_page_shows_the_snippet_to_copy_and_a_preview(client, db):
    response = client.get("/tin-tuc/nhung-tin/")

    assert response.status_code == 200
    page = response.content.decode()
    snippet = (
        '<iframe src="http://testserver/tin-tuc/widget/" '
        'title="Tin mới — Kỳ thi tốt nghiệp THPT" width="100%" height="420" loading="lazy"></iframe>'
    )
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", page, flags=re.S).group(1)
    assert html.unescape(textarea) == snippet
    assert '<label for="ma-nhung-iframe">' in page
    # The preview is the snippet itself.
    assert snippet in page


def test_widget_query_count_does_not_grow_with_the_number_of_articles(make_article, count_queries):
    for _ in range(3):
        make_article()
    few = count_queries("/tin-tuc/widget/")
    for _ in range(22):
        make_article()

    assert count_queries("/tin-tuc/widget/") == few


@pytest.mark.parametrize(
    "value", ["thpt.camau.example", "https://a.example/path", "https://a.example; script-src *"]
)
def test_a_frame_ancestor_that_is_not_an_origin_stops_start_up(tmp_path, value):
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "camau_exam_portal.settings",
        "DEBUG": "true",
        "VAR_DIR": str(tmp_path),
        "WIDGET_FRAME_ANCESTORS": value,
    }
    environ.pop("DATABASE_URL", None)

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "WIDGET_FRAME_ANCESTORS" in result.stderr


def test_partner_origins_are_read_from_the_environment(tmp_path):
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "camau_exam_portal.settings",
        "DEBUG": "true",
        "VAR_DIR": str(tmp_path),
        "WIDGET_FRAME_ANCESTORS": "https://sgddt.camau.example, https://*.camau.example:8443",
    }

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup()\n"
            "from django.conf import settings; print(settings.WIDGET_FRAME_ANCESTORS)",
        ],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert (
        result.stdout.strip() == "['https://sgddt.camau.example', 'https://*.camau.example:8443']"
    )


def test_a_partner_saved_in_the_site_info_may_frame_the_widget_at_once(
    client, db, settings, django_capture_on_commit_callbacks
):
    from core.models import SiteInfo

    settings.WIDGET_FRAME_ANCESTORS = ["https://sgddt.camau.example"]
    client.get("/tin-tuc/widget/")  # cached, with the setting's partner alone
    info = SiteInfo.load()
    info.widget_partner_origins = "https://thpt.camau.example/\n\n"
    with django_capture_on_commit_callbacks(execute=True):  # as admin's save commits
        info.save()

    response = client.get("/tin-tuc/widget/")

    assert (
        frame_ancestors(response) == "'self' https://sgddt.camau.example https://thpt.camau.example"
    )
    assert client.get("/tin-tuc/")["X-Frame-Options"] == "DENY"


def test_admin_refuses_a_partner_that_is_not_an_origin_and_keeps_the_old_list(client, personas):
    from django.contrib.auth.models import Permission

    from core.models import SiteInfo

    SiteInfo.objects.create(widget_partner_origins="https://thpt.camau.example")
    office = personas["office"]
    office.user_permissions.add(Permission.objects.get(codename="change_siteinfo"))
    client.force_login(office)
    form = client.get("/admin/core/siteinfo/1/change/").context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data["widget_partner_origins"] = (
        "https://thpt.camau.example\nhttps://x.example/trang; script-src *"
    )

    response = client.post("/admin/core/siteinfo/1/change/", data)

    assert response.status_code == 200
    assert "không phải địa chỉ gốc của một trang web" in response.content.decode()
    assert SiteInfo.objects.get().widget_partner_origins == "https://thpt.camau.example"


def test_a_value_written_around_the_form_never_reaches_the_header(client, db, settings):
    from core.models import SiteInfo

    settings.WIDGET_FRAME_ANCESTORS = []
    SiteInfo.objects.create(
        widget_partner_origins="https://a.example; script-src *\nhttps://b.example"
    )

    response = client.get("/tin-tuc/widget/")

    assert frame_ancestors(response) == "'self' https://b.example"
    assert "script-src *" not in response["Content-Security-Policy"]
