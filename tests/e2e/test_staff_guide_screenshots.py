"""The staff guide's steps (docs/huong-dan/), walked in a browser on the demo data.

Each step checks that the page shows what the guide tells staff to look for (its heading, its
button). With GUIDE_SCREENSHOTS=1 the steps also save the guide's pictures into
docs/huong-dan/anh/; without it nothing is written into the repository:

    GUIDE_SCREENSHOTS=1 make test PYTEST_ARGS="tests/e2e/test_staff_guide_screenshots.py"

Admin pages at desktop width, the exam-site area at a phone's 360 px.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import os
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, new_context
from tests.e2e.helpers import authenticator_code, ckeditor

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "huong-dan" / "anh"
DESKTOP_SHOT = {"width": 1280, "height": 800}


@pytest.fixture
def demo(transactional_db, settings):
    """Everything `manage.py seed_demo` loads."""
    from django.apps import apps
    from django.core.management import call_command

    from exams.roles import sync_role_permissions

    # seed_demo refuses to run with DEBUG off (its accounts have a known password); the switch
    # is this process's, where the command runs: the stack under test keeps DEBUG off.
    settings.DEBUG = True
    # Live-server tests flush the database after each test, data migrations' rows included: write
    # them again (both are idempotent), and the groups with their permissions.
    for migration in (
        "news.migrations.0002_categories",
        "documents.migrations.0002_issuing_bodies",
    ):
        importlib.import_module(migration).create(apps, None)
    sync_role_permissions()
    call_command("seed_demo", stdout=io.StringIO())


def shot(page, name: str) -> None:
    """Save the guide's picture `name`.png, only when GUIDE_SCREENSHOTS=1."""
    if os.environ.get("GUIDE_SCREENSHOTS") != "1":
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def open_page(browser, viewport):
    context = new_context(browser, viewport=viewport)
    context.set_default_timeout(10_000)
    return context, context.new_page()


def admin_log_in(page, base_url: str, username: str) -> None:
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from camau_exam_portal.demo import DEMO_PASSWORD

    # The member set up an authenticator app at their first log-in (the guide's own step).
    user = get_user_model().objects.get(username=username)
    TOTPDevice.objects.get_or_create(user=user, confirmed=True, name="Ứng dụng xác thực")
    page.goto(f"{base_url}/admin/")
    expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)


def submit_log_in(page, username: str, *, code_shot: str | None = None) -> None:
    """Submit the password, then the authenticator app's code, as production asks."""
    from django.contrib.auth import get_user_model

    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Xác thực đăng nhập")).to_be_visible()
    user = get_user_model().objects.get(username=username)
    page.get_by_label("Mã xác thực").fill(authenticator_code(user))
    if code_shot:
        shot(page, code_shot)
    with page.expect_navigation():
        page.get_by_role("button", name="Xác thực").click()
    expect(page.get_by_role("heading", name="Bảng điều khiển")).to_be_visible()


def heading(page):
    return page.locator("#content h1, main h1").first


def save(page, button: str = "Lưu lại") -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".messagelist .success").first).to_be_visible()


def test_office_tasks(browser, portal, demo):
    from django.utils import timezone

    from hotline.models import Ticket
    from news.models import Article, Status
    from pressroom.models import PressBriefing, PressRelease

    base = portal.url
    context, page = open_page(browser, DESKTOP_SHOT)
    try:
        admin_log_in(page, base, "vanphong")
        shot(page, "vanphong-01-dang-nhap")
        submit_log_in(page, "vanphong", code_shot="vanphong-01b-ma-xac-thuc")
        shot(page, "vanphong-02-bang-dieu-khien")

        # An article, written and published.
        page.get_by_role("link", name="Bài viết", exact=True).first.click()
        expect(heading(page)).to_contain_text("bài viết")
        shot(page, "vanphong-03-danh-sach-bai-viet")
        page.get_by_role("link", name=re.compile("Thêm (vào )?bài viết")).click()
        expect(heading(page)).to_have_text("Thêm bài viết")
        editable = ckeditor(page)
        page.get_by_label("Tiêu đề:", exact=True).fill("Thí sinh làm thủ tục dự thi chiều 8/8/2020")
        page.get_by_label("Chuyên mục:", exact=True).select_option(index=1)
        page.get_by_label("Tóm tắt:", exact=True).fill(
            "Thí sinh có mặt tại điểm thi lúc 14 giờ để làm thủ tục dự thi."
        )
        editable.click()
        page.keyboard.type("Thí sinh mang theo Giấy báo dự thi và căn cước công dân.")
        shot(page, "vanphong-04-viet-bai")
        page.get_by_label("Trạng thái:", exact=True).select_option(label="Đã đăng")
        page.get_by_label("Trạng thái:", exact=True).scroll_into_view_if_needed()
        shot(page, "vanphong-05-dang-bai")
        save(page)
        article = Article.objects.get(title="Thí sinh làm thủ tục dự thi chiều 8/8/2020")
        assert article.status == Status.PUBLISHED

        # A second article, scheduled for tomorrow morning.
        page.get_by_role("link", name=re.compile("Thêm (vào )?bài viết")).click()
        expect(heading(page)).to_have_text("Thêm bài viết")
        ckeditor(page).click()
        page.keyboard.type("Lịch thi buổi sáng ngày mai.")
        page.get_by_label("Tiêu đề:", exact=True).fill("Lịch thi buổi sáng")
        page.get_by_label("Chuyên mục:", exact=True).select_option(index=1)
        page.get_by_label("Tóm tắt:", exact=True).fill("Lịch thi buổi sáng ngày mai.")
        page.get_by_label("Trạng thái:", exact=True).select_option(label="Hẹn giờ đăng")
        tomorrow = timezone.localtime() + dt.timedelta(days=1)
        page.locator("#id_publish_at_0").fill(tomorrow.strftime("%d/%m/%Y"))
        page.locator("#id_publish_at_1").fill("06:00:00")
        page.locator("#id_publish_at_0").scroll_into_view_if_needed()
        shot(page, "vanphong-06-hen-gio-dang")
        save(page)
        assert Article.objects.get(title="Lịch thi buổi sáng").status == Status.SCHEDULED

        # A directive document and its file.
        page.goto(base + reverse("admin:documents_document_changelist"))
        expect(heading(page)).to_contain_text("văn bản")
        shot(page, "vanphong-07-van-ban-chi-dao")
        page.goto(base + reverse("admin:documents_document_add"))
        expect(heading(page)).to_have_text("Thêm văn bản")
        expect(page.get_by_label("Số, ký hiệu:")).to_be_visible()
        shot(page, "vanphong-08-them-van-ban")
        page.goto(base + reverse("admin:documents_documentfile_add"))
        expect(heading(page)).to_have_text("Thêm tệp văn bản")
        expect(page.locator("input[type=file]")).to_have_count(1)
        shot(page, "vanphong-09-them-tep-van-ban")

        # A hotline ticket: answered, then made into a Q&A entry.
        ticket = Ticket.objects.filter(status__in=["moi", "dang-xu-ly"]).order_by("pk").first()
        ticket = ticket or Ticket.objects.order_by("pk").first()
        page.goto(base + reverse("admin:hotline_ticket_changelist"))
        expect(heading(page)).to_contain_text("phản ánh")
        shot(page, "vanphong-10-danh-sach-phan-anh")
        page.goto(base + reverse("admin:hotline_ticket_change", args=[ticket.pk]))
        expect(page.get_by_text(ticket.code).first).to_be_visible()
        reply = page.get_by_label("Trả lời người gửi (công khai):")
        reply.fill("Thí sinh mang theo Giấy báo dự thi và căn cước công dân khi làm thủ tục.")
        reply.scroll_into_view_if_needed()
        expect(page.get_by_label("Chuyển Ban Chỉ đạo")).to_be_visible()
        shot(page, "vanphong-11-tra-loi-phan-anh")
        save(page)
        ticket.refresh_from_db()
        assert ticket.status == "da-tra-loi"
        page.goto(base + reverse("admin:hotline_ticket_changelist"))
        page.locator(f"input[name=_selected_action][value='{ticket.pk}']").check()
        page.locator("select[name=action]").select_option(
            label="Tạo mục hỏi đáp từ phản ánh đã trả lời"
        )
        shot(page, "vanphong-12-tao-hoi-dap")
        with page.expect_navigation():
            page.get_by_role("button", name="Đi đến").click()
        expect(page.locator(".messagelist")).to_contain_text("Đã tạo bản nháp mục hỏi đáp")
        shot(page, "vanphong-13-bien-tap-hoi-dap")

        # A press release under embargo.
        page.goto(base + reverse("admin:pressroom_pressrelease_changelist"))
        expect(heading(page)).to_contain_text("thông cáo báo chí")
        shot(page, "vanphong-14-thong-cao-bao-chi")
        page.goto(base + reverse("admin:pressroom_pressrelease_add"))
        expect(heading(page)).to_have_text("Thêm thông cáo báo chí")
        page.locator("#id_number").fill("09/TCBC-SGDĐT")
        page.locator("#id_title").fill("Kết quả buổi thi môn Ngữ văn")
        page.locator("#id_summary").fill("Tình hình buổi thi môn Ngữ văn sáng 9/8/2020.")
        ckeditor(page).click()
        page.keyboard.type("Buổi thi môn Ngữ văn diễn ra an toàn, đúng quy chế.")
        page.get_by_label("Trạng thái:", exact=True).select_option(
            label="Đã duyệt, chờ đến giờ công bố"
        )
        page.locator("#id_publish_at_0").fill(tomorrow.strftime("%d/%m/%Y"))
        page.locator("#id_publish_at_1").fill("11:00")
        page.get_by_label("Trạng thái:", exact=True).scroll_into_view_if_needed()
        shot(page, "vanphong-15-thong-cao-cam-dang")
        save(page)
        release = PressRelease.objects.get(title="Kết quả buổi thi môn Ngữ văn")
        assert not PressRelease.objects.published().filter(pk=release.pk).exists()
        expect(
            page.get_by_role("row", name=re.compile("Kết quả buổi thi môn Ngữ văn"))
        ).to_contain_text("Cấm đăng đến giờ công bố")

        # A press briefing and who registered.
        briefing = PressBriefing.objects.order_by("starts_at").first()
        page.goto(base + reverse("admin:pressroom_pressbriefing_changelist"))
        expect(heading(page)).to_contain_text("họp báo")
        shot(page, "vanphong-16-hop-bao")
        page.goto(base + reverse("admin:pressroom_pressbriefing_change", args=[briefing.pk]))
        registrations = page.locator(".inline-group").filter(has_text="đăng ký dự họp báo").first
        registrations.scroll_into_view_if_needed()
        expect(registrations).to_be_visible()
        shot(page, "vanphong-17-dang-ky-hop-bao")

        # The steering dashboard.
        page.goto(base + reverse("reports:dashboard"))
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Ban Chỉ đạo thi — theo dõi báo cáo các điểm thi"
        )
        # The same page as khaothi-06-ban-chi-dao.png, which both guides show.
    finally:
        context.close()


def test_testing_division_tasks(browser, portal, demo):
    from exams.models import Session

    base = portal.url
    context, page = open_page(browser, DESKTOP_SHOT)
    try:
        admin_log_in(page, base, "khaothi")
        submit_log_in(page, "khaothi")
        shot(page, "khaothi-01-bang-dieu-khien")

        page.goto(base + reverse("admin:exams_session_changelist"))
        expect(heading(page)).to_contain_text("buổi thi")
        shot(page, "khaothi-02-lich-thi")
        session = Session.objects.get(date=dt.date(2020, 8, 9), period="sang")
        page.goto(base + reverse("admin:exams_session_change", args=[session.pk]))
        expect(page.get_by_text("Hạn báo cáo").first).to_be_visible()
        shot(page, "khaothi-03-buoi-thi-han-bao-cao")

        page.goto(base + reverse("admin:exams_examsite_changelist"))
        expect(heading(page)).to_contain_text("điểm thi")
        shot(page, "khaothi-04-diem-thi")
        page.goto(base + reverse("admin:exams_sitemembership_changelist"))
        expect(page.get_by_text("diemthi-c15").first).to_be_visible()
        shot(page, "khaothi-05-tai-khoan-diem-thi")

        page.goto(base + reverse("reports:dashboard"))
        expect(page.get_by_role("heading", level=1)).to_contain_text("Ban Chỉ đạo thi")
        shot(page, "khaothi-06-ban-chi-dao")
        page.goto(base + reverse("reports:dashboard-session", args=[session.pk]))
        expect(page.get_by_role("heading", level=1)).to_contain_text("Buổi thi")
        shot(page, "khaothi-07-buoi-thi")
        downloads = page.get_by_role("heading", name="Tải về")
        downloads.scroll_into_view_if_needed()
        xlsx = page.get_by_role("link", name=re.compile("Bảng tính Excel \\(XLSX\\)"))
        docx = page.get_by_role("link", name=re.compile("Báo cáo nhanh tổng hợp .*DOCX"))
        expect(xlsx).to_be_visible()
        expect(docx).to_be_visible()
        shot(page, "khaothi-08-tai-xlsx-docx")
        for link, suffix in ((xlsx, ".xlsx"), (docx, ".docx")):
            with page.expect_download() as download:
                link.click()
            assert download.value.suggested_filename.endswith(suffix)
    finally:
        context.close()


@pytest.fixture
def open_session(demo):
    """A session of the 2020 exam that started half an hour ago, for site C15 (diemthi-c15)."""
    from django.utils import timezone

    from exams.models import ExamSite, Session, SiteSession

    site = ExamSite.objects.get(code="C15")
    # A copy of the Ngữ văn session of 9/8/2020, moved to today.
    template = Session.objects.get(round__exam=site.exam, date=dt.date(2020, 8, 9), period="sang")
    started = (timezone.localtime() - dt.timedelta(minutes=30)).replace(second=0, microsecond=0)
    session = Session.objects.get(pk=template.pk)
    session.pk = None
    session.id = None
    session.date = started.date()
    session.start_time = started.time()
    session.period = "sang" if started.hour < 12 else "chieu"
    session.save()
    SiteSession.objects.create(site=site, session=session, registered_candidates=500, rooms=21)
    return site, session


def test_exam_site_tasks(browser, portal, open_session):
    from camau_exam_portal.demo import DEMO_PASSWORD

    site, session = open_session
    base = portal.url
    context, page = open_page(browser, PHONE)
    try:
        page.goto(base + "/dang-nhap/?next=/diem-thi/")
        page.get_by_label("Tên đăng nhập").fill("diemthi-c15")
        page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
        shot(page, "diemthi-01-dang-nhap")
        with page.expect_navigation():
            page.get_by_role("button", name="Đăng nhập").click()
        if not re.search(rf"/diem-thi/{site.pk}/$", page.url):
            page.goto(f"{base}/diem-thi/{site.pk}/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Điểm thi C15")
        sessions = page.get_by_role("region", name="Các buổi thi của điểm thi")
        expect(sessions.get_by_text("Đang chờ báo cáo").first).to_be_visible()
        shot(page, "diemthi-02-trang-diem-thi")

        page.goto(f"{base}/diem-thi/{site.pk}/buoi/{session.pk}/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Báo cáo nhanh buổi thi")
        expect(page.get_by_label("Số thí sinh đăng ký dự thi")).to_have_value("500")
        shot(page, "diemthi-03-bao-cao-nhanh")
        page.get_by_label("Số thí sinh có mặt").fill("497")
        page.get_by_label("Số thí sinh vắng mặt").fill("3")
        page.get_by_label("Vắng: ốm, tai nạn").fill("3")
        page.get_by_label("Họ và tên người gửi").fill("Trần Thị Trưởng")
        page.get_by_label("Số điện thoại người gửi").fill("0123 456 789")
        page.get_by_role("button", name="Gửi báo cáo").scroll_into_view_if_needed()
        shot(page, "diemthi-04-gui-bao-cao")
        with page.expect_navigation():
            page.get_by_role("button", name="Gửi báo cáo").click()

        expect(page.get_by_role("status")).to_contain_text("Đã gửi báo cáo.")
        receipt = page.get_by_role("region", name="Biên nhận")
        expect(receipt).to_contain_text(re.compile(r"Biên nhận số BC-\d{4}-\d{6}"))
        shot(page, "diemthi-05-bien-nhan")

        with page.expect_navigation():
            page.get_by_role("link", name="Gửi đính chính").click()
        page.get_by_label("Số thí sinh có mặt").fill("496")
        page.get_by_label("Số thí sinh vắng mặt").fill("4")
        page.get_by_label("Vắng: ốm, tai nạn").fill("4")
        page.get_by_label("Lý do đính chính").fill("Thêm một thí sinh vắng vì ốm.")
        page.get_by_label("Lý do đính chính").scroll_into_view_if_needed()
        shot(page, "diemthi-06-dinh-chinh")
        with page.expect_navigation():
            page.get_by_role("button", name="Gửi đính chính").click()
        expect(page.get_by_text("Số thí sinh có mặt: 497 → 496")).to_be_visible()
        shot(page, "diemthi-07-da-dinh-chinh")

        page.goto(f"{base}/diem-thi/{site.pk}/")
        page.get_by_role("link", name="Gửi báo cáo đột xuất").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Báo cáo đột xuất")
        page.get_by_label("Loại sự việc").select_option(index=1)
        page.get_by_label("Mức độ").select_option(index=1)
        page.get_by_label("Tiêu đề").fill("Mất điện tại khu phòng thi B")
        page.get_by_label("Nội dung", exact=True).fill(
            "Mất điện lúc 8 giờ 10 phút tại 6 phòng thi."
        )
        page.get_by_label("Biện pháp đã xử lý").fill("Mở cửa sổ, báo Điện lực.")
        page.get_by_label("Họ và tên người gửi").fill("Trần Thị Trưởng")
        page.get_by_label("Số điện thoại người gửi").fill("0123 456 789")
        page.get_by_label("Tiêu đề").scroll_into_view_if_needed()
        shot(page, "diemthi-08-bao-cao-dot-xuat")
        with page.expect_navigation():
            page.get_by_role("button", name="Gửi báo cáo").click()
        expect(page.get_by_role("status")).to_contain_text("Đã gửi báo cáo.")
        shot(page, "diemthi-09-da-gui-dot-xuat")
    finally:
        context.close()
