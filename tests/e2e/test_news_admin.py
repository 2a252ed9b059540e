"""The Office writes an article in CKEditor 5 in Django admin; a reader finds and reads it.

The editor runs as staff have it: Vietnamese interface, the portal's CSP, every asset from our own
server (no CDN), and images uploaded through the portal's checked upload view.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from exams.roles import Role, sync_role_permissions
from tests.e2e.conftest import DESKTOP, PHONE, new_context
from tests.e2e.helpers import (
    assert_no_axe_violations,
    ckeditor,
    log_in_to_admin,
    make_user,
    serve_media_as_nginx_does,
)

TITLE = "Kỳ thi tốt nghiệp THPT: lịch làm thủ tục"
SUMMARY = "Thí sinh làm thủ tục dự thi tại điểm thi vào chiều 8/8/2020."
BODY = "Thí sinh có mặt tại điểm thi lúc 14 giờ để làm thủ tục dự thi và nghe phổ biến quy chế."
CATEGORY = "Công tác chuẩn bị"


@pytest.fixture
def office(transactional_db):
    """An Office staff member; the group's news permissions come from the roles' sync."""
    from news.models import Category

    # Live-server tests flush the database, post_migrate runs again and the data migration's
    # categories are gone: grant again (idempotent) and make the category the test picks.
    sync_role_permissions()
    Category.objects.get_or_create(name=CATEGORY)
    user = make_user("vanphong", role=Role.OFFICE)
    user.is_staff = True
    user.save()
    assert user.has_perm("news.add_article") and user.has_perm("news.change_article")
    return user


def record_requests(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def assert_all_requests_local(urls: list[str], base_url: str) -> None:
    """Nothing is fetched from anywhere but the portal itself (the editor has no CDN)."""
    own = urlsplit(base_url).netloc
    remote = [
        url
        for url in urls
        if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own
    ]
    assert remote == []
    assert urlsplit(base_url).hostname in ("127.0.0.1", "localhost")


def open_new_article_form(page):
    page.get_by_role("link", name="Bài viết", exact=True).first.click()
    page.get_by_role("link", name=re.compile("Thêm (vào )?bài viết")).click()
    expect(page.get_by_role("heading", name="Thêm bài viết")).to_be_visible()
    return ckeditor(page)


def fill_article_fields(page) -> None:
    page.get_by_label("Tiêu đề:", exact=True).fill(TITLE)
    page.get_by_label("Chuyên mục:", exact=True).select_option(label=CATEGORY)
    page.get_by_label("Tóm tắt:", exact=True).fill(SUMMARY)


def publish(page) -> None:
    page.get_by_label("Trạng thái:", exact=True).select_option(label="Đã đăng")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu lại", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()


@pytest.mark.parametrize("viewport", [DESKTOP])
def test_office_publishes_an_article_typed_in_ckeditor_and_a_reader_finds_and_reads_it(
    browser, page, portal, demo_data, office, console_errors
):
    admin_requests = record_requests(page)
    log_in_to_admin(page, portal.url, office)
    editable = open_new_article_form(page)

    # The editor's interface is in Vietnamese: the vi translation loaded under the admin's CSP.
    toolbar = page.locator(".ck-toolbar")
    for tool in [
        "Đậm",
        "Nghiêng",
        "Gạch dưới",
        "Tạo bảng",
        "Tải hình ảnh lên từ máy tính",
        "Hoàn tác",
    ]:
        expect(toolbar.get_by_role("button", name=re.compile(f"^{tool}"))).to_be_visible()
    expect(toolbar.get_by_role("button", name=re.compile("media|phương tiện", re.I))).to_have_count(
        0
    )

    fill_article_fields(page)
    editable.click()
    page.keyboard.type(BODY)
    page.keyboard.press("Enter")
    page.keyboard.press("Control+B")
    page.keyboard.type("Mang theo Giấy báo dự thi")
    publish(page)

    from news.models import Article, Status

    article = Article.objects.get(title=TITLE)
    assert article.status == Status.PUBLISHED
    assert BODY in article.body and "<strong>Mang theo Giấy báo dự thi</strong>" in article.body
    assert_all_requests_local(admin_requests, portal.url)
    assert not [e for e in console_errors if "Content Security Policy" in e or "uncaught" in e]

    # An anonymous reader, in a browser of their own. Every page is checked before failing, so one
    # report lists every axe violation of the three pages at both widths.
    axe_failures: list[str] = []

    def check_axe(reader) -> None:
        try:
            assert_no_axe_violations(reader)
        except pytest.fail.Exception as failure:
            axe_failures.append(f"[{reader.viewport_size['width']} px] {failure}")

    for viewport in (DESKTOP, PHONE):
        context = new_context(browser, viewport=viewport)
        context.set_default_timeout(10_000)
        reader = context.new_page()
        reader_requests = record_requests(reader)
        try:
            reader.goto(portal.url + "/")
            check_axe(reader)
            reader.get_by_role("link", name=TITLE).first.click()
            expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
            expect(reader.locator(".article-body")).to_contain_text(BODY)
            expect(reader.locator(".article-body strong")).to_have_text("Mang theo Giấy báo dự thi")
            check_axe(reader)

            reader.goto(portal.url + "/tin-tuc/")
            expect(reader.get_by_role("link", name=TITLE)).to_be_visible()
            check_axe(reader)
            assert_all_requests_local(reader_requests, portal.url)
        finally:
            context.close()
    if axe_failures:
        pytest.fail("\n".join(axe_failures), pytrace=False)


@pytest.mark.parametrize("viewport", [DESKTOP])
def test_a_reader_finds_the_article_by_searching_without_accents(
    browser, page, portal, demo_data, office
):
    log_in_to_admin(page, portal.url, office)
    editable = open_new_article_form(page)
    fill_article_fields(page)
    editable.click()
    page.keyboard.type(BODY)
    publish(page)

    context = new_context(browser, viewport=DESKTOP)
    context.set_default_timeout(10_000)
    reader = context.new_page()
    try:
        reader.goto(portal.url + "/tim-kiem/?q=ky+thi")
        reader.get_by_role("link", name=TITLE).first.click()
        expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [DESKTOP])
def test_office_inserts_an_uploaded_image_with_alt_text_and_caption(
    browser, page, portal, demo_data, office, tmp_path, settings
):
    from PIL import Image

    photo = tmp_path / "thi-sinh.jpg"
    Image.new("RGB", (800, 500), "steelblue").save(photo, format="JPEG")
    upload_requests = []
    page.on(
        "request",
        lambda request: upload_requests.append(request) if "image_upload" in request.url else None,
    )
    serve_media_as_nginx_does(page, portal)
    log_in_to_admin(page, portal.url, office)
    editable = open_new_article_form(page)
    fill_article_fields(page)
    editable.click()
    page.keyboard.type(BODY)
    page.keyboard.press("Enter")

    editor_toolbar = page.get_by_role("toolbar", name="Thanh công cụ biên tập", exact=True)
    with page.expect_file_chooser() as chooser:
        editor_toolbar.get_by_role(
            "button", name="Tải hình ảnh lên từ máy tính", exact=True
        ).click()
    with page.expect_response(lambda r: "image_upload" in r.url) as uploaded:
        chooser.value.set_files(photo)
    assert uploaded.value.status == 200
    # CKEditor's upload adapter sends the CSRF token; the view is not exempt from the check.
    assert upload_requests[0].headers.get("x-csrftoken")
    image = editable.locator("img")
    expect(image).to_have_attribute(
        "src", re.compile(r"^/media/tin-tuc/noi-dung/\d{4}/\d{2}/[0-9a-f]{32}\.jpg$")
    )
    # The editor's last step of an upload: the stored picture loaded, its size written in.
    # Until then the picture may still change size, and the balloons placed against it move.
    expect(image).to_have_attribute("width", "800")

    # Each step waits for the editor's state, not for time: the image toolbar shown in its
    # balloon, then the alt-text form in the balloon with its field focused. A bare "Chữ alt" label
    # would also match the toolbar's "Đổi chữ alt của ảnh" button, before the form has opened.
    balloon = page.locator(".ck-balloon-panel_visible")
    image.click()
    image_toolbar = balloon.get_by_role("toolbar", name="Thanh công cụ hình ảnh", exact=True)
    image_toolbar.get_by_role("button", name="Đổi chữ alt của ảnh", exact=True).click()
    alt_text = balloon.get_by_role("textbox", name="Chữ alt", exact=True)
    expect(alt_text).to_be_focused()
    alt_text.fill("Thí sinh xếp hàng làm thủ tục dự thi")
    alt_text.press("Enter")
    expect(alt_text).to_have_count(0)
    expect(image).to_have_attribute("alt", "Thí sinh xếp hàng làm thủ tục dự thi")

    image.click()
    image_toolbar.get_by_role("button", name="Hiện chú thích", exact=True).click()
    caption = editable.locator("figcaption")
    expect(caption).to_have_class(re.compile(r"\bck-editor__nested-editable_focused\b"))
    page.keyboard.type("Điểm thi Trường THPT Cà Mau")
    expect(caption).to_have_text("Điểm thi Trường THPT Cà Mau")
    publish(page)

    from news.models import Article

    body = Article.objects.get(title=TITLE).body
    assert 'alt="Thí sinh xếp hàng làm thủ tục dự thi"' in body
    assert "<figcaption>Điểm thi Trường THPT Cà Mau</figcaption>" in body
    stored = list((settings.MEDIA_ROOT / "tin-tuc" / "noi-dung").rglob("*.jpg"))
    assert len(stored) == 1

    context = new_context(browser, viewport=DESKTOP)
    context.set_default_timeout(10_000)
    reader = context.new_page()
    try:
        reader.goto(portal.url + Article.objects.get(title=TITLE).get_absolute_url())
        figure = reader.locator(".article-body figure")
        expect(
            figure.get_by_role("img", name="Thí sinh xếp hàng làm thủ tục dự thi")
        ).to_be_attached()
        expect(figure.locator("figcaption")).to_have_text("Điểm thi Trường THPT Cà Mau")
    finally:
        context.close()
