"""Registering for a briefing from its page: what is stored and e-mailed, what is refused."""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape
from icalendar import Calendar

from notifications.models import Message
from pressroom.models import Registration
from tests.factories import at
from tests.pressroom.public.conftest import page_of


def form_data(**overrides) -> dict:
    data = {
        "name": "Nguyễn Văn Phóng Viên",
        "outlet": "Báo Mẫu Cà Mau",
        "email": "phongvien@example.org",
        "phone": "0123 456 789",
        "trang_web": "",
    }
    data.update(overrides)
    return data


def post(client, briefing, data, ip="203.0.113.10"):
    return client.post(briefing.get_absolute_url(), data, REMOTE_ADDR=ip)


@pytest.fixture
def briefing(morning, make_briefing):
    return make_briefing(capacity=40)


def test_a_registration_is_stored_confirmed_by_e_mail_and_the_page_says_so(client, briefing):
    response = post(client, briefing, form_data(email="PhongVien@Example.org"))

    assert response.status_code == 302
    assert response["Location"] == briefing.get_absolute_url()
    registration = Registration.objects.get()
    assert registration.briefing == briefing
    assert (registration.name, registration.outlet, registration.phone) == (
        "Nguyễn Văn Phóng Viên",
        "Báo Mẫu Cà Mau",
        "0123 456 789",
    )
    assert registration.email == "phongvien@example.org"

    message = Message.objects.get()
    assert message.event == "dang-ky-hop-bao"
    assert message.recipient.email == "phongvien@example.org"
    (attachment,) = message.context["attachments"]
    assert attachment["mimetype"] == "text/calendar; method=PUBLISH"
    event = Calendar.from_ical(attachment["content"]).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == briefing.title

    page = page_of(client.get(response["Location"]))
    assert (
        "Đã đăng ký dự họp báo cho Nguyễn Văn Phóng Viên (Báo Mẫu Cà Mau); thư xác nhận đã "
        "được gửi tới phongvien@example.org." in page
    )
    assert "Còn <strong>39</strong> chỗ" in page


def test_past_the_capacity_a_registration_is_refused_and_nothing_is_stored(
    client, morning, make_briefing
):
    briefing = make_briefing(capacity=2)
    for number in (1, 2):
        assert post(client, briefing, form_data(email=f"pv{number}@example.org")).status_code == 302

    response = post(client, briefing, form_data(email="pv3@example.org"))

    assert response.status_code == 409
    assert "Buổi họp báo đã đủ 2 phóng viên đăng ký." in page_of(response)
    assert Registration.objects.count() == 2
    assert Message.objects.count() == 2


def test_an_address_registers_once(client, briefing):
    assert post(client, briefing, form_data()).status_code == 302

    response = post(client, briefing, form_data(name="Người khác", email="PHONGVIEN@example.org"))

    assert response.status_code == 400
    page = page_of(response)
    assert "Địa chỉ thư này đã đăng ký dự buổi họp báo; không cần đăng ký lại." in page
    assert 'href="#id_email"' in page  # in the summary, linked to the field
    assert Registration.objects.count() == 1
    assert Message.objects.count() == 1


def test_errors_are_listed_at_the_top_with_links_and_what_was_typed_is_kept(client, briefing):
    response = post(
        client, briefing, form_data(name="", outlet="", email="khong-phai-dia-chi", phone="abc")
    )

    assert response.status_code == 400
    assert Registration.objects.count() == 0
    page = page_of(response)
    summary = page.split('id="loi-bieu-mau"', 1)[1].split("</div>", 1)[0]
    assert "Chưa đăng ký được, xin sửa 4 lỗi sau:" in summary
    for anchor, message in [
        ("id_name", "Xin ghi họ và tên phóng viên."),
        ("id_outlet", "Xin ghi tên cơ quan báo chí."),
        ("id_email", "Địa chỉ thư điện tử chưa đúng, ví dụ: ten@example.com."),
        ("id_phone", "từ 8 đến 15 chữ số"),
    ]:
        assert f'href="#{anchor}"' in summary and message in summary
        assert f'id="{anchor}_error"' in page
    assert "<title>Chưa đăng ký được" in page
    assert 'aria-describedby="id_email_helptext id_email_error"' in page
    assert 'value="khong-phai-dia-chi"' in page


def test_what_was_typed_is_shown_again_escaped(client, briefing):
    payload = '"><script>alert(1)</script>'

    response = post(client, briefing, form_data(name=payload, email=""))

    assert response.status_code == 400
    page = page_of(response)
    assert payload not in page
    assert f'value="{escape(payload)}"' in page


def test_a_filled_honeypot_is_refused_with_a_neutral_message_and_nothing_stored(client, briefing):
    response = post(client, briefing, form_data(trang_web="http://spam.example"))

    assert response.status_code == 400
    page = page_of(response)
    assert "Không gửi được biểu mẫu. Đăng ký chưa được gửi." in page
    assert "spam.example" not in page
    assert 'value="Nguyễn Văn Phóng Viên"' in page  # a person can send it again
    assert Registration.objects.count() == 0
    assert Message.objects.count() == 0


def test_the_registration_over_the_rate_limit_is_refused_with_429_and_nothing_stored(
    client, briefing, monkeypatch
):
    monkeypatch.setattr("pressroom.views.REGISTRATION_RATE_LIMIT", 3)
    for number in range(3):
        assert post(client, briefing, form_data(email=f"pv{number}@example.org")).status_code == 302

    response = post(client, briefing, form_data(email="pv-qua-gioi-han@example.org"))

    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    page = page_of(response)
    assert "quá nhiều lần" in page and "chờ khoảng 10 phút" in page
    assert 'value="pv-qua-gioi-han@example.org"' in page
    assert Registration.objects.count() == 3
    # Another address is not held back by the first one.
    assert post(client, briefing, form_data(), ip="203.0.113.99").status_code == 302
    assert Registration.objects.count() == 4


def test_once_the_briefing_has_started_a_late_post_is_refused(client, morning, make_briefing):
    briefing = make_briefing(starts_at=at(2020, 8, 5, 6, 30))  # started before the clock's 07:00

    response = post(client, briefing, form_data())

    assert response.status_code == 409
    assert "Buổi họp báo này không còn nhận đăng ký trên cổng." in page_of(response)
    assert Registration.objects.count() == 0


def test_the_form_keeps_the_page_free_of_inline_styles_and_scripts(client, briefing):
    page = page_of(post(client, briefing, form_data(name="")))

    assert "style=" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
