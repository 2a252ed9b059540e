"""Downloading a document's file (documents/downloads.py): who gets what, with which headers."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.files import attach_file
from tests.documents.files.conftest import docx_bytes, make_document
from tests.factories import image_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db

SANDBOX = "default-src 'none'; sandbox"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_file_downloads_as_an_attachment_with_its_vietnamese_name(client, document):
    data = pdf_bytes()
    attached = attach_file(document=document, uploaded=upload("Kế hoạch thi 2020.pdf", data))

    response = client.get(attached.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''" + quote("Kế hoạch thi 2020.pdf")
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == SANDBOX
    assert response["Content-Length"] == str(len(data))
    assert body(response) == data


def test_the_download_address_is_the_routed_one(document):
    attached = attach_file(document=document, uploaded=upload("a.pdf", pdf_bytes()))

    assert attached.get_absolute_url() == f"/van-ban/{document.slug}/tep/{attached.pk}/"
    assert (
        reverse("documents:file-download", kwargs={"slug": document.slug, "file_id": attached.pk})
        == attached.get_absolute_url()
    )


def test_an_ascii_name_is_sent_plainly(client, document):
    attached = attach_file(document=document, uploaded=upload('ke "hoach".pdf', pdf_bytes()))

    response = client.get(attached.get_absolute_url())

    assert response["Content-Disposition"] == 'attachment; filename="ke \\"hoach\\".pdf"'


def test_the_content_type_is_the_detected_one_not_the_uploaders(client, document):
    attached = attach_file(
        document=document, uploaded=upload("cong-van.docx", docx_bytes(), content_type="text/html")
    )

    response = client.get(attached.get_absolute_url())

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_pdf_is_shown_in_the_browser_with_xem(client, document):
    attached = attach_file(document=document, uploaded=upload("Kế hoạch.pdf", pdf_bytes()))

    response = client.get(attached.get_absolute_url(), {"xem": "1"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == "inline; filename*=utf-8''" + quote("Kế hoạch.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == SANDBOX
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_image_is_shown_in_the_browser_with_xem(client, document):
    attached = attach_file(document=document, uploaded=upload("so-do.png", image_bytes("PNG")))

    response = client.get(attached.get_absolute_url(), {"xem": "1"})

    assert response["Content-Disposition"] == 'inline; filename="so-do.png"'
    assert response["Content-Type"] == "image/png"
    assert response["Content-Security-Policy"] == SANDBOX


def test_word_and_excel_files_are_always_downloaded(client, document):
    attached = attach_file(document=document, uploaded=upload("cong-van.docx", docx_bytes()))

    response = client.get(attached.get_absolute_url(), {"xem": "1"})

    assert response["Content-Disposition"] == 'attachment; filename="cong-van.docx"'


def test_head_answers_without_the_body_and_post_is_refused(client, document):
    attached = attach_file(document=document, uploaded=upload("a.pdf", pdf_bytes()))

    assert client.head(attached.get_absolute_url()).status_code == 200
    assert client.post(attached.get_absolute_url()).status_code == 405


# What is not served


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "nhap"},
        {"status": "go-bo"},
        {"status": "da-dang", "publish_at": timezone.now() + dt.timedelta(days=1)},
    ],
    ids=["draft", "withdrawn", "scheduled"],
)
def test_a_file_of_a_document_not_published_is_not_found(client, fields):
    document = make_document(**fields)
    attached = attach_file(document=document, uploaded=upload("a.pdf", pdf_bytes()))

    response = client.get(attached.get_absolute_url())

    assert response.status_code == 404


def test_a_file_id_of_another_document_is_not_found(client, document):
    other = make_document("2594/BGDĐT-VP", issued_on=dt.date(2020, 7, 16))
    foreign = attach_file(document=other, uploaded=upload("a.pdf", pdf_bytes()))

    url = reverse("documents:file-download", kwargs={"slug": document.slug, "file_id": foreign.pk})

    assert client.get(url).status_code == 404
    assert client.get(foreign.get_absolute_url()).status_code == 200


def test_an_unknown_file_or_document_is_not_found(client, document):
    attached = attach_file(document=document, uploaded=upload("a.pdf", pdf_bytes()))
    missing_file = reverse(
        "documents:file-download", kwargs={"slug": document.slug, "file_id": attached.pk + 1}
    )
    missing_document = reverse(
        "documents:file-download", kwargs={"slug": "khong-co", "file_id": attached.pk}
    )

    assert client.get(missing_file).status_code == 404
    assert client.get(missing_document).status_code == 404


def test_a_file_missing_from_storage_is_not_found_rather_than_an_error(client, document, settings):
    attached = attach_file(document=document, uploaded=upload("a.pdf", pdf_bytes()))
    (settings.MEDIA_ROOT / attached.file.name).unlink()

    assert client.get(attached.get_absolute_url()).status_code == 404


# Replacing a file


def test_after_a_replacement_both_versions_are_listed_and_downloadable(client, document):
    old_bytes, new_bytes = pdf_bytes("red"), pdf_bytes("green")
    old = attach_file(document=document, uploaded=upload("ke-hoach.pdf", old_bytes))
    document_url = document.get_absolute_url()

    new = attach_file(
        document=document, uploaded=upload("ke-hoach-sua-doi.pdf", new_bytes), replaces=old
    )

    document.refresh_from_db()
    assert document.get_absolute_url() == document_url
    assert [f.pk for f in document.files.all()] == [old.pk, new.pk]
    old_response = client.get(old.get_absolute_url())
    new_response = client.get(new.get_absolute_url())
    assert (old_response.status_code, new_response.status_code) == (200, 200)
    assert body(old_response) == old_bytes
    assert body(new_response) == new_bytes
    assert new_response["Content-Disposition"] == 'attachment; filename="ke-hoach-sua-doi.pdf"'
