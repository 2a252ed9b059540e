"""Passwords: at least 8 characters, common and all-digit ones refused, in Vietnamese."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation


def refusals(password: str, user=None) -> list[str]:
    with translation.override("vi"):
        try:
            validate_password(password, user)
        except ValidationError as error:
            return error.messages
    return []


def test_a_common_all_digit_password_is_refused():
    assert refusals("12345678") == ["Mật khẩu này quá phổ biến.", "Mật khẩu này hoàn toàn là số."]


def test_a_seven_character_password_is_refused():
    assert "Mật khẩu này quá ngắn: cần ít nhất 8 ký tự." in refusals("k9#mTq2")


def test_a_long_uncommon_password_is_accepted():
    assert refusals("cau-mau-mua-thi-2026") == []


def test_admin_password_change_refuses_a_short_password(client, personas):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser(
        "quantri", "quantri@example.org", "mat-khau-thu-nghiem"
    )
    client.force_login(admin)
    target = personas["office"]
    response = client.post(
        f"/admin/auth/user/{target.pk}/password/",
        {"password1": "abc1234", "password2": "abc1234", "usable_password": "true"},
    )
    assert response.status_code == 200
    assert "Mật khẩu này quá ngắn" in response.content.decode()
    target.refresh_from_db()
    assert target.check_password("mat-khau-thu-nghiem")


@pytest.mark.parametrize("password", ["password", "12345678"])
def test_the_public_knows_no_shortcut(password):
    assert refusals(password)
