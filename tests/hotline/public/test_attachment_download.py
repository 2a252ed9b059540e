"""A ticket's file at /duong-day-nong/tep/<pk>/: staff who may view attachments, nobody else."""

from __future__ import annotations

import pytest

from tests.factories import pdf_bytes, upload

ALLOWED = {"office": True, "testing": True}


@pytest.fixture
def attachment(make_ticket):
    ticket = make_ticket(files=[upload("Biên bản vi phạm.pdf", pdf_bytes())])
    return ticket.attachments.get()


@pytest.mark.parametrize(
    "persona", ["anonymous", "office", "testing", "steering", "site_a", "site_b"]
)
def test_only_staff_who_may_view_attachments_download_them(client, personas, attachment, persona):
    user = personas[persona]
    if user is not None:
        client.force_login(user)

    response = client.get(attachment.get_absolute_url())

    if ALLOWED.get(persona):
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == pdf_bytes()
    else:
        # Not a log-in page either: the address tells nothing about what exists.
        assert response.status_code == 404


def test_the_file_is_served_as_a_download_with_its_recorded_type_and_cleaned_name(
    client, personas, attachment
):
    client.force_login(personas["office"])

    response = client.get(attachment.get_absolute_url())

    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Bi%C3%AAn%20b%E1%BA%A3n%20vi%20ph%E1%BA%A1m.pdf"
    )
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]


def test_an_unknown_or_missing_file_is_a_404_for_staff_too(client, personas, attachment, settings):
    client.force_login(personas["office"])
    assert client.get(f"/duong-day-nong/tep/{attachment.pk + 1000}/").status_code == 404

    (settings.PRIVATE_MEDIA_ROOT / attachment.file.name).unlink()

    assert client.get(attachment.get_absolute_url()).status_code == 404
