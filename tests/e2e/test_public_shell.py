"""The site shell in a phone's browser: home, calendar, log-in, errors and the staff areas.

A reader in Cà Mau most often opens the portal on a phone: every page is checked at 360 px wide
(no sideways scrolling) and with axe-core (WCAG 2.1 AA, Thông tư 32/2017 Article 18).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from exams.roles import Role
from tests.e2e.conftest import DESKTOP
from tests.e2e.helpers import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    log_in,
    make_user,
)

SECTIONS = ["Tin tức", "Văn bản chỉ đạo", "Lịch thi", "Hỏi đáp", "Đường dây nóng", "Báo chí"]


def html_font_size(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def test_home_page_on_a_phone_shows_the_exam_calendar_and_hotline_with_no_axe_violations(
    page, portal, demo_data
):
    page.goto(portal.url + "/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Kỳ thi tốt nghiệp THPT năm 2020")
    calendar = page.get_by_role("region", name=re.compile("Lịch thi|Các buổi thi sắp tới"))
    # Dates as Vietnamese readers write them: day/month/year, no leading zeros, weekday in words.
    expect(calendar.get_by_text("Chủ nhật, 9/8/2020").first).to_be_visible()
    expect(calendar.get_by_text("Ngữ văn").first).to_be_visible()
    hotline = page.get_by_role("region", name="Đường dây nóng", exact=True)
    expect(hotline.get_by_role("link", name="0123 456 780")).to_have_attribute(
        "href", "tel:0123456780"
    )
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("viewport", [DESKTOP])
def test_home_page_on_a_desktop_screen_has_no_axe_violations(page, portal, demo_data):
    page.goto(portal.url + "/")

    # On a wide screen the menu is a plain row of links, no "Danh mục" button to press.
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    for section in SECTIONS:
        expect(nav.get_by_role("link", name=section, exact=True)).to_be_visible()
    expect(nav.get_by_text("Danh mục")).to_be_hidden()
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def test_phone_menu_opens_and_lists_every_section(page, portal, demo_data):
    page.goto(portal.url + "/")
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    expect(nav.get_by_role("link", name="Tin tức", exact=True)).to_be_hidden()

    nav.get_by_text("Danh mục").click()

    for section in SECTIONS:
        expect(nav.get_by_role("link", name=section, exact=True)).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def test_skip_link_is_the_first_focusable_element_and_moves_focus_to_main(page, portal, demo_data):
    page.goto(portal.url + "/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Bỏ qua đến nội dung chính")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")

    expect(page.locator("main")).to_be_focused()
    # The next Tab continues inside the content, not back in the header.
    page.keyboard.press("Tab")
    expect(page.locator("main :focus")).to_have_count(1)


def test_font_size_control_enlarges_the_text_and_the_choice_survives_a_reload(
    page, portal, demo_data
):
    page.goto(portal.url + "/")
    # The script marks the chosen step on <html>: each size is measured once the mark is there.
    root = page.locator("html")
    expect(root).not_to_have_attribute("data-font-size", re.compile(".*"))
    default = html_font_size(page)

    page.get_by_role("button", name="tăng cỡ chữ").click()
    expect(root).to_have_attribute("data-font-size", "1")
    larger = html_font_size(page)
    page.get_by_role("button", name="tăng cỡ chữ").click()
    expect(root).to_have_attribute("data-font-size", "2")
    largest = html_font_size(page)

    assert default < larger < largest
    page.reload()
    expect(root).to_have_attribute("data-font-size", "2")
    assert html_font_size(page) == largest
    # Even at the largest size the page still fits the phone.
    assert_no_horizontal_scroll(page)

    page.get_by_role("button", name="cỡ chữ mặc định").click()
    expect(root).not_to_have_attribute("data-font-size", re.compile(".*"))
    assert html_font_size(page) == default


@pytest.mark.parametrize("path", ["/", "/dang-nhap/"])
def test_controls_on_a_phone_are_large_enough_to_touch(page, portal, demo_data, path):
    page.goto(portal.url + path)
    page.get_by_text("Danh mục").click()
    # The menu's links are measured once the menu is open.
    expect(page.locator(".nav-menu a").first).to_be_visible()

    controls = page.locator(
        "header button, header summary, header input, .nav-menu a, main button, main input:visible,"
        " .link-list a"
    ).all()
    assert len(controls) >= 13
    small = []
    for control in controls:
        box = control.bounding_box()
        if box and (box["height"] < 44 or box["width"] < 44):
            small.append((control.evaluate("e => e.outerHTML.slice(0, 80)"), box))
    assert not small, f"touch targets under 44×44 px: {small}"


@pytest.mark.parametrize(
    ("path", "status"),
    [("/lich-thi/", 200), ("/khong-co-trang-nay/", 404), ("/dang-nhap/", 200)],
)
def test_public_page_fits_a_phone_with_no_axe_violations(
    page, portal, demo_data, console_errors, path, status
):
    response = page.goto(portal.url + path)

    assert response.status == status
    # Chromium logs the 404 status of the page itself as a console error; nothing else may appear.
    expected = ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
    assert console_errors == (expected if status == 404 else [])
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def test_calendar_page_lists_both_rounds_with_vietnamese_dates(page, portal, demo_data):
    page.goto(portal.url + "/lich-thi/")

    table = page.get_by_role("table", name="Lịch các buổi thi")
    expect(table.get_by_role("rowheader", name="Chủ nhật, 9/8/2020").first).to_be_visible()
    expect(table.get_by_role("rowheader", name="Thứ Năm, 3/9/2020").first).to_be_visible()
    expect(table.get_by_role("cell", name="Đợt 2").first).to_be_visible()


def test_site_user_logs_in_through_the_form_and_sees_only_their_site(page, portal, demo_data):
    site = demo_data.sites.get(code="C15")
    make_user("diemthi-c15", role=Role.SITE, site=site)

    log_in(page, portal.url, "diemthi-c15", next_path="/diem-thi/")

    assert page.url == portal.url + "/diem-thi/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Báo cáo của điểm thi")
    expect(page.get_by_role("link", name=re.compile("C15"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("C01"))).to_have_count(0)
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    page.get_by_role("link", name=re.compile("C15")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Trường THPT Phan Ngọc Hiển")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def test_steering_member_logs_in_and_the_dashboard_fits_a_phone_with_no_axe_violations(
    page, portal, demo_data
):
    make_user("banchidao", role=Role.STEERING)

    log_in(page, portal.url, "banchidao")

    # With no ?next= the log-in sends each role to its own area.
    assert page.url == portal.url + "/ban-chi-dao/"
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ban Chỉ đạo thi")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def test_wrong_password_shows_an_error_that_fits_a_phone_with_no_axe_violations(
    page, portal, demo_data
):
    make_user("banchidao", role=Role.STEERING)
    page.goto(portal.url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("banchidao")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page.get_by_role("alert")).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def test_home_page_is_in_vietnamese_under_a_csp_with_no_console_errors(
    page, portal, demo_data, console_errors
):
    page.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    response = page.goto(portal.url + "/")
    page.wait_for_load_state("load")

    assert page.evaluate("document.documentElement.lang") == "vi"
    policy = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert page.evaluate("window.__cspViolations") == []
    assert console_errors == []
    # The script ran under the policy: it revealed the font-size control.
    expect(page.get_by_role("button", name="tăng cỡ chữ")).to_be_visible()
