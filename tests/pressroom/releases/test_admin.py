"""The Office works with the press in admin."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from notifications.models import Message
from pressroom.models import MediaKitItem, PressBriefing, Registration, ReleaseCorrection

CHANGE = "/admin/pressroom/pressrelease/{}/change/"


@pytest.fixture
def office(client, personas):
    client.force_login(personas["office"])
    return personas["office"]


def release_form(release, **changes):
    local = timezone.localtime(release.publish_at)
    data = {
        "number": release.number,
        "title": release.title,
        "slug": release.slug,
        "summary": release.summary,
        "body": release.body,
        "spokesperson": "",
        "status": release.status,
        "publish_at_0": local.strftime("%d/%m/%Y"),
        "publish_at_1": local.strftime("%H:%M:%S"),
        "lists": [str(pk) for pk in release.lists.values_list("pk", flat=True)],
        "withdrawn_reason": release.withdrawn_reason,
        "change_note": "",
        "_save": "Lưu",
    }
    for prefix in ("attachments", "corrections"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    data.update(changes)
    return data


def test_changing_a_public_release_needs_a_note_that_is_kept_as_a_correction(
    client, office, make_release
):
    release = make_release()
    refused = client.post(CHANGE.format(release.pk), release_form(release, title="Tiêu đề mới"))
    assert refused.status_code == 200
    assert "hãy ghi ngắn gọn nội dung đính chính" in refused.content.decode()
    release.refresh_from_db()
    assert release.title != "Tiêu đề mới"

    accepted = client.post(
        CHANGE.format(release.pk),
        release_form(release, title="Tiêu đề mới", change_note="Sửa tiêu đề cho rõ"),
    )
    assert accepted.status_code == 302
    assert ReleaseCorrection.objects.get().note == "Sửa tiêu đề cho rõ"


def test_approving_a_release_whose_time_has_passed_sends_it_at_once(client, office, make_release):
    release = make_release(status="nhap")
    response = client.post(CHANGE.format(release.pk), release_form(release, status="duyet"))
    assert response.status_code == 302
    assert Message.objects.filter(dedupe_key=f"press-release:{release.pk}").count() == 2
    page = client.get(CHANGE.format(release.pk)).content.decode()
    assert "pv.a@example.org" in page and "Chờ gửi" in page  # the delivery log


def test_the_release_page_in_admin_lists_each_outlets_private_link(
    client, office, make_release, press
):
    release = make_release(publish_at=timezone.now() + timezone.timedelta(days=1))
    page = client.get(CHANGE.format(release.pk)).content.decode()
    for outlet in press["outlets"]:
        assert release.get_private_url(outlet) in page


def test_registrations_export_as_csv_that_excel_reads_and_cannot_run(client, office):
    start = timezone.now() + timezone.timedelta(days=3)
    briefing = PressBriefing.objects.create(
        title="Họp báo đợt 1", wave=1, starts_at=start, ends_at=start + timezone.timedelta(hours=2)
    )
    Registration.objects.create(
        briefing=briefing, name="=HYPERLINK(\"x\")", outlet="Báo Mẫu", email="a@example.org",
        phone="0123 456 789",
    )  # fmt: skip
    response = client.post(
        "/admin/pressroom/pressbriefing/",
        {"action": "export_registrations", "_selected_action": [briefing.pk]},
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Họp báo", "Bắt đầu", "Họ và tên"]
    assert rows[1][2] == '\'=HYPERLINK("x")'
    assert rows[1][4] == "a@example.org"


def test_a_media_kit_file_is_checked_by_its_content(client, office):
    response = client.post(
        "/admin/pressroom/mediakititem/add/",
        {
            "title": "Số liệu Kỳ thi",
            "description": "",
            "order": 0,
            "is_published": "on",
            "file": SimpleUploadedFile("so-lieu.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == 200
    assert "Tệp này là chương trình hoặc tập lệnh chạy được" in response.content.decode()
    assert not MediaKitItem.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("office", 200), ("testing", 200), ("steering", 302), ("site_a", 302)],
)
def test_who_may_open_the_press_releases_in_admin(client, personas, persona, status):
    client.force_login(personas[persona])
    assert client.get("/admin/pressroom/pressrelease/").status_code == status


def briefing_form(briefing, **changes):
    data = {
        "title": briefing.title,
        "slug": briefing.slug,
        "wave": briefing.wave,
        "starts_at_0": timezone.localtime(briefing.starts_at).strftime("%d/%m/%Y"),
        "starts_at_1": timezone.localtime(briefing.starts_at).strftime("%H:%M:%S"),
        "ends_at_0": timezone.localtime(briefing.ends_at).strftime("%d/%m/%Y"),
        "ends_at_1": timezone.localtime(briefing.ends_at).strftime("%H:%M:%S"),
        "location": briefing.location,
        "chair": "",
        "participants": "",
        "agenda": "",
        "lists": [str(pk) for pk in briefing.lists.values_list("pk", flat=True)],
        "capacity": briefing.capacity,
        "status_note": briefing.status_note,
        "outcome": "",
        "_save": "Lưu",
    }
    for prefix in ("materials", "registrations"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    data.update(changes)
    return data


@pytest.fixture
def briefing(press):
    start = (timezone.now() + timezone.timedelta(days=5)).replace(hour=8, minute=30, second=0)
    briefing = PressBriefing.objects.create(
        title="Họp báo đợt 1", wave=1, starts_at=start, ends_at=start + timezone.timedelta(hours=2)
    )
    briefing.lists.set(press["lists"])
    return briefing


def invitations(briefing) -> list[str]:
    return sorted(
        Message.objects.filter(dedupe_key__startswith=f"press-briefing:{briefing.pk}:")
        .values_list("dedupe_key", "recipient__email")
        .distinct()
    )


def test_office_invites_then_a_new_time_sends_each_invitee_one_update(client, office, briefing):
    for _ in range(2):  # a second click sends nothing more
        client.post(
            "/admin/pressroom/pressbriefing/",
            {"action": "send_invitations", "_selected_action": [briefing.pk]},
        )
    assert len(invitations(briefing)) == 2  # the two active contacts
    briefing.refresh_from_db()
    assert briefing.status == "da-moi"

    later = timezone.localtime(briefing.starts_at) + timezone.timedelta(hours=6)
    response = client.post(
        f"/admin/pressroom/pressbriefing/{briefing.pk}/change/",
        briefing_form(briefing, starts_at_1=later.strftime("%H:%M:%S"),
                      ends_at_1=(later + timezone.timedelta(hours=2)).strftime("%H:%M:%S")),
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    briefing.refresh_from_db()
    assert briefing.sequence == 1
    keys = [key for key, _email in invitations(briefing)]
    assert keys.count(f"press-briefing:{briefing.pk}:seq:1") == 2


def test_cancelling_from_admin_uses_the_status_note_and_sends_once(client, office, briefing):
    client.post(
        "/admin/pressroom/pressbriefing/",
        {"action": "send_invitations", "_selected_action": [briefing.pk]},
    )
    PressBriefing.objects.filter(pk=briefing.pk).update(status_note="Trùng lịch họp của tỉnh")
    for _ in range(2):
        client.post(
            "/admin/pressroom/pressbriefing/",
            {"action": "cancel", "_selected_action": [briefing.pk]},
        )
    briefing.refresh_from_db()
    assert briefing.status == "huy"
    cancel_key = f"press-briefing:{briefing.pk}:cancel"
    assert [key for key, _ in invitations(briefing)].count(cancel_key) == 2
