"""Who reaches admin, the exam-site area and the steering dashboard."""

import pytest
from django.urls import reverse

# persona -> expected status of GET /admin/ (200 the admin index, 302 sent to the admin login)
ADMIN = {
    "anonymous": 302,
    "office": 200,
    "testing": 200,
    "steering": 302,
    "site_a": 302,
    "site_b": 302,
}
# persona -> expected status of GET /diem-thi/
SITE_AREA = {
    "anonymous": 302,
    "office": 403,
    "testing": 403,
    "steering": 403,
    "site_a": 200,
    "site_b": 200,
}
DASHBOARD = {
    "anonymous": 302,
    "office": 200,
    "testing": 200,
    "steering": 200,
    "site_a": 403,
    "site_b": 403,
}


def client_for(client, personas, persona):
    user = personas[persona]
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(("persona", "status"), ADMIN.items())
def test_only_office_and_testing_staff_reach_admin(client, personas, persona, status):
    response = client_for(client, personas, persona).get("/admin/")
    assert response.status_code == status
    if status == 302:
        assert response.url.startswith(reverse("admin:login"))


def test_a_site_user_marked_staff_by_mistake_still_cannot_use_admin(client, personas):
    user = personas["site_a"]
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/exams/examsite/").status_code == 302


@pytest.mark.parametrize(("persona", "status"), SITE_AREA.items())
def test_only_site_users_reach_the_site_area(client, personas, persona, status):
    response = client_for(client, personas, persona).get("/diem-thi/")
    assert response.status_code == status
    if status == 302:
        assert response.url.startswith("/dang-nhap/")


@pytest.mark.parametrize(("persona", "status"), DASHBOARD.items())
def test_steering_office_and_testing_reach_the_dashboard(client, personas, persona, status):
    response = client_for(client, personas, persona).get("/ban-chi-dao/")
    assert response.status_code == status


def test_a_site_user_sees_only_their_own_site(client, personas, site_a, site_b):
    client.force_login(personas["site_a"])
    page = client.get("/diem-thi/").content.decode()
    assert "Điểm thi A" in page and "Điểm thi B" not in page
    assert client.get(f"/diem-thi/{site_a.pk}/").status_code == 200
    assert client.get(f"/diem-thi/{site_b.pk}/").status_code == 404


def test_site_b_user_gets_404_for_site_a(client, personas, site_a, site_b):
    client.force_login(personas["site_b"])
    assert client.get(f"/diem-thi/{site_a.pk}/").status_code == 404
    assert client.get(f"/diem-thi/{site_b.pk}/").status_code == 200


def test_testing_division_manages_exam_sites_and_office_only_reads_them(client, personas, site_a):
    client.force_login(personas["testing"])
    assert client.get(f"/admin/exams/examsite/{site_a.pk}/change/").status_code == 200
    assert client.get("/admin/exams/examsite/add/").status_code == 200
    client.force_login(personas["office"])
    assert client.get(f"/admin/exams/examsite/{site_a.pk}/change/").status_code == 200  # view only
    assert client.get("/admin/exams/examsite/add/").status_code == 403
    response = client.post(
        f"/admin/exams/examsite/{site_a.pk}/change/", {"code": "C99", "name": "Đổi tên"}
    )
    assert response.status_code == 403
    site_a.refresh_from_db()
    assert site_a.code == "C01"


@pytest.mark.parametrize(
    ("persona", "destination"),
    [("site_a", "/diem-thi/"), ("steering", "/ban-chi-dao/"), ("office", "/admin/")],
)
def test_logging_in_sends_each_role_to_its_own_place(client, personas, persona, destination):
    user = personas[persona]
    response = client.post(
        "/dang-nhap/", {"username": user.username, "password": "mat-khau-thu-nghiem"}, follow=True
    )
    assert response.redirect_chain[-1][0] == destination
