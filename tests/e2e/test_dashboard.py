"""The steering dashboard on a Steering Committee member's phone: the overview with its charts and
a session's page with reports, at 360 px, with no sideways scrolling and no axe-core violation;
while a session runs, the page refreshes itself and the refresh can be paused.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from exams.roles import Role
from tests.e2e.helpers import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    log_in,
    make_user,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _values(registered: int, present: int, **extra) -> dict:
    absent = registered - present
    values = {
        "sender_name": "Nguyễn Văn Mẫu",
        "sender_phone": "0123 456 789",
        "rooms": -(-registered // 24),
        "registered": registered,
        "present": present,
        "absent": absent,
        "absent_gave_up": absent,
        "seals_intact": True,
    }
    values.update(extra)
    return values


@pytest.fixture
def reports(demo_data):
    """Quick reports of the Ngữ văn session from three of the 17 sites: one on time, one late and
    amended with a suspension, one with a serious incident; and an urgent report."""
    from exams.models import ExamSite, Session
    from reports.services import report_submit

    session = Session.objects.get(round__number=1, date=dt.date(2020, 8, 9), period="sang")
    sites = {site.code: site for site in ExamSite.objects.filter(code__in=["C01", "C02", "C15"])}
    users = {
        code: make_user(f"diemthi-{code.lower()}", role=Role.SITE, site=site)
        for code, site in sites.items()
    }

    def send(code, values, *, at, **kwargs):
        return report_submit(
            site=sites[code],
            user=users[code],
            kind="nhanh",
            session=session,
            submission_key=uuid.uuid4(),
            values=values,
            now=dt.datetime(2020, 8, 9, *at, tzinfo=VN),
            **kwargs,
        )

    send("C01", _values(720, 718), at=(9, 50))
    case = {
        "candidate_number": "61000123",
        "room": "12",
        "form": "dinh-chi",
        "description": "Mang điện thoại vào phòng thi và sử dụng; lập biên bản.",
        "record_number": "05/BB",
    }
    late = send("C02", _values(700, 697), at=(10, 40))
    send(
        "C02",
        _values(700, 696, suspensions=1),
        at=(10, 55),
        cases=[case],
        report=late.report,
        amends=1,
        reason="Bổ sung một thí sinh bị đình chỉ thi.",
    )
    send(
        "C15",
        _values(661, 660),
        at=(10, 5),
        incidents=[
            {
                "category": "suc-khoe",
                "severity": "cao",
                "description": "Một thí sinh ngất trong phòng thi, đã đưa đi cấp cứu.",
                "action_taken": "Cán bộ y tế sơ cứu, gọi xe cấp cứu.",
            }
        ],
    )
    return session


@pytest.fixture
def steering(demo_data):
    return make_user("banchidao-e2e", role=Role.STEERING)


def test_a_steering_member_reads_the_dashboard_and_a_session_on_a_phone(
    page, portal, reports, steering
):
    log_in(page, portal.url, steering.username)
    expect(page).to_have_url(portal.url + "/ban-chi-dao/")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ban Chỉ đạo thi — theo dõi báo cáo các điểm thi"
    )
    chart = page.get_by_role("img", name="Tỷ lệ thí sinh dự thi theo buổi thi")
    expect(chart).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("xử lý kỷ luật theo buổi thi"))).to_be_visible()
    data = page.get_by_role("table", name=re.compile("thí sinh dự thi theo buổi thi"))
    expect(data.get_by_role("row", name="Sáng 9/8/2020 — Ngữ văn")).to_contain_text("2.074")
    # No session is running (the exam is past): the page does not refresh itself.
    expect(page.locator("[data-tu-cap-nhat]")).to_have_count(0)
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Sáng 9/8/2020 — Ngữ văn").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ngữ văn")
    expect(page.get_by_text("3/17")).to_be_visible()
    sites = page.get_by_role("table", name="Báo cáo nhanh của từng điểm thi")
    expect(sites.get_by_role("row", name=re.compile("C02"))).to_contain_text("Đã đính chính 1 lần")
    expect(sites.get_by_role("row", name=re.compile("C02"))).to_contain_text("Đã gửi muộn")
    expect(sites.get_by_role("row", name=re.compile("C03"))).to_contain_text("Quá hạn, chưa gửi")
    expect(page.get_by_role("heading", name="Mức độ nghiêm trọng (1)")).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Xem báo cáo của C02").click()
    expect(page.get_by_role("heading", name=re.compile("Các lần gửi trước"))).to_be_visible()
    expect(page.get_by_text("Bổ sung một thí sinh bị đình chỉ thi.").first).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def test_while_a_session_runs_the_page_refreshes_itself_and_can_be_paused(
    page, portal, reports, steering
):
    from django.utils import timezone

    # The stack's clock is the real one: the Ngữ văn session is moved to run now (it started half
    # an hour ago), and the browser's own clock is then driven by the test.
    started = (timezone.localtime() - dt.timedelta(minutes=30)).replace(second=0, microsecond=0)
    reports.date, reports.start_time = started.date(), started.time()
    reports.save(update_fields=["date", "start_time"])
    log_in(page, portal.url, steering.username)
    page.clock.install()
    page.goto(portal.url + f"/ban-chi-dao/buoi/{reports.pk}/")

    expect(page.locator("#bang-theo-doi")).to_have_attribute("data-tu-cap-nhat", "60")
    status = page.get_by_role("status")
    pause = page.get_by_role("button", name="Tạm dừng tự cập nhật")
    expect(pause).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    page.clock.fast_forward("01:01")
    expect(status).to_have_text(re.compile(r"Đã cập nhật lúc \d\d:\d\d"))
    expect(page.get_by_role("table", name="Báo cáo nhanh của từng điểm thi")).to_be_visible()

    pause.click()
    expect(status).to_have_text("Đã tạm dừng tự cập nhật.")
    resume = page.get_by_role("button", name="Tiếp tục tự cập nhật")
    expect(resume).to_be_visible()
    assert_no_axe_violations(page)
