import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import CommandError, call_command

from exams.models import Exam, ExamSite, Session, SiteSession


def snapshot() -> str:
    """Every row of the portal's own models and of auth, serialised."""
    models = [
        m
        for m in apps.get_models()
        if m._meta.app_label
        in {"auth", "exams", "core", "accounts", "notifications", "news", "hotline", "pressroom"}
    ]
    rows = []
    for model in models:
        rows.extend(model.objects.order_by("pk"))
    return serializers.serialize("json", rows)


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def test_seed_demo_loads_the_2020_exam_sites_and_accounts(db, debug_on):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    exam = Exam.objects.get(year=2020)
    assert exam.title == "Kỳ thi tốt nghiệp THPT năm 2020" and exam.is_current
    regular_sites = ExamSite.objects.filter(exam=exam, is_reserve=False)
    assert regular_sites.count() == 17
    assert {site.district for site in regular_sites} >= {"tp-ca-mau", "nam-can", "ngoc-hien"}
    c15 = ExamSite.objects.get(code="C15")
    literature = Session.objects.get(date="2020-08-09", period="sang")
    assert SiteSession.objects.get(site=c15, session=literature).registered_candidates == 661
    total = sum(
        SiteSession.objects.filter(session=literature).values_list(
            "registered_candidates", flat=True
        )
    )
    assert total == 9658
    usernames = set(get_user_model().objects.values_list("username", flat=True))
    assert {"vanphong", "khaothi", "banchidao", "diemthi-c01", "diemthi-c15"} <= usernames
    assert "diemthi-c15" in out.getvalue()


def test_running_seed_demo_twice_changes_nothing(db, debug_on):
    call_command("seed_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert snapshot() == first


def test_demo_contacts_are_fictional(db, debug_on):
    call_command("seed_demo", stdout=io.StringIO())
    from notifications.models import Recipient

    emails = list(get_user_model().objects.values_list("email", flat=True))
    emails += list(Recipient.objects.values_list("email", flat=True))
    assert Recipient.objects.filter(is_standing=True).exists()
    from core.models import SiteInfo

    info = SiteInfo.objects.get()
    emails += [info.email, info.hotline_email]
    assert all(email.endswith("@example.org") for email in emails)
    assert info.hotline_phone.startswith("0123 456")


def test_seed_demo_refuses_to_set_demo_passwords_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=true"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not get_user_model().objects.exists()
