"""Reports in admin: the Office and the Testing division read them; nobody writes them there."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth import get_user_model

from reports.models import DisciplineCase, IncidentLine, Report, ReportVersion, SessionFollowUp
from reports.services import report_submit
from tests.reports.submit.conftest import AFTER_DEADLINE, quick_values, suspension_case

pytestmark = pytest.mark.django_db

REPORTS = "/admin/reports/report/"
VERSIONS = "/admin/reports/reportversion/"


@pytest.fixture
def amended(submit):
    """Site A's quick report: a first version with a suspension and an incident, then a late
    amendment."""
    first = submit(
        values=quick_values(suspensions=1),
        cases=[suspension_case()],
        incidents=[
            {
                "category": "dien-thoi-tiet",
                "severity": "trung-binh",
                "description": "Mất điện 10 phút ở dãy phòng B.",
                "action_taken": "Dùng máy phát điện dự phòng.",
            }
        ],
    ).version
    second = submit(
        report=first.report,
        amends=1,
        reason="Nhập nhầm số vắng",
        values=quick_values(present=496, absent=4, absent_gave_up=2, suspensions=1),
        cases=[suspension_case()],
        now=AFTER_DEADLINE,
    ).version
    return first.report, first, second


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        "quantri", "quantri@example.org", "mat-khau-thu-nghiem"
    )


@pytest.mark.parametrize("role", ["office", "testing"])
def test_office_and_testing_read_the_list_and_a_report_with_its_versions(
    client, personas, amended, role
):
    report, first, second = amended
    client.force_login(personas[role])

    listing = client.get(REPORTS)
    page = client.get(f"{REPORTS}{report.pk}/change/")

    assert listing.status_code == 200
    assert "C01" in listing.content.decode()
    assert page.status_code == 200
    body = page.content.decode()
    assert first.receipt_number in body and second.receipt_number in body
    assert "Nhập nhầm số vắng" in body
    assert "đăng ký 500, có mặt 496, vắng 4" in body
    # Read only: no save button, no add link.
    assert 'name="_save"' not in body
    assert f"{REPORTS}add/" not in listing.content.decode()


def test_a_version_shows_its_case_and_incident_lines(client, personas, amended):
    _report, first, _second = amended
    client.force_login(personas["office"])

    page = client.get(f"{VERSIONS}{first.pk}/change/")

    assert page.status_code == 200
    body = page.content.decode()
    assert "61000123" in body and "05/BB" in body
    assert "Mất điện 10 phút ở dãy phòng B." in body
    assert 'name="_save"' not in body


def test_the_report_page_links_each_version(client, personas, amended):
    report, first, _second = amended
    client.force_login(personas["office"])

    body = client.get(f"{REPORTS}{report.pk}/change/").content.decode()

    assert f"{VERSIONS}{first.pk}/change/" in body


def test_a_version_is_found_by_its_receipt_number(client, personas, amended):
    _report, first, second = amended
    client.force_login(personas["testing"])

    body = client.get(VERSIONS, {"q": second.receipt_number}).content.decode()

    assert f"{VERSIONS}{second.pk}/change/" in body
    assert f"{VERSIONS}{first.pk}/change/" not in body


def test_the_list_filters_by_late_and_finds_a_site_by_code(client, personas, amended):
    client.force_login(personas["office"])

    assert client.get(REPORTS, {"is_late__exact": "1"}).status_code == 200
    assert "C01" in client.get(REPORTS, {"q": "C01"}).content.decode()
    assert "0 báo cáo điểm thi" in client.get(REPORTS, {"q": "C99"}).content.decode()


@pytest.mark.parametrize("who", ["office", "superuser"])
def test_nobody_adds_changes_or_deletes_a_report_in_admin(
    client, personas, superuser, amended, who
):
    report, first, _second = amended
    client.force_login(superuser if who == "superuser" else personas["office"])

    assert client.get(f"{REPORTS}add/").status_code == 403
    added = client.post(f"{REPORTS}add/", {"site": report.site_id, "kind": "nhanh"})
    assert added.status_code == 403
    assert client.post(f"{REPORTS}{report.pk}/change/", {"is_late": ""}).status_code == 403
    assert client.post(f"{REPORTS}{report.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"{VERSIONS}{first.pk}/change/", {"present": 0}).status_code == 403
    assert client.post(f"{VERSIONS}{first.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get(f"{VERSIONS}add/").status_code == 403
    # The bulk delete action is not offered, and posting it deletes nothing.
    assert 'value="delete_selected"' not in client.get(REPORTS).content.decode()
    client.post(REPORTS, {"action": "delete_selected", "_selected_action": [report.pk]})

    report.refresh_from_db()
    first.refresh_from_db()
    assert report.is_late is False and report.version_count == 2
    assert first.present == 497
    assert Report.objects.count() == 1 and ReportVersion.objects.count() == 2
    assert DisciplineCase.objects.count() == 2 and IncidentLine.objects.count() == 1


def test_the_follow_up_rows_are_read_only(client, personas, superuser, session):
    follow_up = SessionFollowUp.objects.create(session=session)
    client.force_login(personas["office"])
    assert client.get("/admin/reports/sessionfollowup/").status_code == 200
    assert client.get(f"/admin/reports/sessionfollowup/{follow_up.pk}/change/").status_code == 200

    client.force_login(superuser)
    assert client.get("/admin/reports/sessionfollowup/add/").status_code == 403
    assert (
        client.post(f"/admin/reports/sessionfollowup/{follow_up.pk}/delete/", {"post": "yes"})
    ).status_code == 403
    assert SessionFollowUp.objects.filter(pk=follow_up.pk).exists()


@pytest.mark.parametrize("role", ["steering", "site_a"])
def test_steering_and_site_users_cannot_reach_reports_in_admin(client, personas, amended, role):
    report, _first, _second = amended
    client.force_login(personas[role])

    for url in (REPORTS, f"{REPORTS}{report.pk}/change/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_a_site_user_marked_staff_by_mistake_still_cannot_reach_reports(client, personas, amended):
    user = personas["site_a"]
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client.force_login(user)

    assert client.get(REPORTS).status_code == 302


def test_the_admin_refuses_anonymous_visitors(client, amended):
    response = client.get(REPORTS)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_an_urgent_version_shows_its_incident_not_the_figures(client, personas, site_a, session):
    version = report_submit(
        site=site_a,
        user=personas["site_a"],
        kind="dot-xuat",
        session=session,
        submission_key=uuid.uuid4(),
        values={
            "sender_name": "Nguyễn Văn Mẫu",
            "sender_phone": "0123 456 789",
            "incident_category": "suc-khoe",
            "severity": "cao",
            "title": "Thí sinh ngất trong phòng thi",
            "body": "Thí sinh phòng 07 ngất lúc 8 giờ 20, được đưa đi cấp cứu.",
            "action_taken": "Cán bộ y tế sơ cứu, gọi xe cấp cứu.",
        },
        now=AFTER_DEADLINE,
    ).version
    client.force_login(personas["office"])

    body = client.get(f"{VERSIONS}{version.pk}/change/").content.decode()
    report_page = client.get(f"{REPORTS}{version.report_id}/change/").content.decode()

    assert "Thí sinh ngất trong phòng thi" in body
    assert "Số thí sinh đăng ký" not in body
    assert "mức độ: nghiêm trọng; Thí sinh ngất trong phòng thi" in report_page
