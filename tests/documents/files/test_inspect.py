"""What inspect_upload() accepts, what it refuses and what it says (core/uploads.py)."""

from __future__ import annotations

import hashlib
import io
import os
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.test import override_settings

from core import uploads as files
from core.uploads import inspect_upload, safe_original_name
from tests.documents.files.conftest import (
    EXECUTABLE_PDF,
    docx_bytes,
    ole2_bytes,
    png_declaring,
    xlsx_bytes,
    zip_bomb_docx,
    zip_bytes,
)
from tests.factories import image_bytes, pdf_bytes, upload


def refusal(name: str, data: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        inspect_upload(upload(name, data))
    return caught.value


# What is accepted


@pytest.mark.parametrize(
    ("name", "data", "kind", "content_type"),
    [
        ("ke-hoach.pdf", pdf_bytes(), "pdf", "application/pdf"),
        (
            "cong-van.docx",
            docx_bytes(),
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "danh-sach.xlsx",
            xlsx_bytes(),
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("quyet-dinh.doc", ole2_bytes(), "doc", "application/msword"),
        ("bang-diem.xls", ole2_bytes(), "xls", "application/vnd.ms-excel"),
        ("ban-scan.jpg", image_bytes("JPEG"), "jpg", "image/jpeg"),
        ("ban-scan.JPEG", image_bytes("JPEG"), "jpg", "image/jpeg"),
        ("so-do.png", image_bytes("PNG"), "png", "image/png"),
    ],
)
def test_each_accepted_kind_is_detected_from_its_content(name, data, kind, content_type):
    inspected = inspect_upload(upload(name, data, content_type="text/html"))

    # The browser's content type (here a lie) plays no part.
    assert (inspected.kind, inspected.content_type) == (kind, content_type)
    assert inspected.size == len(data)
    assert inspected.sha256 == hashlib.sha256(data).hexdigest()


def test_the_sha256_is_streamed_in_chunks_and_never_read_whole():
    class Recording(io.BytesIO):
        largest = 0

        def read(self, size=-1):
            if size is None or size < 0:
                raise AssertionError("the whole file was read at once")
            Recording.largest = max(Recording.largest, size)
            return super().read(size)

    data = pdf_bytes() + b"\n" + os.urandom(3 * 1024 * 1024) + b"\n%%EOF\n"
    big = File(Recording(data), name="toan-van.pdf")

    inspected = inspect_upload(big)

    assert inspected.sha256 == hashlib.sha256(data).hexdigest()
    assert inspected.size == len(data)
    assert Recording.largest <= 64 * 1024


def test_a_docx_with_both_word_and_excel_parts_takes_the_kind_its_name_announces():
    data = zip_bytes(
        {"[Content_Types].xml": "<Types/>", "word/document.xml": "<d/>", "xl/workbook.xml": "<w/>"}
    )
    assert inspect_upload(upload("a.docx", data)).kind == "docx"
    assert inspect_upload(upload("a.xlsx", data)).kind == "xlsx"


# Programs and web pages dressed as documents


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("ke-hoach.pdf", EXECUTABLE_PDF),
        ("ke-hoach.pdf", b"\x7fELF\x02\x01\x01" + bytes(100)),
        ("cong-van.docx", b"#!/bin/sh\nrm -rf / --no-preserve-root\n"),
        ("bang.xlsx", b"\xcf\xfa\xed\xfe" + bytes(100)),
    ],
)
def test_a_program_renamed_as_a_document_is_refused(name, data):
    error = refusal(name, data)

    assert error.code == "executable"
    assert "chương trình hoặc tập lệnh chạy được" in error.message
    assert (
        "Chỉ nhận PDF, Word (.doc, .docx), Excel (.xls, .xlsx), ảnh JPG hoặc PNG" in error.message
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("thong-bao.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("thong-bao.pdf", b"\xef\xbb\xbf  \n<html><body onload=alert(1)>"),
        ("thong-bao.pdf", "<html><script>alert(1)</script>".encode("utf-16")),
        ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("logo.svg", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
        ("bang.xlsx", b'<?xml version="1.0"?><workbook/>'),
    ],
)
def test_html_svg_and_xml_are_refused_whatever_their_name(name, data):
    error = refusal(name, data)

    assert error.code == "markup"
    assert "trang web hoặc tệp HTML, SVG, XML" in error.message


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("ghi-chu.pdf", b"Chi la van ban thuong, khong phai PDF."),
        ("nen.docx", b"Rar!\x1a\x07\x00" + bytes(50)),
        ("anh.png", b"GIF89a" + bytes(50)),
    ],
)
def test_anything_else_is_refused_naming_what_is_accepted(name, data):
    error = refusal(name, data)

    assert error.code == "unknown"
    assert error.message == (
        "Không nhận ra định dạng của tệp này. "
        "Chỉ nhận PDF, Word (.doc, .docx), Excel (.xls, .xlsx), ảnh JPG hoặc PNG."
    )


# Name and content must agree


def test_a_png_named_pdf_is_refused_saying_what_it_really_is():
    error = refusal("quyet-dinh.pdf", image_bytes("PNG"))

    assert error.code == "extension_mismatch"
    assert error.message == (
        "Tên tệp có đuôi .pdf nhưng nội dung là ảnh PNG. "
        "Xin chọn đúng tệp, hoặc đổi đuôi tên tệp thành .png."
    )


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("ke-hoach.docx", pdf_bytes(), "nội dung là PDF"),
        ("cong-van.xlsx", docx_bytes(), "nội dung là Word (.docx)"),
        ("bang.docx", xlsx_bytes(), "nội dung là Excel (.xlsx)"),
        ("anh.png", image_bytes("JPEG"), "nội dung là ảnh JPEG"),
    ],
)
def test_every_other_disagreement_is_refused_too(name, data, said):
    error = refusal(name, data)

    assert error.code == "extension_mismatch"
    assert said in error.message


@pytest.mark.parametrize("name", ["quyet-dinh.docx", "quyet-dinh.pdf", "quyet-dinh"])
def test_an_old_word_or_excel_file_needs_a_doc_or_xls_name(name):
    error = refusal(name, ole2_bytes())

    assert error.code == "extension_mismatch"
    assert "đuôi .doc (Word) hoặc .xls (Excel)" in error.message


@pytest.mark.parametrize("name", ["ke-hoach", "ke-hoach.exe", "ke-hoach.pdf.exe"])
def test_a_name_without_an_accepted_extension_is_refused(name):
    error = refusal(name, pdf_bytes())

    assert error.code == "extension"
    assert "không có đuôi được nhận" in error.message
    assert "đuôi .pdf" in error.message


# Sizes


def test_an_empty_file_is_refused():
    error = refusal("ke-hoach.pdf", b"")

    assert error.code == "empty"
    assert error.message == "Tệp rỗng (0 byte). Xin chọn lại tệp."


@override_settings(DOCUMENT_FILE_MAX_BYTES=2 * 1024 * 1024)
def test_an_oversized_file_is_refused_with_the_limit():
    data = pdf_bytes() + os.urandom(3 * 1024 * 1024) + b"\n%%EOF\n"

    error = refusal("toan-van.pdf", data)

    assert error.code == "too_large"
    assert error.message == "Tệp quá lớn (3 MB). Mỗi tệp tối đa 2 MB."


def test_the_limit_defaults_to_25_megabytes(settings):
    if hasattr(settings, "DOCUMENT_FILE_MAX_BYTES"):
        del settings.DOCUMENT_FILE_MAX_BYTES
    assert files.max_bytes() == 25 * 1024 * 1024


@override_settings(DOCUMENT_FILE_MAX_BYTES=1024)
def test_the_size_is_measured_not_taken_from_what_the_upload_declares():
    uploaded = upload("ke-hoach.pdf", pdf_bytes() + bytes(4096) + b"%%EOF")
    uploaded.size = 100

    with pytest.raises(ValidationError) as caught:
        inspect_upload(uploaded)

    assert caught.value.code == "too_large"


# PDF


def test_a_pdf_cut_short_is_refused():
    error = refusal("ke-hoach.pdf", pdf_bytes()[:-200])

    assert error.code == "pdf_truncated"
    assert "Tệp PDF không trọn vẹn" in error.message


def test_a_pdf_header_must_open_the_file():
    error = refusal("ke-hoach.pdf", b"<html>" + pdf_bytes())

    assert error.code == "markup"


# DOCX and XLSX


def test_a_zip_bomb_docx_is_refused_from_its_headers_alone():
    # 120 MB of zeros deflate to about 120 KB: over 100 MB in all, and a ratio of about 1000:1.
    bomb = zip_bomb_docx(120 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024

    error = refusal("cong-van.docx", bomb)

    assert error.code == "zip_bomb"
    assert "lớn bất thường" in error.message


def test_one_member_compressed_over_100_to_1_is_a_zip_bomb_even_when_small():
    error = refusal("cong-van.docx", zip_bomb_docx(3 * 1024 * 1024))

    assert error.code == "zip_bomb"


def test_members_adding_up_to_over_the_total_are_a_zip_bomb(monkeypatch):
    monkeypatch.setattr(files, "ZIP_MAX_TOTAL_BYTES", 1024 * 1024)
    data = docx_bytes(
        **{"word/media/a.bin": os.urandom(600_000), "word/media/b.bin": os.urandom(600_000)}
    )

    assert refusal("cong-van.docx", data).code == "zip_bomb"


def test_more_than_2000_members_is_a_zip_bomb():
    parts = {f"word/p{i}.xml": "" for i in range(2001)}

    assert refusal("cong-van.docx", docx_bytes(**parts)).code == "zip_bomb"


@pytest.mark.parametrize("member", ["../../etc/cron.d/evil", "/etc/passwd", "word/../../evil.xml"])
def test_a_member_escaping_the_archive_is_refused(member):
    error = refusal("cong-van.docx", docx_bytes(**{member: "x"}))

    assert error.code == "zip_not_office"


def test_an_encrypted_member_is_refused():
    data = bytearray(docx_bytes())
    # Set bit 0 (encrypted) of the general purpose flags of every central directory entry.
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) != -1:
        data[start + 8] |= 0x01
        start += 4

    error = refusal("cong-van.docx", bytes(data))

    assert error.code == "encrypted"
    assert "bỏ mật khẩu" in error.message


def test_a_document_with_macros_is_refused():
    error = refusal("cong-van.docx", docx_bytes(**{"word/vbaProject.bin": b"\x00" * 10}))

    assert error.code == "macro"


@pytest.mark.parametrize(
    "parts",
    [
        {"word/document.xml": "<d/>"},  # no [Content_Types].xml
        {"[Content_Types].xml": "<Types/>", "readme.txt": "x"},  # neither Word nor Excel
    ],
)
def test_a_zip_that_is_not_a_word_or_excel_document_is_refused(parts):
    error = refusal("cong-van.docx", zip_bytes(parts))

    assert error.code == "zip_not_office"
    assert "không phải tài liệu Word (.docx) hay Excel (.xlsx)" in error.message


def test_a_broken_zip_is_refused():
    assert refusal("cong-van.docx", docx_bytes()[:200]).code == "zip_not_office"


# Images


def test_a_broken_png_is_refused():
    data = bytearray(image_bytes("PNG"))
    data[20] ^= 0xFF  # inside IHDR: its CRC no longer matches

    error = refusal("so-do.png", bytes(data))

    assert error.code == "image_broken"


def test_an_image_declaring_too_many_pixels_is_refused():
    # 10,000 x 9,000 = 90 million pixels, from a file of under 100 bytes.
    error = refusal("ban-scan.png", png_declaring(10_000, 9_000))

    assert error.code == "image_too_large"
    assert "tối đa 80 triệu điểm ảnh" in error.message


def test_a_decompression_bomb_is_refused_before_pillow_decodes_it():
    # 400 million pixels: beyond Pillow's own limit, which raises on opening.
    assert refusal("ban-scan.png", png_declaring(20_000, 20_000)).code == "image_too_large"


def test_an_image_within_the_pixel_budget_is_accepted():
    assert inspect_upload(upload("ban-scan.png", png_declaring(8_000, 10_000))).kind == "png"


# The uploader's name


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\Windows\\System32\\ke-hoach.pdf", "ke-hoach.pdf"),
        ("C:\\Users\\Văn thư\\Kế hoạch 1423.docx", "Kế hoạch 1423.docx"),
        ("Kế hoạch\x00 thi.pdf", "Kế hoạch thi.pdf"),
        ("bao-cao.pdf\x00.exe", "bao-cao.pdf.exe"),
        ("Thông\tbáo\r\nsố 5.pdf", "Thông báo số 5.pdf"),
        ("anh\u202egpj.exe", "anhgpj.exe"),
        ("  Quyết   định\u00a0số 15 .PDF", "Quyết định số 15.pdf"),
        ("...pdf", "tep.pdf"),
        ("../", "tep"),
        ("\x00\x01\x02.docx", "tep.docx"),
        ("", "tep"),
        ("Tờ trình.", "Tờ trình"),
        (".bashrc", "tep.bashrc"),
    ],
)
def test_the_original_name_is_cleaned_but_keeps_vietnamese(raw, safe):
    assert safe_original_name(raw) == safe


def test_a_name_typed_on_a_mac_is_normalised_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Kế hoạch tổ chức thi.pdf")
    assert decomposed != "Kế hoạch tổ chức thi.pdf"

    assert safe_original_name(decomposed) == "Kế hoạch tổ chức thi.pdf"


def test_a_long_name_is_shortened_keeping_its_extension():
    safe = safe_original_name("Kế hoạch " * 40 + ".docx")

    assert len(safe) <= 150
    assert safe.startswith("Kế hoạch Kế hoạch")
    assert safe.endswith(".docx")
    assert not safe.removesuffix(".docx").endswith(" ")


def test_path_components_and_nul_bytes_of_an_upload_are_dropped():
    uploaded = File(io.BytesIO(pdf_bytes()), name="../../etc/passwd\x00.pdf")

    assert inspect_upload(uploaded).original_name == "passwd.pdf"


def test_a_nul_byte_cannot_hide_an_executable_extension():
    error = refusal("bao-cao.pdf\x00.exe", pdf_bytes())

    assert error.code == "extension"
