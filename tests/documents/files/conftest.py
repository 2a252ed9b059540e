"""Real files made in the test: DOCX/XLSX built with zipfile, OLE2, PNG headers (PDF and images
from Pillow are tests.factories')."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib

import pytest
from django.utils import timezone

from documents.models import Document
from tests.factories import DocumentFactory

CONTENT_TYPES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
DOCX_PARTS = {
    "[Content_Types].xml": CONTENT_TYPES_XML,
    "_rels/.rels": '<?xml version="1.0"?><Relationships/>',
    "word/document.xml": (
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Kế hoạch thi</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ),
}
XLSX_PARTS = {
    "[Content_Types].xml": CONTENT_TYPES_XML,
    "_rels/.rels": '<?xml version="1.0"?><Relationships/>',
    "xl/workbook.xml": '<?xml version="1.0"?><workbook><sheets/></workbook>',
    "xl/worksheets/sheet1.xml": '<?xml version="1.0"?><worksheet><sheetData/></worksheet>',
}

# The start of a Windows program (the DOS header), to be renamed as a document.
EXECUTABLE_PDF = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200) + b"This program"
)


def zip_bytes(parts: dict[str, str | bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx_bytes(**extra: str | bytes) -> bytes:
    return zip_bytes({**DOCX_PARTS, **extra})


def xlsx_bytes() -> bytes:
    return zip_bytes(XLSX_PARTS)


def ole2_bytes() -> bytes:
    """The header sector of a compound file, as Word 97-2003 and Excel 97-2003 write it."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HH", 0x3E, 3)
    return header.ljust(512, b"\x00") + bytes(512)


def zip_bomb_docx(zeros: int) -> bytes:
    """A DOCX whose document part is `zeros` zero bytes, deflated (written in chunks)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in DOCX_PARTS.items():
            if name != "word/document.xml":
                archive.writestr(name, data)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(zeros // len(chunk)):
                member.write(chunk)
    return out.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A well-formed PNG header announcing width x height pixels, with a few bytes of pixel data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(bytes(64)))
        + chunk(b"IEND", b"")
    )


def make_document(symbol: str = "1423/KH-SGDĐT", *, status: str = "da-dang", **fields) -> Document:
    """The communication plan 1423/KH-SGDĐT unless told otherwise, public from now."""
    values = {
        "number_symbol": symbol,
        "issued_on": dt.date(2020, 7, 17),
        "summary": "Kế hoạch truyền thông về Kỳ thi tốt nghiệp THPT năm 2020",
        "status": status,
        "publish_at": timezone.now(),
    }
    return DocumentFactory(**{**values, **fields})


@pytest.fixture
def document(db):
    return make_document()
