import pytest
from django.core.checks import run_checks

from notifications.models import Message, MessageStatus
from notifications.services import notify
from reports.events import ReportEvent


@pytest.fixture
def failed_and_pending(standing):
    rows = notify(event=ReportEvent.URGENT, subject="Sự cố C15", dedupe_key="k")
    Message.objects.filter(pk=rows[0].pk).update(
        status=MessageStatus.FAILED, attempts=5, last_error="SMTPServerDisconnected: mất kết nối"
    )
    return rows


def test_admin_index_shows_pending_and_failed_counts_to_the_office(
    client, personas, failed_and_pending
):
    client.force_login(personas["office"])
    page = client.get("/admin/").content.decode()
    assert "Đang chờ gửi: 1" in page
    assert "Gửi thất bại: 1" in page


def test_the_delivery_log_shows_status_attempts_and_error(client, personas, failed_and_pending):
    client.force_login(personas["office"])
    page = client.get("/admin/notifications/message/?status__exact=that-bai").content.decode()
    assert "Sự cố C15" in page and "mất kết nối" in page


def test_office_resends_failed_rows_from_the_log(
    client, personas, failed_and_pending, filesystem_broker, django_capture_on_commit_callbacks
):
    client.force_login(personas["office"])
    ids = [str(m.pk) for m in failed_and_pending]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/notifications/message/",
            {"action": "resend", "_selected_action": ids},
            follow=True,
        )
    page = response.content.decode()
    assert "Đã đưa 1 thư vào hàng đợi gửi lại." in page
    assert "Bỏ qua 1 thư" in page
    assert filesystem_broker.message_ids() == [failed_and_pending[0].pk]
    assert Message.objects.get(pk=failed_and_pending[0].pk).status == MessageStatus.PENDING


def test_testing_division_reads_the_log_but_cannot_resend(client, personas, failed_and_pending):
    client.force_login(personas["testing"])
    assert client.get("/admin/notifications/message/").status_code == 200
    response = client.post(
        "/admin/notifications/message/",
        {"action": "resend", "_selected_action": [str(failed_and_pending[0].pk)]},
    )
    assert Message.objects.get(pk=failed_and_pending[0].pk).status == MessageStatus.FAILED
    assert response.status_code in (200, 302, 403)


def test_the_office_manages_recipients(client, personas):
    client.force_login(personas["office"])
    assert client.get("/admin/notifications/recipient/add/").status_code == 200
    client.force_login(personas["site_a"])
    assert client.get("/admin/notifications/recipient/").status_code == 302


def test_a_retry_delay_past_the_visibility_timeout_is_refused(settings):
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60}
    settings.NOTIFICATIONS_RETRY_DELAYS = [10, 120]
    ids = {message.id for message in run_checks()}
    assert "notifications.E002" in ids
