"""CKEditor 5 in the article form: Vietnamese, our upload view, local assets, no embeds of other sites."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import NoReverseMatch, resolve, reverse

from news import uploads

CONFIG = settings.CKEDITOR_5_CONFIGS["default"]


def test_the_editor_speaks_vietnamese_and_its_translation_file_ships_with_the_package():
    assert CONFIG["language"] == "vi"
    assert finders.find("django_ckeditor_5/dist/translations/vi.js")


def test_the_toolbar_has_what_the_newsroom_needs():
    items = CONFIG["toolbar"]["items"]
    for item in [
        "heading", "bold", "italic", "underline", "link", "bulletedList", "numberedList",
        "blockQuote", "insertTable", "uploadImage", "undo", "redo",
    ]:  # fmt: skip
        assert item in items
    assert CONFIG["image"]["toolbar"] == ["toggleImageCaption", "imageTextAlternative"]


def test_embeds_of_other_sites_and_raw_html_are_switched_off():
    toolbar = CONFIG["toolbar"]["items"]
    assert not {"mediaEmbed", "htmlEmbed", "sourceEditing", "insertImage"} & set(toolbar)
    assert {"MediaEmbed", "HtmlEmbed", "SourceEditing", "Markdown"} <= set(CONFIG["removePlugins"])


def test_the_editor_uploads_to_our_view_and_the_packages_own_is_not_routed():
    url = reverse(settings.CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME)

    assert url == "/ckeditor5/image_upload/"
    assert resolve(url).func is uploads.editor_image_upload
    with pytest.raises(NoReverseMatch):
        reverse("ck_editor_5_upload_file")


@pytest.mark.django_db
def test_the_article_form_loads_the_editor_from_our_static_files_only(client, personas):
    client.force_login(personas["office"])

    page = client.get("/admin/news/article/add/").content.decode()

    assert 'data-upload-url="/ckeditor5/image_upload/"' in page
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', page)
    assert "/static/django_ckeditor_5/dist/bundle.js" in scripts
    assert "/static/django_ckeditor_5/dist/translations/vi.js" in scripts
    # Same origin only: no CDN.
    assert all(src.startswith("/") and not src.startswith("//") for src in scripts), scripts
