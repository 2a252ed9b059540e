"""Who reaches what in /diem-thi/: a site user sees their own sites and nothing of another's.

The matrix is built from `reports.urls` itself: every route under diem-thi/ must have an entry
below, so a page added later without one fails here until its isolation is thought about.
A user of site B asking for anything of site A (A's id in the address, A's report under B's
address, a session of another exam, the form key of A's report) gets a 404, never a 403, whether
by GET or POST, and nothing is stored. Anonymous readers are sent to log in; Steering Committee,
Office and Testing staff are not site users and are refused.
"""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from notifications.models import Message
from reports import urls as report_urls
from reports.models import Report, ReportVersion
from reports.services import report_submit
from tests import factories
from tests.reports.site.conftest import quick_post
from tests.reports.submit.conftest import BEFORE_DEADLINE, quick_values

pytestmark = pytest.mark.django_db

SITE_ROUTES = [
    pattern for pattern in report_urls.urlpatterns if str(pattern.pattern).startswith("diem-thi/")
]


class Objects:
    """A site's objects to build addresses from: the site, a session, a quick report, an urgent
    report."""

    def __init__(self, site, session, quick, urgent):
        self.site, self.session, self.quick, self.urgent = site, session, quick, urgent


# route name -> the address arguments for a site's objects (`own`), and the variants where site B's
# address carries one of A's objects (`foreign`, given B's and A's objects). site-home lists the
# user's own sites and has no site in its address: there is nothing of A to ask for.
MATRIX = {
    "site-home": {"own": None, "foreign": []},
    "site-detail": {"own": lambda o: [o.site.pk], "foreign": []},
    "quick-report": {
        "own": lambda o: [o.site.pk, o.session.pk],
        # A session of another exam under B's own address.
        "foreign": [lambda b, a, other: [b.site.pk, other.pk]],
    },
    "urgent-report": {"own": lambda o: [o.site.pk], "foreign": []},
    "daily-report": {"own": lambda o: [o.site.pk], "foreign": []},
    "final-report": {"own": lambda o: [o.site.pk], "foreign": []},
    "report-detail": {
        "own": lambda o: [o.site.pk, o.quick.pk],
        "foreign": [
            lambda b, a, other: [b.site.pk, a.quick.pk],
            lambda b, a, other: [b.site.pk, a.urgent.pk],
        ],
    },
    "report-amend": {
        "own": lambda o: [o.site.pk, o.quick.pk],
        "foreign": [
            lambda b, a, other: [b.site.pk, a.quick.pk],
            lambda b, a, other: [b.site.pk, a.urgent.pk],
        ],
    },
}


def _send(site, user, session, kind, values):
    return report_submit(
        site=site,
        user=user,
        kind=kind,
        session=session,
        submission_key=uuid.uuid4(),
        values=values,
        now=BEFORE_DEADLINE,
    ).report


URGENT = {
    "sender_name": "Nguyễn Văn Mẫu",
    "sender_phone": "0123 456 789",
    "incident_category": "an-ninh",
    "severity": "thap",
    "title": "Người lạ đến cổng trường",
    "body": "Đã mời ra ngoài.",
}


@pytest.fixture
def world(personas, site_a, site_b, session, registrations):
    """Both sites with a quick and an urgent report each, and a session of another exam."""
    objects = {}
    for name, site in (("a", site_a), ("b", site_b)):
        user = personas[f"site_{name}"]
        values = quick_values(
            registered=500 if name == "a" else 300, present=497 if name == "a" else 297
        )
        quick = _send(site, user, session, "nhanh", values)
        urgent = _send(site, user, session, "dot-xuat", URGENT)
        objects[name] = Objects(site, session, quick, urgent)
    other_exam = factories.ExamFactory(year=2019, is_current=False)
    objects["other_session"] = factories.SessionFactory(
        round=factories.RoundFactory(exam=other_exam)
    )
    return objects


def _addresses_of_a(world) -> list[str]:
    """Every address of site A's objects, and A's objects under site B's address."""
    a, b, other = world["a"], world["b"], world["other_session"]
    found = []
    for route in SITE_ROUTES:
        entry = MATRIX[route.name]
        if entry["own"] is not None:
            found.append(reverse(f"reports:{route.name}", args=entry["own"](a)))
        for variant in entry["foreign"]:
            found.append(reverse(f"reports:{route.name}", args=variant(b, a, other)))
    return found


def _post_data() -> dict:
    """A valid post for any of the forms (each form takes the fields it knows)."""
    data = quick_post()
    data.update(URGENT)
    data.update({"body": "Nội dung", "amends": "1", "amendment_reason": "Sửa số liệu"})
    return data


def test_every_route_of_the_site_area_is_in_the_matrix():
    assert SITE_ROUTES, "reports.urls has no diem-thi/ route"
    assert {route.name for route in SITE_ROUTES} == set(MATRIX)


def test_the_site_user_reaches_every_page_of_their_own_site(client, personas, world, clock):
    clock(BEFORE_DEADLINE)
    client.force_login(personas["site_b"])
    b = world["b"]
    for route in SITE_ROUTES:
        own = MATRIX[route.name]["own"]
        address = reverse(f"reports:{route.name}", args=own(b) if own else None)
        assert client.get(address).status_code == 200, address


def test_a_user_of_site_b_gets_404_for_everything_of_site_a_and_stores_nothing(
    client, personas, world, clock
):
    clock(BEFORE_DEADLINE)
    client.force_login(personas["site_b"])
    versions, messages = ReportVersion.objects.count(), Message.objects.count()

    for address in _addresses_of_a(world):
        assert client.get(address).status_code == 404, f"GET {address}"
        assert client.post(address, _post_data()).status_code == 404, f"POST {address}"
        assert client.get(address + "?ngay=2020-08-09").status_code == 404, address

    assert ReportVersion.objects.count() == versions and Message.objects.count() == messages


def test_the_form_key_of_site_as_report_is_a_404_under_site_bs_own_address(
    client, personas, world, clock
):
    clock(BEFORE_DEADLINE)
    client.force_login(personas["site_b"])
    b = world["b"]
    a_key = str(world["a"].quick.latest.submission_key)
    versions = ReportVersion.objects.count()

    urgent = client.post(
        reverse("reports:urgent-report", args=[b.site.pk]), {**URGENT, "submission_key": a_key}
    )
    amend = client.post(
        reverse("reports:report-amend", args=[b.site.pk, b.quick.pk]),
        quick_post(key=a_key, amends="1", amendment_reason="Sửa"),
    )

    assert urgent.status_code == 404 and amend.status_code == 404
    assert ReportVersion.objects.count() == versions


def test_site_as_page_lists_only_site_as_reports(client, personas, world, clock):
    clock(BEFORE_DEADLINE)
    client.force_login(personas["site_a"])
    a, b = world["a"], world["b"]

    html = client.get(reverse("reports:site-detail", args=[a.site.pk])).content.decode()

    assert reverse("reports:report-detail", args=[a.site.pk, a.urgent.pk]) in html
    assert f"/bao-cao/{b.urgent.pk}/" not in html and f"/bao-cao/{b.quick.pk}/" not in html


def _all_addresses(world) -> list[str]:
    a = world["a"]
    found = []
    for route in SITE_ROUTES:
        own = MATRIX[route.name]["own"]
        found.append(reverse(f"reports:{route.name}", args=own(a) if own else None))
    return found


def test_anonymous_readers_are_sent_to_log_in(client, world):
    for address in _all_addresses(world):
        for response in (client.get(address), client.post(address, _post_data())):
            assert response.status_code == 302, address
            assert response.url.startswith("/dang-nhap/?next="), address
    assert Report.objects.count() == 4  # the world's own reports, none added


@pytest.mark.parametrize("persona", ["steering", "office", "testing"])
def test_staff_who_are_not_site_users_are_refused(client, personas, world, persona, clock):
    clock(BEFORE_DEADLINE)
    client.force_login(personas[persona])
    versions = ReportVersion.objects.count()

    for address in _all_addresses(world):
        assert client.get(address).status_code in (403, 404), address
        assert client.post(address, _post_data()).status_code in (403, 404), address

    assert ReportVersion.objects.count() == versions


def test_a_superuser_who_acts_for_no_site_sees_no_site(client, world, django_user_model):
    admin = django_user_model.objects.create_superuser("quan-tri", "qt@example.org", "x")
    client.force_login(admin)

    response = client.get(reverse("reports:site-detail", args=[world["a"].site.pk]))

    assert response.status_code == 404
