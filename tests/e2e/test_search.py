"""Search from the header box on a phone: accents optional, matches marked, no axe violations."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, assert_no_horizontal_scroll


def publish(title: str, summary: str):
    from news.models import Article, Category

    # A live-server test empties the tables afterwards, data migrations' rows included.
    category, _created = Category.objects.get_or_create(
        slug="thong-bao", defaults={"name": "Thông báo"}
    )
    return Article.objects.create(
        status="da-dang",
        category=category,
        title=title,
        summary=summary,
        body="<p>Thí sinh có mặt tại điểm thi trước 30 phút.</p>",
    )


def test_searching_ky_thi_from_the_header_on_a_phone_finds_and_marks_the_article(
    page, portal, demo_data
):
    article = publish(
        "Kỳ thi tốt nghiệp THPT năm 2020 tại Cà Mau diễn ra an toàn",
        "Sáng nay, hơn 8.000 thí sinh bước vào kỳ thi với môn Ngữ văn.",
    )
    page.goto(portal.url + "/")

    search_box = page.get_by_role("search").get_by_label("Từ khóa tìm kiếm")
    search_box.fill("ky thi")
    with page.expect_navigation():
        search_box.press("Enter")

    assert page.url.endswith("/tim-kiem/?q=ky+thi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tìm kiếm")
    expect(page.get_by_text("Tìm thấy 1 kết quả cho “ky thi”")).to_be_visible()
    result = page.get_by_role("link", name=article.title)
    expect(result).to_have_attribute("href", article.get_absolute_url())
    expect(result.locator("mark")).to_have_text("Kỳ thi")
    # Accents optional both ways: "thí" (in "thí sinh") is the word "thi" too.
    expect(page.locator(".search-result-summary mark")).to_have_text(["thí", "kỳ thi"])
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    with page.expect_navigation():
        result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)


def test_a_search_with_no_results_explains_what_to_try_with_no_axe_violations(
    page, portal, demo_data
):
    page.goto(portal.url + "/tim-kiem/?q=b%C3%B3ng+%C4%91%C3%A1")

    expect(page.get_by_text("Không tìm thấy kết quả nào cho “bóng đá”.")).to_be_visible()
    form_box = page.get_by_label("Từ khóa", exact=True)
    expect(form_box).to_have_value("bóng đá")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def test_the_search_form_on_the_results_page_works_without_javascript(browser, portal, demo_data):
    from tests.e2e.conftest import new_context

    publish("Đề thi môn Toán được giữ bí mật", "Đề thi được bảo quản theo quy định.")
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(portal.url + "/tim-kiem/")
        page.get_by_label("Từ khóa", exact=True).fill("de thi")
        with page.expect_navigation():
            page.get_by_role("button", name="Tìm kiếm", exact=True).click()

        link = page.get_by_role("link", name="Đề thi môn Toán được giữ bí mật")
        expect(link.locator("mark")).to_have_text("Đề thi")
    finally:
        context.close()
