"""attach_file(): what is stored, under which name, and that a refusal stores nothing."""

from __future__ import annotations

import hashlib
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import DatabaseError
from django.utils import timezone

from core import pagecache
from documents.files import attach_file
from documents.models import DocumentFile
from tests.documents.files.conftest import EXECUTABLE_PDF, make_document, zip_bomb_docx
from tests.factories import image_bytes, pdf_bytes, stored_files, upload

pytestmark = pytest.mark.django_db


def test_a_pdf_is_stored_under_a_generated_name_with_its_checks(document, settings):
    data = pdf_bytes()

    attached = attach_file(
        document=document, uploaded=upload("Kế hoạch 1423.pdf", data), title="Toàn văn"
    )

    attached.refresh_from_db()
    month = timezone.now().strftime("%Y/%m")
    assert re.fullmatch(rf"van-ban/{month}/[0-9a-f]{{32}}\.pdf", attached.file.name)
    assert stored_files(settings) == [settings.MEDIA_ROOT / attached.file.name]
    assert (settings.MEDIA_ROOT / attached.file.name).read_bytes() == data
    assert attached.original_name == "Kế hoạch 1423.pdf"
    assert (attached.kind, attached.content_type, attached.size) == (
        "pdf",
        "application/pdf",
        len(data),
    )
    assert attached.sha256 == hashlib.sha256(data).hexdigest()
    assert (attached.title, attached.document, attached.replaces) == ("Toàn văn", document, None)
    assert attached.is_current


def test_the_stored_extension_is_the_detected_kinds_never_the_uploaders(document):
    attached = attach_file(document=document, uploaded=upload("ANH CHUP.JPEG", image_bytes("JPEG")))

    assert attached.file.name.endswith(".jpg")
    assert attached.original_name == "ANH CHUP.jpeg"


def test_a_path_in_the_name_is_kept_only_as_a_clean_name(document, settings):
    # A File built by a script, not by Django's upload handler, keeps whatever name it was given.
    uploaded = File(io.BytesIO(pdf_bytes()), name="../../etc/passwd\x00.pdf")

    attached = attach_file(document=document, uploaded=uploaded)

    assert attached.original_name == "passwd.pdf"
    assert attached.file.name.startswith("van-ban/")
    assert all(settings.MEDIA_ROOT in path.parents for path in stored_files(settings))
    assert not (settings.MEDIA_ROOT.parent / "etc").exists()


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("ke-hoach.pdf", EXECUTABLE_PDF, "executable"),
        ("cong-van.docx", b"#!/bin/sh\necho pwned\n", "executable"),
        ("thong-bao.pdf", b"<html><script>alert(1)</script></html>", "markup"),
        ("ke-hoach.pdf", image_bytes("PNG"), "extension_mismatch"),
        ("ke-hoach.pdf", b"", "empty"),
        ("cong-van.docx", zip_bomb_docx(3 * 1024 * 1024), "zip_bomb"),
        ("bao-cao.pdf\x00.exe", pdf_bytes(), "extension"),
    ],
)
def test_a_refused_upload_stores_nothing(document, settings, name, data, code):
    with pytest.raises(ValidationError) as caught:
        attach_file(document=document, uploaded=upload(name, data))

    assert caught.value.code == code
    assert stored_files(settings) == []
    assert not DocumentFile.objects.exists()


def test_an_oversized_upload_stores_nothing(document, settings):
    settings.DOCUMENT_FILE_MAX_BYTES = 1024

    with pytest.raises(ValidationError, match="Tệp quá lớn"):
        attach_file(document=document, uploaded=upload("ke-hoach.pdf", pdf_bytes() + bytes(2048)))

    assert stored_files(settings) == []


def test_a_title_too_long_is_refused_before_anything_is_stored(document, settings):
    with pytest.raises(ValidationError) as caught:
        attach_file(document=document, uploaded=upload("a.pdf", pdf_bytes()), title="Tệp " * 60)

    assert "title" in caught.value.message_dict
    assert stored_files(settings) == []


# Replacing a file


def test_a_replacement_keeps_the_document_url_and_the_old_version(document):
    url = document.get_absolute_url()
    first = attach_file(
        document=document, uploaded=upload("ke-hoach.pdf", pdf_bytes("red")), title="Kế hoạch"
    )

    second = attach_file(
        document=document, uploaded=upload("ke-hoach-sua.pdf", pdf_bytes("green")), replaces=first
    )

    first.refresh_from_db()
    document.refresh_from_db()
    assert document.get_absolute_url() == url
    assert list(document.files.all()) == [first, second]
    assert second.replaces == first and first.replaced_by == second
    assert (first.is_current, second.is_current) == (False, True)
    # With no title of its own, the new version is shown under the old one's.
    assert second.title == "Kế hoạch"
    assert first.sha256 != second.sha256
    assert first.get_absolute_url() != second.get_absolute_url()


def test_only_the_current_version_can_be_replaced(document, settings):
    first = attach_file(document=document, uploaded=upload("a.pdf", pdf_bytes("red")))
    attach_file(document=document, uploaded=upload("b.pdf", pdf_bytes("green")), replaces=first)
    before = stored_files(settings)

    with pytest.raises(ValidationError) as caught:
        attach_file(document=document, uploaded=upload("c.pdf", pdf_bytes("blue")), replaces=first)

    assert caught.value.code == "replaces_not_current"
    assert "đã được thay bằng một phiên bản mới hơn" in caught.value.message
    assert stored_files(settings) == before
    assert DocumentFile.objects.count() == 2


def test_a_file_of_another_document_cannot_be_replaced(document, settings):
    other = make_document("2594/BGDĐT-VP", issued_on=document.issued_on)
    foreign = attach_file(document=other, uploaded=upload("a.pdf", pdf_bytes()))
    before = stored_files(settings)

    with pytest.raises(ValidationError) as caught:
        attach_file(document=document, uploaded=upload("b.pdf", pdf_bytes("red")), replaces=foreign)

    assert caught.value.code == "replaces_other_document"
    assert caught.value.message == (
        "Tệp cần thay thế không thuộc văn bản này. Xin chọn một tệp của chính văn bản."
    )
    assert stored_files(settings) == before
    assert not document.files.exists()


# When the database write fails after the file was written


def test_the_stored_file_is_removed_when_the_row_cannot_be_written(document, settings, monkeypatch):
    def failing_save(self, *args, **kwargs):
        assert stored_files(settings), "the file is written before the row"
        raise DatabaseError("could not extend file: No space left on device")

    monkeypatch.setattr(DocumentFile, "save", failing_save)

    with pytest.raises(DatabaseError):
        attach_file(document=document, uploaded=upload("ke-hoach.pdf", pdf_bytes()))

    assert stored_files(settings) == []


def test_two_editors_replacing_the_same_file_at_once_leave_one_version(
    document, settings, monkeypatch
):
    first = attach_file(document=document, uploaded=upload("a.pdf", pdf_bytes("red")))
    before = stored_files(settings)
    real_save = DocumentFile.save

    def save_after_the_other_editor(self, *args, **kwargs):
        # The other editor's replacement lands while this one's file is being written.
        DocumentFile.objects.bulk_create(
            [
                DocumentFile(
                    document=document, file="van-ban/khac.pdf", original_name="khac.pdf",
                    kind="pdf", content_type="application/pdf", size=1, sha256="0" * 64,
                    replaces=first,
                )
            ]
        )  # fmt: skip
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(DocumentFile, "save", save_after_the_other_editor)

    with pytest.raises(ValidationError) as caught:
        attach_file(document=document, uploaded=upload("b.pdf", pdf_bytes("green")), replaces=first)

    assert caught.value.code == "replaces_not_current"
    assert stored_files(settings) == before


def test_public_pages_are_refreshed_once_the_file_is_committed(
    document, django_capture_on_commit_callbacks
):
    version = pagecache.public_version()

    with django_capture_on_commit_callbacks(execute=True):
        attach_file(document=document, uploaded=upload("a.pdf", pdf_bytes()))

    assert pagecache.public_version() > version
