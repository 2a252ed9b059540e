"""Second-factor events leave one entry each in the security audit, which admin shows read-only."""

import time

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SecurityEvent, SecurityEventKind
from tests.accounts.login.test_two_factor import (
    PASSWORD,
    SETUP,
    VERIFY,
    app_code,
    confirmed_device,
    password_log_in,
    recovery_codes,
    wrong_code,
)

AUDIT_LIST = "/admin/accounts/securityevent/"


@pytest.fixture(autouse=True)
def _otp_required(settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    settings.OTP_REQUIRED_FOR_SITES = False


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="quantri", email="quantri@example.org", password=PASSWORD
    )


@pytest.fixture
def superuser_client(client, superuser):
    """A superuser logged in with password and app code, as on the production server."""
    device = confirmed_device(superuser)
    password_log_in(client, superuser)
    assert client.post(VERIFY, {"otp_token": app_code(device)}).status_code == 302
    return client


def events(**filters) -> list[tuple]:
    return list(
        SecurityEvent.objects.filter(**filters)
        .order_by("pk")
        .values_list("kind", "account", "account_username", "actor", "device_name")
    )


def test_setting_up_an_app_records_the_set_up_and_the_recovery_codes_once_each(client, personas):
    testing = personas["testing"]
    password_log_in(client, testing)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=testing, confirmed=False)
    assert events() == []  # showing the secret is not a set-up yet

    with time_machine.travel(time.time(), tick=False) as traveller:
        client.post(SETUP, {"device_id": device.pk, "otp_token": wrong_code(device)})
        assert events() == []  # a wrong code changes nothing
        traveller.shift(2)  # django-otp's back-off after one failure
        response = client.post(SETUP, {"device_id": device.pk, "otp_token": app_code(device)})
    assert response.status_code == 302
    client.get(response.url)  # the page of recovery codes

    assert events() == [
        (SecurityEventKind.TOTP_CONFIRMED, testing.pk, "khaothi", testing.pk, "Ứng dụng xác thực"),
        (
            SecurityEventKind.RECOVERY_CODES_ISSUED,
            testing.pk,
            "khaothi",
            testing.pk,
            "Mã khôi phục",
        ),
    ]


def test_a_log_in_with_a_recovery_code_is_recorded_once(client, personas):
    office = personas["office"]
    confirmed_device(office)
    recovery_codes(office, "abcd2345", "efgh6723")
    password_log_in(client, office)

    with time_machine.travel(time.time(), tick=False) as traveller:
        client.post(VERIFY, {"recovery_code": "zzzz9999"})
        assert events() == []  # failures are django-otp's count, not entries
        traveller.shift(2)
        response = client.post(VERIFY, {"recovery_code": "abcd2345"})
    assert response.status_code == 302

    assert events() == [
        (SecurityEventKind.RECOVERY_CODE_USED, office.pk, "vanphong", office.pk, "Mã khôi phục")
    ]


def test_an_ordinary_log_in_with_the_app_is_not_an_entry(client, personas):
    office = personas["office"]
    device = confirmed_device(office)
    password_log_in(client, office)
    assert client.post(VERIFY, {"otp_token": app_code(device)}).status_code == 302
    assert events() == []


def test_an_app_deleted_in_admin_is_recorded_with_the_administrator(
    superuser_client, superuser, personas
):
    office = personas["office"]
    device = confirmed_device(office)

    page = superuser_client.get(f"/admin/otp_totp/totpdevice/{device.pk}/delete/")
    assert page.status_code == 200
    response = superuser_client.post(
        f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()

    assert events() == [
        (SecurityEventKind.TOTP_DELETED, office.pk, "vanphong", superuser.pk, "Ứng dụng xác thực")
    ]
    assert SecurityEvent.objects.get().actor_username == "quantri"


def test_recovery_codes_deleted_with_the_admin_bulk_action_are_recorded_one_per_device(
    superuser_client, superuser, personas
):
    office, testing = personas["office"], personas["testing"]
    recovery_codes(office, "abcd2345")
    recovery_codes(testing, "efgh6723")

    response = superuser_client.post(
        "/admin/otp_static/staticdevice/",
        {
            "action": "delete_selected",
            "_selected_action": list(StaticDevice.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not StaticDevice.objects.exists()

    assert sorted(events()) == sorted(
        [
            (
                SecurityEventKind.RECOVERY_DELETED,
                office.pk,
                "vanphong",
                superuser.pk,
                "Mã khôi phục",
            ),
            (
                SecurityEventKind.RECOVERY_DELETED,
                testing.pk,
                "khaothi",
                superuser.pk,
                "Mã khôi phục",
            ),
        ]
    )


def test_a_device_deleted_outside_the_web_is_recorded_without_a_person(personas):
    office = personas["office"]
    confirmed_device(office).delete()

    entry = SecurityEvent.objects.get()
    assert (entry.kind, entry.account, entry.actor, entry.actor_username) == (
        SecurityEventKind.TOTP_DELETED,
        office,
        None,
        "",
    )


def test_deleting_an_account_keeps_its_entries_by_name(personas):
    office = personas["office"]
    confirmed_device(office)
    recovery_codes(office, "abcd2345")
    StaticDevice.objects.get(user=office).delete()

    office.delete()  # its app goes with it, and is recorded too

    assert events() == [
        (SecurityEventKind.RECOVERY_DELETED, None, "vanphong", None, "Mã khôi phục"),
        (SecurityEventKind.TOTP_DELETED, None, "vanphong", None, "Ứng dụng xác thực"),
    ]


def test_an_administrator_deleting_their_own_account_in_admin_is_recorded(
    superuser_client, superuser
):
    response = superuser_client.post(f"/admin/auth/user/{superuser.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=superuser.pk).exists()

    entry = SecurityEvent.objects.get()
    assert (entry.kind, entry.account, entry.account_username) == (
        SecurityEventKind.TOTP_DELETED,
        None,
        "quantri",
    )
    assert (entry.actor, entry.actor_username) == (None, "quantri")


def test_a_superuser_reads_the_audit_in_vietnamese_and_cannot_add_change_or_delete(
    superuser_client, personas
):
    office = personas["office"]
    recovery_codes(office, "abcd2345")
    StaticDevice.objects.get(user=office).delete()
    entry = SecurityEvent.objects.get()

    page = superuser_client.get(AUDIT_LIST)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Nhật ký xác thực hai bước" in text
    assert "Xóa bộ mã khôi phục" in text and "vanphong" in text and "quantri" in text
    assert "delete_selected" not in text
    assert f"{AUDIT_LIST}add/" not in text

    detail = superuser_client.get(f"{AUDIT_LIST}{entry.pk}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()

    assert superuser_client.get(f"{AUDIT_LIST}add/").status_code == 403
    assert superuser_client.post(f"{AUDIT_LIST}add/", {"kind": "totp_deleted"}).status_code == 403
    changed = superuser_client.post(
        f"{AUDIT_LIST}{entry.pk}/change/", {"kind": "totp_confirmed", "account_username": "x"}
    )
    assert changed.status_code == 403
    assert (
        superuser_client.post(f"{AUDIT_LIST}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    bulk = superuser_client.post(
        AUDIT_LIST, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )
    assert bulk.status_code in (200, 302)
    entry.refresh_from_db()
    assert (entry.kind, entry.account_username) == (SecurityEventKind.RECOVERY_DELETED, "vanphong")


def test_staff_see_the_audit_only_with_the_view_permission(client, personas):
    office = personas["office"]
    device = confirmed_device(office)
    password_log_in(client, office)
    client.post(VERIFY, {"otp_token": app_code(device)})
    assert client.get(AUDIT_LIST).status_code == 403

    office.user_permissions.add(Permission.objects.get(codename="view_securityevent"))
    assert client.get(AUDIT_LIST).status_code == 200


@pytest.mark.parametrize("persona", ["steering", "site_a"])
def test_users_who_are_not_staff_cannot_open_the_audit(client, personas, persona):
    user = personas[persona]
    user.user_permissions.add(Permission.objects.get(codename="view_securityevent"))
    client.force_login(user)
    response = client.get(AUDIT_LIST)
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(AUDIT_LIST)
    assert response.status_code == 302
    assert "/admin/login/" in response.url


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/admin/camau_exam_portal/siteinfo/1/change/", "/admin/core/siteinfo/1/change/"),
        (
            "/admin/camau_exam_portal/securityevent/?kind=totp_deleted",
            f"{AUDIT_LIST}?kind=totp_deleted",
        ),
    ],
)
def test_bookmarks_of_the_admin_pages_from_before_the_move_still_lead_there(client, old, new):
    response = client.get(old)

    assert response.status_code == 302
    assert response["Location"] == new
