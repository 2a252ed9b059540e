"""The hotline form and the follow-up page in a phone's browser, with and without JavaScript.

A citizen reporting wrongdoing may be on an old phone or a browser with scripts off: the form must
work as plain HTML, give the code and the private link, and that link must open the ticket. Every
state of the pages is checked with axe-core (WCAG 2.1 AA) and for sideways scrolling at 360 px.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, assert_no_horizontal_scroll

FOLLOW_UP = re.compile(r"http://[^\s]+/duong-day-nong/tra-cuu/\?ma=HL-\d{4}-\d{6}&khoa=[\w-]+")


@pytest.fixture
def lines(demo_data):
    from hotline.models import HotlineLine, LineKind

    HotlineLine.objects.create(
        name="Đường dây nóng Sở GD&ĐT",
        role="Văn phòng Sở",
        phone="0123 3000 234",
        email="duongdaynong@example.org",
        hours="7:00–21:00 hằng ngày",
    )
    HotlineLine.objects.create(
        kind=LineKind.FOCAL_POINT, name="Trần Văn Đầu Mối", phone="0123 111 222"
    )


def test_an_anonymous_report_sent_without_javascript_gives_a_code_and_a_link_that_opens_it(
    no_script_page, page, portal, lines
):
    form_page = no_script_page
    form_page.goto(portal.url + "/duong-day-nong/")
    contacts = form_page.get_by_role("region", name="Liên hệ")
    expect(contacts.get_by_role("link", name="0123 3000 234")).to_have_attribute(
        "href", "tel:01233000234"
    )

    form_page.get_by_label("Phản ánh vi phạm, gian lận").check()
    form_page.get_by_label("Tiêu đề").fill("Thí sinh mang điện thoại vào phòng thi")
    form_page.get_by_label("Nội dung").fill("Phòng thi số 7, buổi sáng ngày 9/8.")
    with form_page.expect_navigation():
        form_page.get_by_role("button", name="Gửi câu hỏi, phản ánh").click()

    expect(form_page).to_have_url(re.compile(r"/duong-day-nong/tra-cuu/\?ma=HL-"))
    confirmation = form_page.get_by_role("status")
    expect(confirmation).to_contain_text("Đã nhận câu hỏi, phản ánh của anh/chị, mã HL-")
    link = FOLLOW_UP.search(confirmation.inner_text()).group(0)
    assert link == form_page.url
    assert_no_horizontal_scroll(form_page)

    # The link alone, in another browser, opens the ticket.
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tra cứu phản ánh HL-")
    expect(page.get_by_text("Thí sinh mang điện thoại vào phòng thi")).to_be_visible()
    expect(page.get_by_text("Chưa có trả lời.")).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def test_the_form_page_is_accessible_empty_and_with_errors(page, portal, lines):
    page.goto(portal.url + "/duong-day-nong/")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
    expect(page.locator("#id_trang_web")).to_be_hidden()  # the honeypot

    page.get_by_label("Họ và tên").fill("Nguyễn Văn Thử")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi câu hỏi, phản ánh").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Chưa gửi được, xin sửa 3 lỗi sau")
    expect(page.get_by_label("Họ và tên")).to_have_value("Nguyễn Văn Thử")
    expect(page).to_have_title(re.compile("^Chưa gửi được"))
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    summary.get_by_role("link", name=re.compile("Tiêu đề")).click()
    expect(page.get_by_label("Tiêu đề")).to_be_focused()


def test_the_look_up_page_is_accessible_in_each_of_its_states(page, portal, lines):
    from django.contrib.auth import get_user_model

    from hotline.models import Category, Channel
    from hotline.services import ticket_reply, ticket_submit

    ticket = ticket_submit(
        channel=Channel.WEB,
        category=Category.QUESTION,
        subject="Hỏi về giấy tờ khi làm thủ tục dự thi",
        message="Cần mang theo gì?",
    )
    staff = get_user_model().objects.create_user("canbo-e2e", is_staff=True)
    ticket_reply(ticket=ticket, body="Thẻ dự thi và căn cước công dân.", user=staff)

    page.goto(portal.url + "/duong-day-nong/tra-cuu/")
    assert_no_axe_violations(page)

    page.get_by_label("Mã phản ánh").fill(ticket.code)
    page.get_by_label("Khóa tra cứu").fill("khoa-sai")
    with page.expect_navigation():
        page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_role("alert")).to_contain_text("Không tìm thấy phản ánh")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    page.get_by_label("Khóa tra cứu").fill(ticket.token)
    with page.expect_navigation():
        page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_text("Thẻ dự thi và căn cước công dân.")).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
