"""Exam day, one session: two exam sites report, one of them an incident, and the Steering
Committee sees both on its dashboard while the urgent e-mail reaches a standing member.

Everything is real: Chromium (two site heads on phones, a Steering Committee member on a desktop),
the production stack (gunicorn, its Celery worker and beat, PostgreSQL, Redis) and an SMTP sink on
loopback as its mail server. The session started half an
hour ago by the real clock, so its quick reports are open and on time.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from exams.roles import Role
from tests.e2e.conftest import DESKTOP, new_context
from tests.e2e.helpers import assert_no_axe_violations, log_in, make_user, wait_for_mail

URGENT_TITLE = "Mất điện toàn bộ điểm thi trong 20 phút"


@pytest.fixture
def exam_day(transactional_db):
    from django.utils import timezone

    from notifications.models import Recipient, RecipientRole
    from tests import factories

    exam = factories.ExamFactory()
    started = (timezone.localtime() - dt.timedelta(minutes=30)).replace(second=0, microsecond=0)
    session = factories.SessionFactory(
        round=factories.RoundFactory(exam=exam),
        date=started.date(),
        start_time=started.time(),
        duration_minutes=150,
        title="Ngữ văn",
    )
    sites = {}
    for code, name, registered in (
        ("C01", "Trường THPT Mẫu Một", 400),
        ("C15", "Trường THPT Mẫu Mười Lăm", 300),
    ):
        site = factories.ExamSiteFactory(exam=exam, code=code, name=name)
        factories.SiteSessionFactory(site=site, session=session, registered_candidates=registered)
        make_user(f"diemthi-{code.lower()}", role=Role.SITE, site=site)
        sites[code] = site
    make_user("banchidao-tt", role=Role.STEERING)
    Recipient.objects.create(
        name="Phó Trưởng ban thường trực Mẫu",
        role=RecipientRole.STANDING_DEPUTY,
        email="thuongtruc@example.org",
        is_standing=True,
    )
    return session, sites


def send_quick_report(page, base, site, session, *, present: int, absent: int) -> None:
    log_in(page, base, f"diemthi-{site.code.lower()}", next_path=f"/diem-thi/{site.pk}/")
    page.goto(f"{base}/diem-thi/{site.pk}/buoi/{session.pk}/")
    page.get_by_label("Số thí sinh có mặt").fill(str(present))
    page.get_by_label("Số thí sinh vắng mặt").fill(str(absent))
    page.get_by_label("Vắng: bỏ thi").fill(str(absent))
    page.get_by_label("Họ và tên người gửi").fill(f"Trưởng điểm thi {site.code}")
    page.get_by_label("Số điện thoại người gửi").fill("0123 456 789")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_role("region", name="Biên nhận")).to_contain_text("Biên nhận số BC-")


def test_two_sites_report_one_incident_reaches_the_steering_committee(browser, portal, exam_day):
    sink = portal.mail
    session, sites = exam_day
    base = portal.url

    # Two site heads, each on a phone of their own.
    phones = [new_context(browser) for _ in range(2)]
    for context in phones:
        context.set_default_timeout(10_000)
    first, second = (context.new_page() for context in phones)
    send_quick_report(first, base, sites["C01"], session, present=398, absent=2)
    send_quick_report(second, base, sites["C15"], session, present=299, absent=1)

    # The second site also reports an incident at once.
    second.goto(f"{base}/diem-thi/{sites['C15'].pk}/dot-xuat/")
    second.get_by_label("Buổi thi").select_option(value=str(session.pk))
    second.get_by_label("Loại sự việc").select_option(label="Mất điện, thời tiết")
    second.get_by_label("Mức độ").select_option(label="Nghiêm trọng")
    second.get_by_label("Tiêu đề").fill(URGENT_TITLE)
    second.get_by_label("Nội dung").fill("Mất điện từ 8 giờ 05; phòng thi đủ ánh sáng tự nhiên.")
    second.get_by_label("Biện pháp đã xử lý").fill("Đã báo Điện lực; thí sinh làm bài bình thường.")
    second.get_by_label("Họ và tên người gửi").fill("Trưởng điểm thi C15")
    second.get_by_label("Số điện thoại người gửi").fill("0123 456 789")
    with second.expect_navigation():
        second.get_by_role("button", name=re.compile("Gửi")).click()
    expect(second.get_by_role("region", name="Biên nhận")).to_contain_text("Biên nhận số BC-")

    # The urgent e-mail reaches the standing member through the worker and SMTP.
    urgent = wait_for_mail(sink, lambda m: "BÁO CÁO ĐỘT XUẤT" in m["Subject"], timeout=60)
    assert urgent[0]["To"] == "Phó Trưởng ban thường trực Mẫu <thuongtruc@example.org>"
    assert URGENT_TITLE in urgent[0]["Subject"]

    # The Steering Committee member sees both reports and the incident on the dashboard.
    desk = new_context(browser, viewport=DESKTOP)
    desk.set_default_timeout(10_000)
    steering = desk.new_page()
    log_in(steering, base, "banchidao-tt", next_path=f"/ban-chi-dao/buoi/{session.pk}/")
    steering.goto(f"{base}/ban-chi-dao/buoi/{session.pk}/")
    content = steering.locator("main")
    expect(content).to_contain_text(re.compile(r"2\s*/\s*2"))
    expect(content).to_contain_text("C01")
    expect(content).to_contain_text("C15")
    expect(content).to_contain_text("697")  # present: 398 + 299
    incidents = steering.get_by_role("region", name="Sự việc bất thường")
    expect(incidents).to_contain_text("Mức độ nghiêm trọng (1)")
    expect(incidents).to_contain_text(URGENT_TITLE)
    expect(incidents.get_by_role("link", name="Xem báo cáo của C15")).to_be_visible()
    assert_no_axe_violations(steering)

    for context in (*phones, desk):
        context.close()
