"""A parent asks, the Office answers and publishes, the parent reads the answer twice over.

A parent on a phone sends a question through /duong-day-nong/ and keeps the private link; Office
staff, in Django admin on a desktop, answer it, turn it into a Q&A entry, remove the personal
details and publish it; the parent then reads the answer through the private link and finds it
on /hoi-dap/. Every public page on the way has no axe-core violation and no sideways scrolling.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from exams.roles import Role, sync_role_permissions
from tests.e2e.conftest import DESKTOP, new_context
from tests.e2e.helpers import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    log_in_to_admin,
    make_user,
)

FOLLOW_UP = re.compile(r"http://[^\s]+/duong-day-nong/tra-cuu/\?ma=HL-\d{4}-\d{6}&khoa=[\w-]+")
QUESTION = "Thí sinh tự do làm thủ tục dự thi ở đâu?"
DETAIL = "Con tôi là thí sinh tự do, nhà ở Năm Căn. Cháu làm thủ tục dự thi ở đâu, mấy giờ?"
ANSWER = (
    "Thí sinh tự do làm thủ tục tại điểm thi ghi trên Giấy báo dự thi, lúc 8 giờ ngày 8/8/2020."
)
PUBLIC_TITLE = "Thí sinh tự do làm thủ tục dự thi ở đâu, lúc mấy giờ?"


@pytest.fixture
def office(demo_data):
    sync_role_permissions()  # the live-server flush removed the groups' permissions
    user = make_user("vanphong-hd", role=Role.OFFICE)
    user.is_staff = True
    user.save()
    assert user.has_perm("hotline.change_ticket") and user.has_perm("hotline.add_qaentry")
    return user


def public_checks(page, failures: list[str]) -> None:
    assert_no_horizontal_scroll(page)
    try:
        assert_no_axe_violations(page)
    except pytest.fail.Exception as failure:
        failures.append(str(failure))


def test_a_parents_question_is_answered_published_and_read(page, browser, portal, office):
    axe_failures: list[str] = []

    # 1. The parent asks, on a phone.
    page.goto(portal.url + "/duong-day-nong/")
    public_checks(page, axe_failures)
    page.get_by_label("Hỏi đáp – thắc mắc").check()
    page.get_by_label("Tiêu đề").fill(QUESTION)
    page.get_by_label("Nội dung").fill(DETAIL)
    page.get_by_label("Họ và tên").fill("Phụ huynh Thử Nghiệm")
    page.get_by_label("Thư điện tử").fill("phuhuynh.thu@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi câu hỏi, phản ánh").click()
    link = FOLLOW_UP.search(page.get_by_role("status").inner_text()).group(0)
    code = re.search(r"HL-\d{4}-\d{6}", link).group(0)
    expect(page.get_by_text("Chưa có trả lời.")).to_be_visible()
    public_checks(page, axe_failures)

    # 2. The Office answers in admin, on a desktop.
    staff_context = new_context(browser, viewport=DESKTOP)
    staff_context.set_default_timeout(10_000)
    staff = staff_context.new_page()
    log_in_to_admin(staff, portal.url, office)
    staff.goto(portal.url + f"/admin/hotline/ticket/?q={code}")
    with staff.expect_navigation():
        staff.get_by_role("link", name=code).click()
    expect(staff.get_by_text(DETAIL)).to_be_visible()
    staff.get_by_label("Trả lời người gửi (công khai):").fill(ANSWER)
    with staff.expect_navigation():
        staff.get_by_role("button", name="Lưu lại", exact=True).click()
    expect(staff.locator(".messagelist")).to_contain_text("Đã lưu câu trả lời")

    # 3. ... turns the answered ticket into a Q&A entry, edits out the personal details, publishes.
    staff.goto(portal.url + f"/admin/hotline/ticket/?q={code}")
    staff.locator("input[name=_selected_action]").first.check()
    staff.locator("select[name=action]").select_option("make_qa_entry")
    with staff.expect_navigation():
        staff.get_by_role("button", name="Đi đến", exact=True).click()
    expect(staff).to_have_url(re.compile(r"/admin/hotline/qaentry/\d+/change/"))
    staff.get_by_label("Câu hỏi (ngắn gọn):").fill(PUBLIC_TITLE)
    staff.get_by_label("Nội dung câu hỏi:").fill(
        "Thí sinh tự do làm thủ tục dự thi ở đâu, lúc mấy giờ?"
    )
    staff.get_by_label("Người hỏi (không định danh):").fill("Một phụ huynh ở huyện Năm Căn")
    staff.get_by_label("Chủ đề:").select_option(label="Lịch thi, địa điểm thi")
    staff.get_by_label("Đăng công khai").check()
    with staff.expect_navigation():
        staff.get_by_role("button", name="Lưu lại", exact=True).click()
    expect(staff.locator(".messagelist .success")).to_be_visible()
    staff_context.close()

    from hotline.models import QAEntry

    entry = QAEntry.objects.get()
    assert entry.is_public and entry.question_title == PUBLIC_TITLE
    assert "Phụ huynh Thử Nghiệm" not in entry.question + entry.asker_label

    # 4. The parent reads the answer through the private link...
    page.goto(link)
    expect(page.get_by_text(ANSWER)).to_be_visible()
    expect(page.get_by_text("Đã trả lời")).to_be_visible()
    public_checks(page, axe_failures)

    # ... and finds it in the Q&A column, searching without accents.
    page.goto(portal.url + "/hoi-dap/?q=thi+sinh+tu+do")
    public_checks(page, axe_failures)
    with page.expect_navigation():
        page.get_by_role("link", name=PUBLIC_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PUBLIC_TITLE)
    expect(page.get_by_text(ANSWER)).to_be_visible()
    expect(page.get_by_text("Phụ huynh Thử Nghiệm")).to_have_count(0)
    public_checks(page, axe_failures)

    assert axe_failures == []
