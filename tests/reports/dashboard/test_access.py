"""Who may open each page and download of the steering dashboard, and what is a 404.

The matrix lists every URL of reports.urls under ban-chi-dao/: a URL added there without an entry
here fails `test_every_dashboard_url_has_a_matrix_entry`.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from reports import urls
from tests import factories
from tests.reports.dashboard.conftest import quick_values, suspension_case

pytestmark = pytest.mark.django_db

# URL name -> the kwargs of each request checked (values name an object of `objects`, or are
# literal). Several entries for one name check each format.
MATRIX = {
    "dashboard": [{}],
    "dashboard-session": [{"session_id": "session"}],
    "dashboard-site": [{"site_id": "site"}],
    "dashboard-report": [{"report_id": "report"}],
    "export-session": [
        {"session_id": "session", "fmt": "xlsx"},
        {"session_id": "session", "fmt": "csv"},
    ],
    "export-exam": [{"fmt": "xlsx"}, {"fmt": "csv"}],
    "export-session-docx": [{"session_id": "session"}],
}
# persona -> expected status (302: sent to the log-in page)
PERSONAS = {
    "anonymous": 302,
    "office": 200,
    "testing": 200,
    "steering": 200,
    "site_a": 403,
    "site_b": 403,
}
REQUESTS = [(name, kwargs) for name, entries in MATRIX.items() for kwargs in entries]


def dashboard_url_names() -> set[str]:
    return {p.name for p in urls.urlpatterns if str(p.pattern).startswith("ban-chi-dao/")}


def test_every_dashboard_url_has_a_matrix_entry():
    assert dashboard_url_names() == set(MATRIX)


@pytest.fixture
def objects(submit, session, site_a):
    report = submit(values=quick_values(suspensions=1), cases=[suspension_case()]).report
    return {"session": session.pk, "site": site_a.pk, "report": report.pk}


def url_for(name: str, kwargs: dict, objects: dict) -> str:
    pattern = next(p for p in urls.urlpatterns if p.name == name)
    assert set(kwargs) == set(pattern.pattern.converters), f"{name}: kwargs of the matrix"
    values = {key: objects.get(value, value) for key, value in kwargs.items()}
    return reverse(f"reports:{name}", kwargs=values)


@pytest.mark.parametrize(("persona", "status"), PERSONAS.items())
@pytest.mark.parametrize(("name", "kwargs"), REQUESTS, ids=[f"{n}-{k}" for n, k in REQUESTS])
def test_only_the_dashboard_roles_open_each_dashboard_url(
    client, personas, objects, name, kwargs, persona, status
):
    url = url_for(name, kwargs, objects)
    if personas[persona] is not None:
        client.force_login(personas[persona])

    response = client.get(url)

    assert response.status_code == status
    if status == 302:
        assert response.url.startswith(reverse("accounts:login") + "?next=")


def test_an_inactive_steering_member_is_sent_to_log_in(client, personas):
    user = personas["steering"]
    user.is_active = False
    user.save()
    client.force_login(user)

    assert client.get(reverse("reports:dashboard")).status_code == 302


@pytest.fixture
def other_exam():
    """The 2019 exam with a session, a site and its quick report: not the current exam."""
    from reports.services import report_submit

    exam = factories.ExamFactory(
        year=2019,
        title="Kỳ thi THPT quốc gia năm 2019",
        is_current=False,
        start_date=dt.date(2019, 6, 25),
        end_date=dt.date(2019, 6, 27),
    )
    session = factories.SessionFactory(
        round=factories.RoundFactory(exam=exam), date=dt.date(2019, 6, 26)
    )
    site = factories.ExamSiteFactory(exam=exam, code="C01", name="Điểm thi năm 2019")
    user = _plain_user("diemthi-2019")
    site.memberships.create(user=user)
    factories.SiteSessionFactory(site=site, session=session)
    report = report_submit(
        site=site,
        user=user,
        kind="nhanh",
        session=session,
        submission_key="8a9a0d2e-7e8b-4b37-9d7e-1c2b3a4d5e6f",
        values=quick_values(),
        now=session.starts_at + dt.timedelta(hours=2),
    ).report
    return {"session": session.pk, "site": site.pk, "report": report.pk}


def _plain_user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(username=username, password="mat-khau-thu-nghiem")


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [(name, kwargs) for name, kwargs in REQUESTS if kwargs.keys() - {"fmt"}],
)
def test_a_session_site_or_report_of_another_exam_is_not_found(
    client, personas, objects, other_exam, name, kwargs
):
    client.force_login(personas["steering"])

    assert client.get(url_for(name, kwargs, objects)).status_code == 200
    assert client.get(url_for(name, kwargs, other_exam)).status_code == 404


@pytest.mark.parametrize("fmt", ["pdf", "xls", "XLSX", "docx", "csv2"])
def test_an_unknown_export_format_is_not_found(client, personas, session, fmt):
    client.force_login(personas["steering"])

    assert client.get(f"/ban-chi-dao/xuat/buoi/{session.pk}.{fmt}").status_code == 404
    assert client.get(f"/ban-chi-dao/xuat/ky-thi.{fmt}").status_code == 404


def test_the_procedures_session_has_no_dashboard_page(client, personas, exam):
    procedures = factories.SessionFactory(
        round=factories.RoundFactory(exam=exam),
        date=dt.date(2020, 8, 8),
        period="chieu",
        kind="thu-tuc",
        title="Làm thủ tục dự thi",
        start_time=dt.time(14, 0),
    )
    client.force_login(personas["steering"])

    assert client.get(reverse("reports:dashboard-session", args=[procedures.pk])).status_code == 404


def test_pages_are_never_cached_and_downloads_are_private(client, personas, objects):
    client.force_login(personas["steering"])

    page = client.get(reverse("reports:dashboard-report", args=[objects["report"]]))
    download = client.get(reverse("reports:export-session", args=[objects["session"], "csv"]))

    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    assert download["Cache-Control"] == "no-store, private"
