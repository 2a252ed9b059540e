"""/bao-chi/hop-bao/<slug>/: an announced briefing in each of its states."""

from __future__ import annotations

import pytest

from pressroom.models import BriefingStatus, Registration
from tests.factories import at
from tests.pressroom.public.conftest import page_of


def registration_section(page: str) -> str:
    return page.split('id="dang-ky"', 1)[1].split("</section>", 1)[0]


def test_an_invited_briefing_shows_its_details_the_calendar_link_and_the_form(
    client, morning, make_briefing, spokesperson
):
    briefing = make_briefing(capacity=40)
    Registration.objects.create(
        briefing=briefing,
        name="Phóng viên Một",
        outlet="Báo Mẫu",
        email="pv1@example.org",
        phone="0123 456 780",
    )

    response = client.get(briefing.get_absolute_url())

    assert response.status_code == 200
    page = page_of(response)
    assert "Họp báo · Đợt 1 – trước kỳ thi" in page
    assert "Thứ Năm, 6/8/2020, 08:00</time>–<time" in page and ">10:00</time>" in page
    assert "Phòng họp số 5, Sở Giáo dục và Đào tạo" in page
    assert "Giám đốc Sở Giáo dục và Đào tạo" in page
    assert "Thường trực Ban Chỉ đạo; các cơ quan báo chí" in page
    assert "<p>Thông tin về công tác chuẩn bị Kỳ thi.</p>" in page
    assert f'href="{briefing.get_ics_url()}"' in page and "Thêm vào lịch" in page
    form = registration_section(page)
    assert "Còn <strong>39</strong> chỗ (tối đa 40 phóng viên)" in form
    assert 'name="csrfmiddlewaretoken"' in form
    for field in ("name", "outlet", "email", "phone"):
        assert f'id="id_{field}"' in form
    assert '<div class="hp-field">' in form and "style=" not in page
    assert "Trần Văn Phát Ngôn" in page
    assert "no-store" in response["Cache-Control"]  # a CSRF token: never cached


def test_a_postponed_briefing_says_so_with_its_note_and_takes_no_registration(
    client, morning, make_briefing
):
    briefing = make_briefing(
        status=BriefingStatus.POSTPONED, status_note="Hoãn do ảnh hưởng của bão số 2."
    )

    page = page_of(client.get(briefing.get_absolute_url()))

    assert "Buổi họp báo tạm hoãn." in page
    assert "Hoãn do ảnh hưởng của bão số 2." in page
    assert "Dự kiến trước đây:" in page
    assert "<form" not in registration_section(page)
    assert "Tạm dừng nhận đăng ký" in registration_section(page)


def test_a_cancelled_briefing_says_so_and_offers_neither_form_nor_calendar(
    client, morning, make_briefing
):
    briefing = make_briefing(status=BriefingStatus.CANCELLED, status_note="Không tổ chức nữa.")

    page = page_of(client.get(briefing.get_absolute_url()))

    assert "Buổi họp báo đã bị hủy." in page and "Không tổ chức nữa." in page
    assert briefing.get_ics_url() not in page
    assert "<form" not in registration_section(page)


def test_a_held_briefing_shows_its_outcome_and_materials(
    client, morning, make_briefing, make_material
):
    briefing = make_briefing(
        starts_at=at(2020, 8, 1, 8, 0),
        status=BriefingStatus.HELD,
        outcome="<p>Đã cung cấp thông tin cho 25 cơ quan báo chí.</p>",
    )
    material = make_material(briefing, title="Báo cáo tại họp báo")

    page = page_of(client.get(briefing.get_absolute_url()))

    assert "Kết quả họp báo" in page
    assert "<p>Đã cung cấp thông tin cho 25 cơ quan báo chí.</p>" in page
    assert f'href="{material.file.url}"' in page and "Báo cáo tại họp báo" in page
    assert "Đã hết thời gian đăng ký" in registration_section(page)
    assert 'method="post"' not in page


def test_the_outcome_stays_hidden_until_the_briefing_is_held(client, morning, make_briefing):
    briefing = make_briefing(outcome="<p>Kết quả soạn trước.</p>")

    assert "Kết quả soạn trước." not in page_of(client.get(briefing.get_absolute_url()))


def test_a_full_briefing_says_so_instead_of_the_form(client, morning, make_briefing):
    briefing = make_briefing(capacity=1)
    Registration.objects.create(
        briefing=briefing, name="A", outlet="B", email="a@example.org", phone="0123 456 789"
    )

    section = registration_section(page_of(client.get(briefing.get_absolute_url())))

    assert "đã đủ 1 phóng viên đăng ký" in section and "<form" not in section


def test_a_briefing_taking_no_registration_on_the_portal_says_so(client, morning, make_briefing):
    briefing = make_briefing(capacity=0)

    section = registration_section(page_of(client.get(briefing.get_absolute_url())))

    assert "không nhận đăng ký trên cổng" in section and "<form" not in section


@pytest.mark.parametrize("path", ["", "lich.ics"])
def test_a_planned_briefing_is_internal_a_404(client, morning, make_briefing, path):
    briefing = make_briefing(status=BriefingStatus.PLANNED)

    assert client.get(briefing.get_absolute_url() + path).status_code == 404
