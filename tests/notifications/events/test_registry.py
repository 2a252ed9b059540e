"""Apps declare the events they raise on their AppConfig; notifications knows none by name, refuses
an event nobody declared, and a new event changes no migration of notifications."""

import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.checks import run_checks
from django.core.management import call_command
from django.db import models

from hotline.events import HotlineEvent
from notifications.checks import events_declared_once
from notifications.events import UnknownEvent, declared_events, event_label
from notifications.models import Message, Recipient, RecipientRole, Subscription
from notifications.services import notify
from reports.events import ReportEvent


class ExtraHotlineEvent(models.TextChoices):
    """What hotline would declare after adding an event."""

    ESCALATED = HotlineEvent.ESCALATED.value, HotlineEvent.ESCALATED.label
    URGENT = HotlineEvent.URGENT.value, HotlineEvent.URGENT.label
    QUESTION = HotlineEvent.QUESTION.value, HotlineEvent.QUESTION.label
    ACK = HotlineEvent.ACK.value, HotlineEvent.ACK.label
    REPLY = HotlineEvent.REPLY.value, HotlineEvent.REPLY.label
    CLOSED = "duong-day-nong-dong-phieu", "Phiếu đường dây nóng đã đóng"


@pytest.fixture
def registry():
    """The registry read afresh before and after the test (it caches the declarations)."""
    declared_events.cache_clear()
    yield
    declared_events.cache_clear()


@pytest.fixture
def standing_member(db):
    return Recipient.objects.create(
        name="Phó Trưởng ban Mẫu",
        email="pho-truong-ban@example.org",
        role=RecipientRole.STANDING_DEPUTY,
        is_standing=True,
    )


def test_every_event_keeps_the_value_stored_in_existing_rows(registry):
    assert {value: event.app_label for value, event in declared_events().items()} == {
        "bao-cao-nhanh": "reports",
        "bao-cao-dinh-chinh": "reports",
        "bao-cao-dot-xuat": "reports",
        "bao-cao-thieu": "reports",
        "nhac-bao-cao": "reports",
        "duong-day-nong-chuyen-bcd": "hotline",
        "duong-day-nong-khan": "hotline",
        "duong-day-nong-cau-hoi": "hotline",
        "duong-day-nong-tiep-nhan": "hotline",
        "duong-day-nong-tra-loi": "hotline",
        "thong-cao-bao-chi": "pressroom",
        "hop-bao": "pressroom",
        "dang-ky-hop-bao": "pressroom",
        "tong-hop": "notifications",
    }


def test_an_apps_event_is_accepted_and_shown_with_its_label_in_admin(
    client, personas, standing_member
):
    Subscription.objects.create(recipient=standing_member, event=HotlineEvent.ESCALATED)
    [row] = notify(
        event=HotlineEvent.ESCALATED, subject="HL-2020-000001 chuyển BCĐ", dedupe_key="k"
    )

    assert row.get_event_display() == "Đường dây nóng chuyển Ban Chỉ đạo"
    client.force_login(personas["office"])
    log = client.get("/admin/notifications/message/").content.decode()
    assert "Đường dây nóng chuyển Ban Chỉ đạo" in log  # the column and the filter
    form = client.get(f"/admin/notifications/recipient/{standing_member.pk}/change/")
    page = form.content.decode()
    assert '<option value="duong-day-nong-chuyen-bcd" selected>' in page
    assert '<option value="bao-cao-dot-xuat">Báo cáo đột xuất, sự cố nghiêm trọng</option>' in page


def test_an_undeclared_event_is_refused_and_writes_nothing(standing_member):
    with pytest.raises(UnknownEvent, match="Unknown notification event: 'khong-ai-khai-bao'"):
        notify(
            event="khong-ai-khai-bao",
            subject="x",
            dedupe_key="x",
            recipients=[standing_member],
        )
    assert not Message.objects.exists()


def test_an_event_added_by_an_app_is_accepted_and_subscribable_without_a_migration(
    registry, monkeypatch, client, personas, standing_member
):
    monkeypatch.setattr(apps.get_app_config("hotline"), "notification_events", ExtraHotlineEvent)
    declared_events.cache_clear()

    rows = notify(
        event=ExtraHotlineEvent.CLOSED,
        subject="Đã đóng",
        dedupe_key="dong:1",
        recipients=[standing_member],
    )
    assert rows[0].get_event_display() == "Phiếu đường dây nóng đã đóng"
    assert event_label("duong-day-nong-dong-phieu") == "Phiếu đường dây nóng đã đóng"
    client.force_login(personas["office"])
    page = client.get(f"/admin/notifications/recipient/{standing_member.pk}/change/")
    assert "Phiếu đường dây nóng đã đóng" in page.content.decode()
    # No migration of notifications follows from it (exits with 1 if one would).
    call_command("makemigrations", "notifications", check=True, dry_run=True, stdout=io.StringIO())


def test_two_apps_declaring_the_same_value_are_reported_by_the_check(registry, monkeypatch):
    assert "notifications.E004" not in {e.id for e in run_checks()}
    monkeypatch.setattr(apps.get_app_config("reports"), "notification_events", ExtraHotlineEvent)
    declared_events.cache_clear()

    errors = [e for e in run_checks() if e.id == "notifications.E004"]

    assert len(errors) == 5  # every value of hotline's declared a second time
    assert (
        "The notification event 'duong-day-nong-chuyen-bcd' is declared by both hotline and reports."
        in [e.msg for e in errors]
    )


def test_a_declaration_that_cannot_be_read_is_reported():
    configs = [
        SimpleNamespace(label="reports", notification_events=ReportEvent),
        SimpleNamespace(label="hotline", notification_events="hotline.events.KhongCo"),
    ]
    [error] = events_declared_once(configs)
    assert error.id == "notifications.E005"
    assert "hotline.events.KhongCo" in error.msg


def test_a_label_of_an_event_no_longer_declared_is_its_stored_value(registry):
    assert event_label("su-kien-cu") == "su-kien-cu"
    assert event_label(ReportEvent.MISSING) == "Điểm thi chưa gửi báo cáo đúng hạn"
