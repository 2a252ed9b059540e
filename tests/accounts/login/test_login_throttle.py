"""Failed logins are throttled per (username, IP): an attacker cannot lock everyone out."""

import pytest

PASSWORD = "mat-khau-thu-nghiem"


def attempt(client, username, password, ip):
    return client.post("/dang-nhap/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_five_wrong_passwords_lock_that_username_from_that_address(client, personas):
    for _ in range(5):
        response = attempt(client, "diemthi-a", "sai-mat-khau", "203.0.113.7")
        assert response.status_code in (200, 429)
    locked = attempt(client, "diemthi-a", PASSWORD, "203.0.113.7")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()


def test_the_lock_does_not_reach_the_owner_on_another_address_or_other_users(client, personas):
    for _ in range(6):
        attempt(client, "diemthi-a", "sai-mat-khau", "203.0.113.7")
    owner = attempt(client, "diemthi-a", PASSWORD, "198.51.100.20")
    assert owner.status_code == 302
    client.logout()
    neighbour = attempt(client, "diemthi-b", PASSWORD, "203.0.113.7")
    assert neighbour.status_code == 302


def test_a_wrong_password_says_so_in_vietnamese(client, personas):
    response = attempt(client, "diemthi-a", "sai-mat-khau", "203.0.113.7")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


@pytest.mark.parametrize("path", ["/admin/login/?next=/admin/"])
def test_admin_login_is_throttled_too(client, personas, path):
    for _ in range(5):
        client.post(path, {"username": "vanphong", "password": "sai"}, REMOTE_ADDR="203.0.113.9")
    response = client.post(
        path, {"username": "vanphong", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 429


@pytest.mark.parametrize("username", ["x" * 5000, "quan\x00tri"])
def test_a_junk_user_name_is_a_refused_log_in_not_a_server_error(client, db, username):
    response = client.post("/dang-nhap/", {"username": username, "password": "sai-mat-khau"})

    assert response.status_code in (200, 400, 403)
