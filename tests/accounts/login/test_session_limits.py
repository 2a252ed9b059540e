"""Staff sessions end after 30 idle minutes; every session 12 hours after its log-in."""

import datetime as dt

import pytest
import time_machine

PASSWORD = "mat-khau-thu-nghiem"
START = dt.datetime(2026, 6, 25, 7, 0, tzinfo=dt.UTC)
IDLE_MESSAGE = "Phiên làm việc đã hết hạn sau 30 phút không hoạt động"


@pytest.fixture(autouse=True)
def _no_second_factor(settings):
    settings.OTP_REQUIRED_FOR_STAFF = False
    settings.STAFF_IDLE_MINUTES = 30


def log_in(client, user, path="/dang-nhap/"):
    response = client.post(path, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


def test_staff_stay_logged_in_after_29_idle_minutes(client, personas):
    with time_machine.travel(START, tick=False) as traveller:
        log_in(client, personas["office"], "/admin/login/")
        traveller.shift(dt.timedelta(minutes=29))
        assert client.get("/admin/").status_code == 200
        # Each request starts the idle time again.
        traveller.shift(dt.timedelta(minutes=29))
        assert client.get("/admin/").status_code == 200


def test_staff_are_logged_out_after_31_idle_minutes_with_a_message(client, personas):
    with time_machine.travel(START, tick=False) as traveller:
        log_in(client, personas["office"], "/admin/login/")
        traveller.shift(dt.timedelta(minutes=31))
        response = client.get("/admin/news/article/")
        assert response.status_code == 302
        assert response.url == "/admin/login/?next=/admin/news/article/"
        login_page = client.get(response.url).content.decode()
        assert IDLE_MESSAGE in login_page
        assert client.get("/admin/").status_code == 302


def test_the_public_login_page_says_why_the_session_ended(client, personas):
    with time_machine.travel(START, tick=False) as traveller:
        log_in(client, personas["testing"])
        traveller.shift(dt.timedelta(minutes=31))
        response = client.get("/ban-chi-dao/", follow=True)
    assert response.redirect_chain[-1][0] == "/dang-nhap/?next=/ban-chi-dao/"
    assert IDLE_MESSAGE in response.content.decode()


@pytest.mark.parametrize("persona", ["site_a", "steering"])
def test_others_are_not_logged_out_when_idle_but_after_12_hours(client, personas, persona):
    area = "/diem-thi/" if persona == "site_a" else "/ban-chi-dao/"
    with time_machine.travel(START, tick=False) as traveller:
        log_in(client, personas[persona])
        traveller.shift(dt.timedelta(minutes=31))
        assert client.get(area).status_code == 200
        traveller.shift(dt.timedelta(hours=11, minutes=28))
        assert client.get(area).status_code == 200
        traveller.shift(dt.timedelta(minutes=2))
        response = client.get(area, follow=True)
    assert response.redirect_chain[-1][0] == f"/dang-nhap/?next={area}"


def test_staff_who_keep_working_are_still_logged_out_12_hours_after_logging_in(client, personas):
    with time_machine.travel(START, tick=False) as traveller:
        log_in(client, personas["office"], "/admin/login/")
        for _ in range(28):  # a request every 25 minutes: 11 h 40 min
            traveller.shift(dt.timedelta(minutes=25))
            assert client.get("/admin/").status_code == 200
        traveller.shift(dt.timedelta(minutes=25))
        response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/admin/login/?next=/admin/"
    assert "Phiên làm việc đã hết hạn sau 12 giờ" in response.content.decode()


def test_the_session_cookie_lasts_12_hours_at_most(settings):
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60
