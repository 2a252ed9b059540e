"""The press room in a phone's browser: /bao-chi/, a release, an outlet's private page before the
embargo, a briefing's page with its registration form empty, with errors and after success.

At 360 px wide, with no sideways scrolling and no axe-core violation (WCAG 2.1 AA).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, assert_no_horizontal_scroll


def _pdf() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 80), "steelblue").save(out, format="PDF")
    return out.getvalue()


def _checked_file(model, **fields):
    from django.core.files.base import ContentFile

    data = _pdf()
    item = model(
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        **fields,
    )
    item.file.save("tep.pdf", ContentFile(data), save=False)
    item.save()
    return item


@pytest.fixture
def press(demo_data):
    """A spokesperson, a public release with a correction and a file, one under embargo, an
    outlet, an upcoming briefing open for registration and a past one, a media kit file."""
    from django.utils import timezone

    from pressroom.models import (
        BriefingStatus,
        MediaKitItem,
        MediaOutlet,
        OutletKind,
        PressBriefing,
        PressRelease,
        ReleaseAttachment,
        ReleaseCorrection,
        ReleaseStatus,
        Spokesperson,
        Wave,
    )

    now = timezone.now()
    Spokesperson.objects.create(
        name="Trần Văn Phát Ngôn",
        title="Chánh Văn phòng Sở Giáo dục và Đào tạo",
        phone="0123 456 789",
        email="phatngon.vanphongso@example.org",
        is_default=True,
    )
    public = PressRelease.objects.create(
        number="01/TCBC-SGDĐT",
        title="Thông cáo báo chí về công tác chuẩn bị Kỳ thi tốt nghiệp THPT năm 2020",
        summary="Toàn tỉnh có 9.658 thí sinh đăng ký dự thi tại 30 điểm thi.",
        body="<p>Sở Giáo dục và Đào tạo Cà Mau thông tin về công tác chuẩn bị Kỳ thi.</p>"
        "<ul><li>Số thí sinh: 9.658.</li><li>Số điểm thi: 30.</li></ul>",
        status=ReleaseStatus.APPROVED,
        publish_at=now - dt.timedelta(days=1),
    )
    ReleaseCorrection.objects.create(release=public, note="Sửa số điểm thi từ 29 thành 30.")
    _checked_file(
        ReleaseAttachment,
        release=public,
        title="Danh sách điểm thi",
        original_name="Danh sách điểm thi.pdf",
    )
    embargoed = PressRelease.objects.create(
        number="02/TCBC-SGDĐT",
        title="Thông cáo báo chí về kết quả Kỳ thi tốt nghiệp THPT năm 2020",
        summary="Tỷ lệ tốt nghiệp của tỉnh.",
        body="<p>Kết quả sẽ được công bố đúng giờ.</p>",
        status=ReleaseStatus.APPROVED,
        publish_at=now + dt.timedelta(days=1),
    )
    outlet = MediaOutlet.objects.create(name="Báo Mẫu Cà Mau", kind=OutletKind.LOCAL)
    starts = (now + dt.timedelta(days=2)).replace(hour=1, minute=0, second=0, microsecond=0)
    upcoming = PressBriefing.objects.create(
        title="Họp báo về công tác chuẩn bị Kỳ thi tốt nghiệp THPT năm 2020",
        wave=Wave.BEFORE,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        chair="Giám đốc Sở Giáo dục và Đào tạo",
        participants="Thường trực Ban Chỉ đạo thi tỉnh; các cơ quan báo chí",
        agenda="<p>Thông tin về công tác chuẩn bị Kỳ thi.</p>",
        status=BriefingStatus.INVITED,
        capacity=30,
    )
    PressBriefing.objects.create(
        title="Họp báo đợt trước",
        wave=Wave.BEFORE,
        starts_at=starts - dt.timedelta(days=10),
        ends_at=starts - dt.timedelta(days=10) + dt.timedelta(hours=2),
        status=BriefingStatus.HELD,
        outcome="<p>Đã thông tin cho 25 cơ quan báo chí.</p>",
    )
    _checked_file(
        MediaKitItem,
        title="Số liệu Kỳ thi năm 2020",
        description="Số thí sinh, điểm thi, phòng thi của tỉnh.",
        original_name="So lieu.pdf",
    )
    return {"public": public, "embargoed": embargoed, "outlet": outlet, "briefing": upcoming}


def test_the_press_room_and_a_release_fit_a_phone_with_no_axe_violations(
    page, portal, press, console_errors
):
    page.goto(portal.url + "/bao-chi/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thông tin cho báo chí")
    releases = page.get_by_role("region", name="Thông cáo báo chí")
    expect(releases.get_by_role("link", name=press["public"].title)).to_be_visible()
    expect(page.get_by_text(press["embargoed"].title)).to_have_count(0)
    contact = page.get_by_role("region", name="Liên hệ báo chí")
    expect(contact.get_by_role("link", name="0123 456 789")).to_have_attribute(
        "href", "tel:0123456789"
    )
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    releases.get_by_role("link", name=press["public"].title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(press["public"].title)
    expect(page.get_by_text(re.compile(r"^Đính chính lúc .*: Sửa số điểm thi"))).to_be_visible()
    expect(page.get_by_role("link", name="Danh sách điểm thi")).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
    assert console_errors == []


def test_an_outlets_private_page_shows_the_embargo_first(page, portal, press):
    release, outlet = press["embargoed"], press["outlet"]

    response = page.goto(portal.url + release.get_private_url(outlet))

    assert response.headers["cache-control"] == "no-store, private"
    banner = page.get_by_role("note").filter(has_text="Thông tin cấm đăng trước")
    expect(banner).to_contain_text("(giờ công bố)")
    expect(page.get_by_role("heading", level=1)).to_have_text(release.title)
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def test_a_reporter_registers_for_a_briefing_after_correcting_the_form(page, portal, press):
    from pressroom.models import Registration

    briefing = press["briefing"]
    page.goto(portal.url + briefing.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(briefing.title)
    expect(page.get_by_text("Còn 30 chỗ")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Thêm vào lịch"))).to_have_attribute(
        "href", briefing.get_ics_url()
    )
    expect(page.locator("#id_trang_web")).to_be_hidden()  # the honeypot
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    page.get_by_label("Họ và tên").fill("Nguyễn Văn Phóng Viên")
    page.get_by_label("Thư điện tử").fill("khong-phai-dia-chi")
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng ký dự họp báo").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Chưa đăng ký được, xin sửa 3 lỗi sau")
    expect(page.get_by_label("Họ và tên")).to_have_value("Nguyễn Văn Phóng Viên")
    expect(page).to_have_title(re.compile("^Chưa đăng ký được"))
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
    summary.get_by_role("link", name=re.compile("Thư điện tử")).click()
    expect(page.get_by_label("Thư điện tử")).to_be_focused()

    page.get_by_label("Cơ quan báo chí").fill("Báo Mẫu Cà Mau")
    page.get_by_label("Thư điện tử").fill("phongvien@example.org")
    page.get_by_label("Số điện thoại").fill("0123 456 789")
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng ký dự họp báo").click()

    expect(page.get_by_role("status")).to_contain_text(
        "thư xác nhận đã được gửi tới phongvien@example.org"
    )
    expect(page.get_by_text("Còn 29 chỗ")).to_be_visible()
    assert Registration.objects.filter(briefing=briefing).count() == 1
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def test_the_exam_calendar_lists_the_briefings_of_the_exams_year(page, portal, demo_data):
    from pressroom.models import BriefingStatus, PressBriefing, Wave

    starts = dt.datetime(2020, 8, 6, 1, 0, tzinfo=dt.UTC)  # 08:00 in Cà Mau
    PressBriefing.objects.create(
        title="Họp báo về công tác chuẩn bị Kỳ thi tốt nghiệp THPT năm 2020",
        wave=Wave.BEFORE,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        status=BriefingStatus.HELD,
    )

    page.goto(portal.url + "/lich-thi/")

    briefings = page.get_by_role("region", name="Lịch họp báo")
    expect(briefings).to_contain_text("Thứ Năm, 6/8/2020, 08:00–10:00")
    expect(briefings).to_contain_text("Đã tổ chức")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
