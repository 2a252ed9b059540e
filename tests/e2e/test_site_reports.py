"""A site's quick report sent from a phone: the session's page, the form refused then corrected,
the receipt.

The head of an exam site sends the report from the school's yard on a phone, minutes after the
session: every page is checked at 360 px wide (no sideways scrolling) and with axe-core (WCAG 2.1
AA), the form with its errors shown included. The session is set to have started half an hour ago
(the live server's clock is the real one), so the form is open and the report on time.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from exams.roles import Role
from tests.e2e.helpers import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    log_in,
    make_user,
)


@pytest.fixture
def site_and_session(transactional_db):
    from django.utils import timezone

    from tests import factories

    exam = factories.ExamFactory()
    site = factories.ExamSiteFactory(exam=exam, code="C15", name="Trường THPT Phan Ngọc Hiển")
    started = (timezone.localtime() - dt.timedelta(minutes=30)).replace(second=0, microsecond=0)
    session = factories.SessionFactory(
        round=factories.RoundFactory(exam=exam),
        date=started.date(),
        start_time=started.time(),
        duration_minutes=150,
    )
    factories.SiteSessionFactory(site=site, session=session, registered_candidates=500, rooms=21)
    make_user("diemthi-c15", role=Role.SITE, site=site)
    return site, session


def test_a_site_head_sends_the_quick_report_from_a_phone_correcting_a_refused_figure(
    page, portal, site_and_session, console_errors
):
    site, _session = site_and_session
    log_in(page, portal.url, "diemthi-c15", next_path=f"/diem-thi/{site.pk}/")

    # The site's page: the session, open for its quick report.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Điểm thi C15")
    sessions = page.get_by_role("region", name="Các buổi thi của điểm thi")
    expect(sessions.get_by_text("Đang chờ báo cáo")).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    with page.expect_navigation():
        sessions.get_by_role("link", name=re.compile("Gửi báo cáo nhanh")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Báo cáo nhanh buổi thi")
    expect(page.get_by_label("Số thí sinh đăng ký dự thi")).to_have_value("500")
    expect(page.get_by_label("Số phòng thi")).to_have_value("21")
    assert_no_horizontal_scroll(page)

    # 490 present and 3 absent do not make the 500 registered.
    page.get_by_label("Số thí sinh có mặt").fill("490")
    page.get_by_label("Số thí sinh vắng mặt").fill("3")
    page.get_by_label("Vắng: ốm, tai nạn").fill("3")
    page.get_by_label("Họ và tên người gửi").fill("Trần Thị Trưởng")
    page.get_by_label("Số điện thoại người gửi").fill("0123 456 789")
    page.locator("#id_incidents-0-category").select_option(label="Sức khỏe thí sinh, cán bộ")
    page.locator("#id_incidents-0-severity").select_option(label="Thấp")
    page.locator("#id_incidents-0-description").fill("Một thí sinh bị say nắng, đã được sơ cứu.")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi báo cáo").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Chưa gửi được, xin sửa 1 lỗi sau")
    expect(summary).to_contain_text("phải bằng số thí sinh đăng ký (500); hiện là 493")
    expect(page).to_have_title(re.compile("^Chưa gửi được"))
    expect(page.get_by_label("Số thí sinh có mặt")).to_have_value("490")
    expect(page.get_by_label("Họ và tên người gửi")).to_have_value("Trần Thị Trưởng")
    expect(page.locator("#id_incidents-0-description")).to_have_value(
        "Một thí sinh bị say nắng, đã được sơ cứu."
    )
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    summary.get_by_role("link", name=re.compile("Số thí sinh vắng mặt")).click()
    expect(page.get_by_label("Số thí sinh vắng mặt")).to_be_focused()

    page.get_by_label("Số thí sinh có mặt").fill("497")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi báo cáo").click()

    # The report's page with its receipt.
    expect(page).to_have_url(re.compile(rf"/diem-thi/{site.pk}/bao-cao/\d+/$"))
    expect(page.get_by_role("status")).to_contain_text("Đã gửi báo cáo.")
    receipt = page.get_by_role("region", name="Biên nhận")
    expect(receipt).to_contain_text(re.compile(r"Biên nhận số BC-\d{4}-\d{6}, gửi lúc \d\d:\d\d"))
    expect(receipt).not_to_contain_text("gửi muộn")
    expect(page.get_by_text("Một thí sinh bị say nắng, đã được sơ cứu.")).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
    # No CSP violation nor script error; the refused post's own 400 is logged by Chromium.
    assert [e for e in console_errors if "status of 400" not in e] == []


def test_without_javascript_lines_are_added_and_an_amendment_keeps_the_history(
    no_script_page, page, portal, site_and_session
):
    browser_page, page = page, no_script_page
    site, session = site_and_session
    log_in(page, portal.url, "diemthi-c15", next_path=f"/diem-thi/{site.pk}/buoi/{session.pk}/")

    page.get_by_label("Số thí sinh có mặt").fill("499")
    page.get_by_label("Số thí sinh vắng mặt").fill("1")
    page.get_by_label("Vắng: bỏ thi").fill("1")
    page.get_by_label("Số thí sinh bị đình chỉ thi").fill("1")
    with page.expect_navigation():
        page.get_by_role("button", name="Thêm 3 dòng kỷ luật").click()
    expect(
        page.locator("fieldset.report-line").filter(has_text="Trường hợp kỷ luật")
    ).to_have_count(6)
    expect(page.get_by_label("Số thí sinh có mặt")).to_have_value("499")

    page.locator("#id_cases-0-candidate_number").fill("61000123")
    page.locator("#id_cases-0-room").fill("12")
    page.locator("#id_cases-0-form").select_option(label="Đình chỉ thi")
    page.locator("#id_cases-0-description").fill("Sử dụng điện thoại trong phòng thi.")
    page.locator("#id_cases-0-record_number").fill("05/BB")
    page.get_by_label("Họ và tên người gửi").fill("Trần Thị Trưởng")
    page.get_by_label("Số điện thoại người gửi").fill("0123 456 789")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_role("region", name="Biên nhận")).to_contain_text("Biên nhận số BC-")

    with page.expect_navigation():
        page.get_by_role("link", name="Gửi đính chính").click()
    expect(page.get_by_label("Số thí sinh có mặt")).to_have_value("499")
    expect(page.locator("#id_cases-0-candidate_number")).to_have_value("61000123")
    page.get_by_label("Số thí sinh có mặt").fill("498")
    page.get_by_label("Số thí sinh vắng mặt").fill("2")
    page.get_by_label("Vắng: bỏ thi").fill("2")
    page.get_by_label("Lý do đính chính").fill("Thêm một thí sinh bỏ thi sau giờ tính đề.")
    assert_no_horizontal_scroll(page)
    amend_url = page.url
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi đính chính").click()

    expect(page.get_by_text("Số thí sinh có mặt: 499 → 498")).to_be_visible()
    expect(page.get_by_text("Lý do đính chính: Thêm một thí sinh bỏ thi")).to_have_count(2)
    history = page.get_by_role("region", name="Các lần gửi")
    expect(history.get_by_text(re.compile(r"^Biên nhận số BC-"))).to_have_count(2)
    assert_no_horizontal_scroll(page)

    # axe-core needs scripts: the same pages in a browser with them on.
    report_path = urlsplit(page.url).path
    log_in(browser_page, portal.url, "diemthi-c15", next_path=report_path)
    browser_page.get_by_text("Xem nội dung lần gửi 1").click()
    expect(browser_page.get_by_role("region", name="Nội dung lần gửi 1")).to_be_visible()
    assert_no_horizontal_scroll(browser_page)
    assert_no_axe_violations(browser_page)
    browser_page.goto(amend_url)
    expect(browser_page.get_by_label("Số thí sinh có mặt")).to_have_value("498")
    assert_no_axe_violations(browser_page)


@pytest.mark.parametrize("path", ["dot-xuat/", "cuoi-ngay/?ngay={day}", "tong-ket/"])
def test_the_other_report_forms_fit_a_phone_with_no_axe_violations(
    page, portal, site_and_session, path
):
    site, session = site_and_session
    address = f"/diem-thi/{site.pk}/" + path.format(day=session.date.isoformat())
    log_in(page, portal.url, "diemthi-c15", next_path=address.replace("?", "%3F"))

    expect(page.get_by_role("heading", level=1)).to_contain_text("Báo cáo")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    # Sent empty: every error summarised and shown at its field.
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_role("alert")).to_contain_text("Chưa gửi được")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
