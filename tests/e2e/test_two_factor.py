"""A Testing division officer logs in to admin on a phone, sets up an authenticator app, keeps the
recovery codes, and next time gives a code; every step fits 360 px and has no axe violations."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from exams.roles import Role
from tests.e2e.helpers import (
    PASSWORD,
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    make_user,
)


@pytest.fixture
def officer(transactional_db):
    # The stack runs with DEBUG off, where staff must use a second factor (the default).
    user = make_user("khaothi", role=Role.TESTING)
    user.is_staff = True
    user.save()
    return user


def app_code(user, *, steps_ahead: int = 0) -> str:
    """What the officer's app shows now (or that many 30 s steps later), from the device's key."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user).latest("pk")
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits)
    generator.time = time.time() + steps_ahead * device.step
    return f"{generator.token():06d}"


def wait_until_codes_are_accepted_again(user, *, timeout: float = 10) -> None:
    """Wait for django-otp's back-off after a failure to end, as the stack sees it.

    The device's throttle is state in the database, outside the browser: it is polled (with a
    deadline) rather than waited out with a guessed sleep."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user).latest("pk")
    deadline = time.monotonic() + timeout
    while True:
        device.refresh_from_db()
        allowed, _reason = device.verify_is_allowed()
        if allowed:
            return
        if time.monotonic() > deadline:
            pytest.fail(f"the authenticator device is still throttled after {timeout} s")
        time.sleep(0.05)


def log_in_to_admin(page, base_url: str) -> None:
    page.goto(f"{base_url}/admin/")
    page.get_by_label("Tên đăng nhập").fill("khaothi")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập").click()


def test_setting_up_and_then_using_the_second_factor_on_a_phone(page, portal, officer):
    log_in_to_admin(page, portal.url)

    expect(page.get_by_role("heading", name="Thiết lập xác thực hai bước")).to_be_visible()
    expect(page.get_by_text("otpauth://totp/")).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    page.get_by_label("Mã xác thực").fill(app_code(officer))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("heading", name="Mã khôi phục")).to_be_visible()
    expect(page.locator(".otp-codes li")).to_have_count(10)
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Tiếp tục").click()
    expect(page.get_by_role("heading", name="Bảng điều khiển")).to_be_visible()

    page.context.clear_cookies()
    log_in_to_admin(page, portal.url)
    expect(page.get_by_role("heading", name="Xác thực đăng nhập")).to_be_visible()
    page.get_by_label("Mã xác thực").fill("000000" if app_code(officer) != "000000" else "111111")
    page.get_by_role("button", name="Xác thực").click()
    expect(page.get_by_role("alert")).to_contain_text("Mã xác thực không đúng")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    wait_until_codes_are_accepted_again(officer)  # django-otp's back-off after one failure
    # The code used at set-up is refused for the rest of its step; a phone whose clock runs up to
    # one step ahead is accepted, so the next step's code works now.
    page.get_by_label("Mã xác thực").fill(app_code(officer, steps_ahead=1))
    page.get_by_role("button", name="Xác thực").click()
    expect(page.get_by_role("heading", name="Bảng điều khiển")).to_be_visible()
