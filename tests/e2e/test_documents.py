"""The document library in a phone's browser: the filter form, the list and a document's page.

At 360 px wide, with no sideways scrolling and no axe-core violation (WCAG 2.1 AA); the form is
usable without JavaScript and its URL reproduces the result.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, new_context
from tests.e2e.helpers import assert_no_axe_violations, assert_no_horizontal_scroll

D = dt.date


@pytest.fixture
def library(demo_data):
    """A few published documents, a draft, links both ways, files and a citing article.

    A live-server test empties the tables afterwards, data migrations' rows included: the issuing
    bodies are made here if missing.
    """
    from django.utils import timezone

    from documents.models import Document, DocumentFile, DocumentLink, IssuingBody, Relation
    from news.models import Article, Category

    def body(name, abbreviation):
        return IssuingBody.objects.get_or_create(
            name=name, defaults={"abbreviation": abbreviation}
        )[0]

    sgd = body("Sở Giáo dục và Đào tạo Cà Mau", "SGDĐT")
    bgd = body("Bộ Giáo dục và Đào tạo", "BGDĐT")
    bcd = body("Ban Chỉ đạo thi tỉnh Cà Mau", "BCĐ")
    now = timezone.now()

    def make(symbol, issuing_body, issued_on, summary, **fields):
        fields.setdefault("status", "da-dang")
        fields.setdefault("publish_at", now - dt.timedelta(days=1))
        return Document.objects.create(
            number_symbol=symbol, issuing_body=issuing_body, issued_on=issued_on, summary=summary,
            **fields,
        )  # fmt: skip

    plan = make(
        "1423/KH-SGDĐT", sgd, D(2020, 7, 17),
        "Kế hoạch truyền thông về Kỳ thi tốt nghiệp THPT năm 2020",
        effective_on=D(2020, 7, 17), signer_position="Giám đốc", signer_name="Nguyễn Minh Luân",
        full_text="<p>Căn cứ Kế hoạch số 06/KH-BCĐ ngày 15/7/2020 của Ban Chỉ đạo tỉnh;</p>"
        "<h3>1. Mục đích, yêu cầu</h3><p>Đẩy mạnh công tác thông tin, truyền thông về Kỳ thi.</p>",
    )  # fmt: skip
    basis = make(
        "06/KH-BCĐ", bcd, D(2020, 7, 15), "Tổ chức Kỳ thi tốt nghiệp THPT tỉnh Cà Mau, năm 2020"
    )
    dispatch = make(
        "2594/BGDĐT-VP", bgd, D(2020, 7, 16),
        "Xây dựng kế hoạch truyền thông Kỳ thi tốt nghiệp THPT trên địa bàn tỉnh, thành phố",
        urgency="khan",
    )  # fmt: skip
    make(
        "15/2020/TT-BGDĐT",
        bgd,
        D(2020, 5, 26),
        "Ban hành Quy chế thi tốt nghiệp trung học phổ thông",
    )
    make("03/2019/TT-BGDĐT", bgd, D(2019, 3, 28), "Sửa đổi Quy chế thi trung học phổ thông quốc gia",
         expires_on=D(2020, 5, 26))  # fmt: skip
    make(
        "20/PA-SGDĐT", sgd, D(2020, 8, 4), "Tổ chức thi đợt 2", validity_override="chua-co-hieu-luc"
    )
    make("99/KH-SGDĐT", sgd, D(2020, 8, 5), "Kế hoạch nháp chưa đăng", status="nhap")
    DocumentLink.objects.create(source=plan, relation=Relation.BASED_ON, target=basis)
    DocumentLink.objects.create(source=plan, relation=Relation.IMPLEMENTS, target=dispatch)
    old = DocumentFile.objects.create(
        document=plan, file="van-ban/2020/07/a.pdf", original_name="ke-hoach-1423-KH-SGDDT.pdf",
        kind="pdf", content_type="application/pdf", size=245_760, sha256="a" * 64,
        uploaded_at=now - dt.timedelta(days=3),
    )  # fmt: skip
    DocumentFile.objects.create(
        document=plan, file="van-ban/2020/07/b.pdf", original_name="ke-hoach-1423-ban-ky-so.pdf",
        kind="pdf", content_type="application/pdf", size=251_904, sha256="b" * 64, replaces=old,
    )  # fmt: skip
    category, _ = Category.objects.get_or_create(slug="thong-bao", defaults={"name": "Thông báo"})
    article = Article.objects.create(
        title="Sở GD&ĐT ban hành Kế hoạch truyền thông về Kỳ thi", summary="Tóm tắt.",
        body="<p>Nội dung.</p>", category=category, status="da-dang",
        publish_at=now - dt.timedelta(hours=2),
    )  # fmt: skip
    article.related_documents.add(plan)
    return {"plan": plan, "sgd": sgd}


def query_of(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


def test_the_list_on_a_phone_has_no_axe_violations_and_filters_by_body_and_type(
    page, portal, library
):
    page.goto(portal.url + "/van-ban/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Văn bản chỉ đạo")
    expect(page.get_by_text("Tìm thấy 6 văn bản")).to_be_visible()
    expect(page.get_by_role("link", name="Kế hoạch 99/KH-SGDĐT")).to_have_count(0)
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    form = page.get_by_role("search", name="Lọc văn bản")
    form.get_by_text("Lọc theo cơ quan, loại, năm").click()
    form.get_by_label("Cơ quan ban hành").select_option(label="Sở Giáo dục và Đào tạo Cà Mau")
    form.get_by_label("Loại văn bản").select_option(label="Kế hoạch")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)  # with the fold open
    with page.expect_navigation():
        form.get_by_role("button", name="Lọc văn bản").click()

    # The URL holds the filters only (empty fields dropped): it can be shared as it is.
    assert query_of(page.url) == [
        ("co_quan", str(library["sgd"].pk)), ("loai", "ke-hoach"), ("sap_xep", "moi-ban-hanh"),
    ]  # fmt: skip
    expect(page.get_by_text("Tìm thấy 1 văn bản")).to_be_visible()
    result = page.get_by_role("link", name="Kế hoạch 1423/KH-SGDĐT")
    expect(result).to_be_visible()
    expect(page.locator(".document-card .validity")).to_have_text(["Còn hiệu lực"])
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Xóa bộ lọc").click()
    assert urlsplit(page.url).query == ""
    expect(page.get_by_text("Tìm thấy 6 văn bản")).to_be_visible()


def test_a_shared_url_opens_the_same_result_with_the_form_filled(browser, portal, library):
    url = portal.url + "/van-ban/?q=quy+che&hieu_luc=het-hieu-luc&sap_xep=moi-dang"
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(url)
        expect(page.get_by_text("Tìm thấy 1 văn bản")).to_be_visible()
        expect(page.get_by_role("link", name="Thông tư 03/2019/TT-BGDĐT")).to_be_visible()
        form = page.get_by_role("search", name="Lọc văn bản")
        expect(form.get_by_label("Từ khóa")).to_have_value("quy che")
        expect(form.get_by_label("Tình trạng hiệu lực")).to_have_value("het-hieu-luc")
        expect(form.get_by_label("Sắp xếp")).to_have_value("moi-dang")
        expect(page.locator(".document-card .validity")).to_have_text(["Hết hiệu lực"])
        assert_no_axe_violations(page)
    finally:
        context.close()


def test_the_filter_form_works_without_javascript(browser, portal, library):
    context = new_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(portal.url + "/van-ban/")
        form = page.get_by_role("search", name="Lọc văn bản")
        form.get_by_label("Từ khóa").fill("ke hoach truyen thong")
        form.get_by_text("Lọc theo cơ quan, loại, năm").click()
        form.get_by_label("Năm ban hành").select_option("2020")
        with page.expect_navigation():
            form.get_by_role("button", name="Tìm", exact=True).click()
        assert query_of(page.url) == [
            ("q", "ke hoach truyen thong"),
            ("nam", "2020"),
            ("sap_xep", "moi-ban-hanh"),
        ]
        expect(page.get_by_text("Tìm thấy 2 văn bản")).to_be_visible()
        expect(page.get_by_role("link", name="Kế hoạch 1423/KH-SGDĐT")).to_be_visible()
        expect(page.get_by_role("link", name="Công văn 2594/BGDĐT-VP")).to_be_visible()
    finally:
        context.close()


def test_an_invalid_filter_is_explained_with_no_axe_violations(page, portal, library):
    response = page.goto(portal.url + "/van-ban/?nam=1999&tu_ngay=32/13/2020")

    assert response.status == 400
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Bộ lọc chưa đúng, xin sửa lại:")
    expect(alert).to_contain_text("Không có văn bản nào ban hành năm này")
    expect(alert).to_contain_text("Ngày không hợp lệ")
    expect(page.get_by_label("Năm ban hành")).to_have_attribute("aria-invalid", "true")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def test_a_document_page_on_a_phone_has_no_axe_violations(page, portal, library):
    page.goto(portal.url + library["plan"].get_absolute_url())

    expect(page.get_by_role("heading", level=1)).to_have_text("Kế hoạch 1423/KH-SGDĐT")
    table = page.get_by_role("table", name="Thông tin văn bản")
    expect(table.get_by_role("rowheader", name="Số, ký hiệu")).to_be_visible()
    expect(table.get_by_role("row", name=re.compile("Cơ quan ban hành"))).to_contain_text(
        "Sở Giáo dục và Đào tạo Cà Mau"
    )
    expect(table.get_by_role("row", name=re.compile("Ngày ban hành"))).to_contain_text("17/7/2020")
    files = page.locator(".document-file")
    expect(files).to_have_count(2)
    expect(files.nth(1)).to_contain_text("Phiên bản cũ, tải lên ngày")
    expect(
        page.get_by_role("link", name=re.compile(r"^Xem .*ban-ky-so\.pdf trên trình duyệt$"))
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Căn cứ", level=3)).to_be_visible()
    expect(page.get_by_role("link", name="Kế hoạch 06/KH-BCĐ")).to_be_visible()
    expect(
        page.get_by_role("link", name="Sở GD&ĐT ban hành Kế hoạch truyền thông về Kỳ thi")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Toàn văn", level=2)).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Kế hoạch 06/KH-BCĐ").click()
    expect(page.get_by_role("heading", name="Là căn cứ của", level=3)).to_be_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("viewport", [DESKTOP])
def test_both_pages_on_a_desktop_screen_have_no_axe_violations(page, portal, library):
    page.goto(portal.url + "/van-ban/?co_quan=" + str(library["sgd"].pk))
    assert_no_axe_violations(page)
    page.goto(portal.url + library["plan"].get_absolute_url())
    assert_no_axe_violations(page)
