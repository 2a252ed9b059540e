"""Staff give a code of an authenticator app after their password; recovery codes work once."""

import re
import time

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.services import recovery_code_digest

PASSWORD = "mat-khau-thu-nghiem"
VERIFY = "/dang-nhap/xac-thuc/"
SETUP = "/dang-nhap/thiet-lap-xac-thuc/"


@pytest.fixture(autouse=True)
def _otp_required(settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    settings.OTP_REQUIRED_FOR_SITES = False


def app_code(device: TOTPDevice) -> str:
    """The code an authenticator app shows now, computed from the device's key."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def wrong_code(device: TOTPDevice) -> str:
    """A code that matches none of the steps the device accepts now."""
    accepted = {
        totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
        for drift in (-1, 0, 1)
    }
    return next(f"{n:06d}" for n in range(10) if n not in accepted)


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)


def recovery_codes(user, *codes: str) -> None:
    device = StaticDevice.objects.create(user=user, name="Mã khôi phục")
    for code in codes:
        device.token_set.create(token=recovery_code_digest(code))


def password_log_in(client, user, path="/dang-nhap/", next_path=""):
    url = path + (f"?next={next_path}" if next_path else "")
    return client.post(url, {"username": user.username, "password": PASSWORD})


def test_staff_with_an_app_are_asked_for_a_code_and_get_in_with_a_real_one(client, personas):
    office = personas["office"]
    device = confirmed_device(office)

    response = password_log_in(client, office, "/admin/login/", "/admin/")
    assert response.status_code == 302
    page = client.get(response.url, follow=True)
    assert page.redirect_chain[-1][0] == f"{VERIFY}?next=%2Fadmin%2F"
    assert "Xác thực đăng nhập" in page.content.decode()
    assert 'autocomplete="one-time-code"' in page.content.decode()
    assert 'inputmode="numeric"' in page.content.decode()

    response = client.post(VERIFY, {"otp_token": app_code(device), "next": "/admin/"})
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_code_cannot_be_replayed(client, personas):
    office = personas["office"]
    device = confirmed_device(office)
    with time_machine.travel(time.time(), tick=False):
        code = app_code(device)
        password_log_in(client, office)
        assert client.post(VERIFY, {"otp_token": code}).status_code == 302
        client.post("/dang-xuat/")

        password_log_in(client, office)
        response = client.post(VERIFY, {"otp_token": code})
    assert response.status_code == 200
    assert "Mã xác thực không đúng hoặc đã được dùng" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_wrong_code_says_so_and_further_tries_are_throttled(client, personas):
    office = personas["office"]
    device = confirmed_device(office)
    password_log_in(client, office)
    with time_machine.travel(time.time(), tick=False):
        first = client.post(VERIFY, {"otp_token": wrong_code(device)}).content.decode()
        assert "Mã xác thực không đúng" in first
        # django-otp's back-off: the right code is refused until the delay has passed.
        second = client.post(VERIFY, {"otp_token": app_code(device)}).content.decode()
    assert "Đã nhập sai 1 lần liên tiếp. Xin chờ 1 giây rồi thử lại." in second
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_a_recovery_code_works_once(client, personas):
    office = personas["office"]
    confirmed_device(office)
    recovery_codes(office, "abcd2345", "efgh6723")

    password_log_in(client, office)
    response = client.post(VERIFY, {"recovery_code": "ABCD 2345", "next": "/admin/"})
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert list(StaticToken.objects.values_list("token", flat=True)) == [
        recovery_code_digest("efgh6723")
    ]

    client.post("/dang-xuat/")
    password_log_in(client, office)
    response = client.post(VERIFY, {"recovery_code": "abcd2345"})
    assert response.status_code == 200
    assert "Mã khôi phục không đúng hoặc đã được dùng" in response.content.decode()


def test_admin_refuses_a_password_only_session(client, personas):
    office = personas["office"]
    confirmed_device(office)
    client.force_login(office)
    response = client.get("/admin/news/article/")
    assert response.status_code == 302
    assert response.url.startswith(VERIFY)
    # The steering dashboard too, for staff roles.
    response = client.get("/ban-chi-dao/")
    assert response.status_code == 302 and response.url.startswith(VERIFY)


def test_the_admin_site_itself_refuses_an_unverified_user(rf, personas):
    from django.contrib import admin

    office = personas["office"]
    request = rf.get("/admin/")
    request.user = office
    office.is_verified = lambda: False
    assert admin.site.has_permission(request) is False
    office.is_verified = lambda: True
    assert admin.site.has_permission(request) is True


def test_staff_without_an_app_set_one_up_and_get_ten_recovery_codes_once(client, personas):
    testing = personas["testing"]
    response = password_log_in(client, testing, "/admin/login/", "/admin/")
    page = client.get(response.url, follow=True)
    assert page.redirect_chain[-1][0] == f"{SETUP}?next=%2Fadmin%2F"
    text = page.content.decode()
    device = TOTPDevice.objects.get(user=testing, confirmed=False)
    assert "otpauth://totp/" in text
    assert "".join(page.context["secret_groups"]) in text.replace("<span>", "").replace(
        "</span> ", ""
    )
    # Reloading keeps the same secret.
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=testing).count() == 1

    with time_machine.travel(time.time(), tick=False) as traveller:
        wrong = client.post(SETUP, {"device_id": device.pk, "otp_token": wrong_code(device)})
        assert "Mã xác thực không đúng" in wrong.content.decode()
        device.refresh_from_db()
        assert not device.confirmed
        traveller.shift(2)  # django-otp's back-off after one failure
        response = client.post(
            f"{SETUP}?next=/admin/", {"device_id": device.pk, "otp_token": app_code(device)}
        )
    assert response.status_code == 302
    codes_page = client.get(response.url)
    codes = codes_page.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(code in codes_page.content.decode() for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    # Shown once: the page does not show them again.
    assert client.get(SETUP).status_code == 302


def test_someone_with_only_the_password_cannot_add_an_app_to_an_account_that_has_one(
    client, personas
):
    office = personas["office"]
    confirmed_device(office)
    client.force_login(office)
    response = client.get(SETUP)
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    assert not TOTPDevice.objects.filter(user=office, confirmed=False).exists()


def test_site_users_are_not_asked_unless_the_setting_says_so(client, personas, settings):
    site_user = personas["site_a"]
    response = client.post(
        "/dang-nhap/", {"username": site_user.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/diem-thi/"

    client.post("/dang-xuat/")
    settings.OTP_REQUIRED_FOR_SITES = True
    response = client.post(
        "/dang-nhap/", {"username": site_user.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0].startswith(SETUP)
    assert client.get("/diem-thi/").status_code == 302


def test_steering_members_are_not_asked(client, personas):
    steering = personas["steering"]
    response = client.post(
        "/dang-nhap/", {"username": steering.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/ban-chi-dao/"


def test_nothing_is_asked_when_the_setting_is_off(client, personas, settings):
    settings.OTP_REQUIRED_FOR_STAFF = False
    office = personas["office"]
    confirmed_device(office)
    response = password_log_in(client, office, "/admin/login/", "/admin/")
    assert client.get(response.url).status_code == 200


def test_an_unsafe_next_is_not_followed(client, personas):
    office = personas["office"]
    device = confirmed_device(office)
    client.force_login(office)
    response = client.post(VERIFY, {"otp_token": app_code(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == "/tai-khoan/"


def test_after_losing_the_phone_a_recovery_code_leads_to_setting_up_a_new_app(client, personas):
    # A superuser deleted the lost phone's device in admin; the recovery codes stay.
    office = personas["office"]
    recovery_codes(office, "mnop2345")
    client.force_login(office)
    assert client.get(SETUP).url.startswith(VERIFY)  # the password alone is not enough

    response = client.post(VERIFY, {"recovery_code": "mnop2345", "next": "/admin/"})
    assert response.status_code == 302
    assert response.url == f"{SETUP}?next=%2Fadmin%2F"
    page = client.get(response.url)
    assert page.status_code == 200 and "otpauth://totp/" in page.content.decode()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DEBUG": "false"}, [True, False]),
        ({"DEBUG": "true"}, [False, False]),
        (
            {"DEBUG": "true", "OTP_REQUIRED_FOR_STAFF": "true", "OTP_REQUIRED_FOR_SITES": "true"},
            [True, True],
        ),
    ],
)
def test_the_second_factor_is_required_wherever_debug_is_off(tmp_path, env, expected):
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    environ = {
        k: v for k, v in os.environ.items() if not k.startswith(("DEBUG", "OTP_", "SECRET_KEY"))
    }
    environ.update(
        DJANGO_SETTINGS_MODULE="camau_exam_portal.settings",
        VAR_DIR=str(tmp_path),
        SECRET_KEY="k" * 60,
        ALLOWED_HOSTS="example.org",
        **env,
    )
    probe = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.OTP_REQUIRED_FOR_STAFF, settings.OTP_REQUIRED_FOR_SITES]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=Path(__file__).resolve().parents[3],
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected


def test_recovery_codes_are_shown_once_and_kept_only_as_digests(client, personas):
    from accounts.services import recovery_codes_replace

    office = personas["office"]
    confirmed_device(office)
    codes = recovery_codes_replace(user=office)

    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert len(codes) == 10
    assert all(re.fullmatch(r"[a-z2-7]{4}(-[a-z2-7]{4}){3}", code) for code in codes)
    assert not stored & set(codes)
    assert not any(code.replace("-", "") in token for code in codes for token in stored)

    # Typed as a person copies it: capitals, spaces instead of dashes.
    password_log_in(client, office)
    response = client.post(
        VERIFY, {"recovery_code": codes[3].upper().replace("-", " "), "next": "/admin/"}
    )
    assert response.status_code == 302 and response.url == "/admin/"
    assert StaticToken.objects.count() == 9


def test_codes_stored_in_plain_text_before_become_digests_and_keep_working(client, personas):
    import importlib

    from django.apps import apps

    office = personas["office"]
    confirmed_device(office)
    device = StaticDevice.objects.create(user=office, name="Mã khôi phục")
    device.token_set.create(token="qrst2345")  # as django-otp's own codes were stored

    importlib.import_module(
        "camau_exam_portal.migrations.0003_recovery_code_digests"
    ).digest_plain_codes(apps, None)

    assert list(StaticToken.objects.values_list("token", flat=True)) == [
        recovery_code_digest("qrst2345")
    ]
    password_log_in(client, office)
    response = client.post(VERIFY, {"recovery_code": "qrst2345", "next": "/admin/"})
    assert response.status_code == 302 and response.url == "/admin/"


def test_the_break_glass_command_prints_codes_that_work(client, personas):
    import io

    from django.core.management import CommandError, call_command

    from accounts.models import SecurityEvent

    office = personas["office"]
    confirmed_device(office)
    out = io.StringIO()
    call_command("recovery_codes", office.username, stdout=out)

    codes = re.findall(r"[a-z2-7]{4}(?:-[a-z2-7]{4}){3}", out.getvalue())
    assert len(codes) == 10
    event = SecurityEvent.objects.get()
    assert (event.account, event.actor, event.actor_username) == (office, None, "")
    password_log_in(client, office)
    response = client.post(VERIFY, {"recovery_code": codes[0], "next": "/admin/"})
    assert response.status_code == 302 and response.url == "/admin/"
    with pytest.raises(CommandError, match="Không có tài khoản"):
        call_command("recovery_codes", "khong-co-ai", stdout=io.StringIO())
