"""/bao-chi/thong-cao-tep/<pk>/: a release's file, to anyone once the release is public; before
that to staff who may view releases and to outlets through their private link's key."""

from __future__ import annotations

import datetime as dt

import pytest

from pressroom.models import ReleaseStatus
from tests.pressroom.public.conftest import EMBARGO, attach, pdf_bytes

# persona -> (may download before the embargo, may download after it)
MATRIX = {
    "anonymous": (False, True),
    "outlet_key": (True, True),
    "wrong_key": (False, True),
    "retired_outlet_key": (False, True),
    "office": (True, True),  # Văn phòng Sở: pressroom.view_pressrelease
    "testing": (True, True),  # Phòng Khảo thí: pressroom.view_pressrelease
    "steering": (False, True),
    "site_a": (False, True),
}


def fetch(client, personas, outlets, attachment, persona):
    url = attachment.get_absolute_url()
    keys = {
        "outlet_key": outlets["active"].token,
        "wrong_key": "khoa-sai",
        "retired_outlet_key": outlets["inactive"].token,
    }
    if persona in keys:
        return client.get(url, {"khoa": keys[persona]})
    user = personas.get(persona)
    if user is not None:
        client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("persona", list(MATRIX))
@pytest.mark.parametrize("when", ["before", "after"])
def test_who_may_download_a_releases_file_before_and_after_its_embargo(
    client, morning, personas, outlets, make_release, persona, when
):
    data = pdf_bytes()  # made once: a PDF carries the time it was made
    attachment = attach(make_release(publish_at=EMBARGO), data=data)
    if when == "after":
        morning.move_to(EMBARGO + dt.timedelta(minutes=1), tick=False)

    response = fetch(client, personas, outlets, attachment, persona)

    allowed = MATRIX[persona][0 if when == "before" else 1]
    if allowed:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == data
    else:
        # Not a log-in page either: the address tells nothing about what exists.
        assert response.status_code == 404


@pytest.mark.parametrize("status", [ReleaseStatus.DRAFT, ReleaseStatus.WITHDRAWN])
def test_a_draft_or_withdrawn_releases_file_is_for_staff_only(
    client, morning, personas, outlets, make_release, status
):
    release = make_release(status=status, withdrawn_reason="Không dùng.", publish_at=EMBARGO)
    attachment = attach(release)
    morning.move_to(EMBARGO + dt.timedelta(hours=1), tick=False)

    assert client.get(attachment.get_absolute_url()).status_code == 404
    url = attachment.get_absolute_url()
    assert client.get(url, {"khoa": outlets["active"].token}).status_code == 404
    client.force_login(personas["office"])
    assert client.get(url).status_code == 200


def test_the_file_is_a_download_with_its_cleaned_name_and_cannot_run_as_a_page(
    client, morning, make_release, outlets
):
    attachment = attach(make_release(publish_at=EMBARGO), name="../Số liệu\u202egpj.pdf")

    response = client.get(attachment.get_absolute_url(), {"khoa": outlets["active"].token})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''S%E1%BB%91%20li%E1%BB%87ugpj.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "no-store, private"  # under embargo


def test_a_file_missing_from_storage_is_a_404(client, morning, make_release, settings):
    attachment = attach(make_release(publish_at=EMBARGO - dt.timedelta(days=1)))
    (settings.PRIVATE_MEDIA_ROOT / attachment.file.name).unlink()

    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert client.get(f"/bao-chi/thong-cao-tep/{attachment.pk + 100}/").status_code == 404
