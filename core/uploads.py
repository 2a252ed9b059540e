"""Uploads: what is accepted, how a file is checked, and the name it is known by.

Documents, hotline attachments and press-release files all pass through `inspect_upload`.

A file is judged by its content, never by the name or the content type the browser sent: the first
bytes say what it is (PDF, OLE2 compound file, ZIP, JPEG, PNG), the structure is then checked
(a PDF's end marker, the parts of a DOCX/XLSX and the sizes its ZIP headers declare, the header and
pixel count of an image), and the name's extension must agree. The bytes are stored unchanged, so
the SHA-256 shown to readers is that of the very file they download; only the name on disk is
generated. The uploader's file name is kept as data, cleaned by `safe_original_name`.

Nothing here decompresses a ZIP member or decodes an image's pixels: a zip bomb or a decompression
bomb is refused from the sizes its headers declare.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 25 * 1024 * 1024
# Kind -> content type served (the detected kind decides, never the browser).
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}
# Extensions of the uploader's name -> the kind they announce.
EXTENSIONS = {
    "pdf": "pdf",
    "doc": "doc",
    "docx": "docx",
    "xls": "xls",
    "xlsx": "xlsx",
    "jpg": "jpg",
    "jpeg": "jpg",
    "png": "png",
}
# What a reader is told the kind is, in messages.
KIND_LABELS = {
    "pdf": "PDF",
    "doc": "Word (.doc)",
    "docx": "Word (.docx)",
    "xls": "Excel (.xls)",
    "xlsx": "Excel (.xlsx)",
    "jpg": "ảnh JPEG",
    "png": "ảnh PNG",
}

# Acrobat accepts the end-of-file marker anywhere in the last 1024 bytes (trailing whitespace,
# line ends or padding after it are common).
PDF_TAIL_BYTES = 1024
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ZIP_MAGIC = b"PK\x03\x04"
# A DOCX/XLSX has a few dozen parts; a large workbook a few hundred.
ZIP_MAX_MEMBERS = 2000
ZIP_MAX_TOTAL_BYTES = 100 * 1024 * 1024
ZIP_MAX_RATIO = 100
OOXML_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
# An A3 page scanned at 600 dpi is 70 million pixels. Below Pillow's own warning threshold
# (about 89 million), so an accepted image never trips it.
MAX_IMAGE_PIXELS = 80_000_000
MAX_NAME_LENGTH = 150
HEAD_BYTES = 8192

ACCEPTED = "PDF, Word (.doc, .docx), Excel (.xls, .xlsx), ảnh JPG hoặc PNG"


@dataclass(frozen=True)
class InspectedFile:
    kind: str  # a key of CONTENT_TYPES
    content_type: str
    size: int
    sha256: str
    original_name: str  # safe_original_name() of the uploader's name


def max_bytes() -> int:
    return getattr(settings, "DOCUMENT_FILE_MAX_BYTES", DEFAULT_MAX_BYTES)


def refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _megabytes(size: int) -> str:
    text = f"{size / 1024 / 1024:.1f}".replace(".", ",")
    return text.removesuffix(",0")


# The uploader's name


def safe_original_name(name: str) -> str:
    """The uploader's file name, fit to be shown and sent back in Content-Disposition.

    Only the last path component is kept (either separator); NUL, control and invisible format
    characters (such as a right-to-left override that makes "gpj.exe" read "exe.jpg") are removed;
    the text is NFC so that a name typed on a Mac (decomposed Vietnamese) matches one typed on
    Windows; at most MAX_NAME_LENGTH characters, the extension kept. A name left empty becomes
    "tep" with the extension.
    """
    text = unicodedata.normalize("NFC", name or "")
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            # A tab or line break between words still separates them.
            if char in "\t\n\r\v\f":
                kept.append(" ")
            continue
        kept.append(" " if category == "Zs" else char)
    text = "".join(kept).replace("\\", "/").rsplit("/", 1)[-1]
    text = re.sub(r" {2,}", " ", text).strip()
    stem, dot, extension = text.rpartition(".")
    if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,10}", extension):
        stem, extension = text, ""
    # Leading dots would hide the file on Unix; trailing dots and spaces are dropped by Windows.
    stem = stem.strip(" .")
    suffix = f".{extension.lower()}" if extension else ""
    stem = stem[: MAX_NAME_LENGTH - len(suffix)].rstrip(" .")
    return f"{stem or 'tep'}{suffix}"


def _extension(safe_name: str) -> str:
    _stem, dot, extension = safe_name.rpartition(".")
    return extension.lower() if dot else ""


# Inspection


def inspect_upload(uploaded: UploadedFile, *, limit: int | None = None) -> InspectedFile:
    """What the uploaded file is, or a ValidationError saying in Vietnamese what is wrong.

    Guarantees: the returned kind is the one the content shows and the name's extension announces;
    the size is at most `limit` (DOCUMENT_FILE_MAX_BYTES by default); the SHA-256 is that of every byte of the upload,
    read in chunks. The file is read, never written anywhere.
    """
    name = safe_original_name(uploaded.name or "")
    limit = limit or max_bytes()
    # The upload handler's count, checked against the file itself (a caller may pass any File).
    uploaded.seek(0, os.SEEK_END)
    size = uploaded.tell()
    if size == 0:
        raise refuse(_("Tệp rỗng (0 byte). Xin chọn lại tệp."), "empty")
    if max(size, uploaded.size or 0) > limit:
        raise _too_large(max(size, uploaded.size or 0), limit)

    uploaded.seek(0)
    head = uploaded.read(HEAD_BYTES)
    kind = _sniff(uploaded, head, size, name)
    announced = EXTENSIONS.get(_extension(name))
    if announced is None:
        raise refuse(
            _(
                "Tên tệp “%(name)s” không có đuôi được nhận, trong khi nội dung là %(kind)s. "
                "Xin đặt tên tệp có đuôi .%(extension)s. Chỉ nhận %(accepted)s."
            )
            % {"name": name, "kind": KIND_LABELS[kind], "extension": kind, "accepted": ACCEPTED},
            "extension",
        )
    if announced != kind:
        raise refuse(
            _(
                "Tên tệp có đuôi .%(extension)s nhưng nội dung là %(kind)s. "
                "Xin chọn đúng tệp, hoặc đổi đuôi tên tệp thành .%(right)s."
            )
            % {"extension": _extension(name), "kind": KIND_LABELS[kind], "right": kind},
            "extension_mismatch",
        )

    size, digest = _hash(uploaded, limit)
    return InspectedFile(
        kind=kind, content_type=CONTENT_TYPES[kind], size=size, sha256=digest, original_name=name
    )


def _too_large(size: int, limit: int) -> ValidationError:
    return refuse(
        _("Tệp quá lớn (%(size)s MB). Mỗi tệp tối đa %(limit)s MB.")
        % {"size": _megabytes(size), "limit": _megabytes(limit)},
        "too_large",
    )


def _hash(uploaded: UploadedFile, limit: int) -> tuple[int, str]:
    hasher = hashlib.sha256()
    size = 0
    for chunk in uploaded.chunks():
        size += len(chunk)
        if size > limit:  # a file that grew since it was measured
            raise _too_large(size, limit)
        hasher.update(chunk)
    uploaded.seek(0)
    if size == 0:
        raise refuse(_("Tệp rỗng (0 byte). Xin chọn lại tệp."), "empty")
    return size, hasher.hexdigest()


def _sniff(uploaded: UploadedFile, head: bytes, size: int, name: str) -> str:
    """The kind the content shows, after its structural check."""
    if head.startswith(b"%PDF-"):
        _check_pdf(uploaded, size)
        return "pdf"
    if head.startswith(OLE2_MAGIC):
        return _ole2_kind(name)
    if head.startswith(ZIP_MAGIC):
        return _ooxml_kind(uploaded, name)
    if head.startswith(JPEG_MAGIC):
        _check_image(uploaded, "JPEG")
        return "jpg"
    if head.startswith(PNG_MAGIC):
        _check_image(uploaded, "PNG")
        return "png"
    _refuse_dangerous(head)
    raise refuse(
        _("Không nhận ra định dạng của tệp này. Chỉ nhận %(accepted)s.") % {"accepted": ACCEPTED},
        "unknown",
    )


def _refuse_dangerous(head: bytes) -> None:
    """Say plainly when the file is a program or a web page, which a library never serves."""
    if head.startswith((b"MZ", b"\x7fELF", b"#!")) or head[:4] in (
        b"\xfe\xed\xfa\xce",
        b"\xfe\xed\xfa\xcf",
        b"\xce\xfa\xed\xfe",
        b"\xcf\xfa\xed\xfe",
        b"\xca\xfe\xba\xbe",
    ):
        raise refuse(
            _(
                "Tệp này là chương trình hoặc tập lệnh chạy được, không phải văn bản; "
                "không được đăng. Chỉ nhận %(accepted)s."
            )
            % {"accepted": ACCEPTED},
            "executable",
        )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Windows Notepad saves "Unicode" text as UTF-16 with a byte-order mark.
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")
    if text.lstrip().startswith("<"):
        raise refuse(
            _(
                "Tệp này là trang web hoặc tệp HTML, SVG, XML; không được đăng vì có thể chứa mã "
                "chạy trong trình duyệt. Chỉ nhận %(accepted)s."
            )
            % {"accepted": ACCEPTED},
            "markup",
        )


def _check_pdf(uploaded: UploadedFile, size: int) -> None:
    uploaded.seek(max(0, size - PDF_TAIL_BYTES))
    tail = uploaded.read(PDF_TAIL_BYTES)
    uploaded.seek(0)
    if b"%%EOF" not in tail:
        raise refuse(
            _(
                "Tệp PDF không trọn vẹn (thiếu phần kết thúc tệp): có thể tệp bị hỏng hoặc chưa "
                "được lưu xong. Xin xuất lại tệp PDF rồi tải lên."
            ),
            "pdf_truncated",
        )


def _ole2_kind(name: str) -> str:
    # Telling a DOC from an XLS needs the compound file's stream names (olefile, not installed):
    # the extension decides between the two, and only between the two.
    extension = EXTENSIONS.get(_extension(name))
    if extension in ("doc", "xls"):
        return extension
    raise refuse(
        _(
            "Nội dung tệp là tài liệu Word hoặc Excel đời cũ nhưng tên tệp không có đuôi .doc hay "
            ".xls. Xin đặt đúng đuôi .doc (Word) hoặc .xls (Excel)."
        ),
        "extension_mismatch",
    )


def _ooxml_kind(uploaded: UploadedFile, name: str) -> str:
    """DOCX or XLSX, judged from the ZIP's central directory alone (nothing is extracted)."""
    not_office = refuse(
        _(
            "Tệp nén ZIP này không phải tài liệu Word (.docx) hay Excel (.xlsx) hợp lệ. "
            "Chỉ nhận %(accepted)s."
        )
        % {"accepted": ACCEPTED},
        "zip_not_office",
    )
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded.file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise not_office from None
    finally:
        uploaded.seek(0)

    if len(members) > ZIP_MAX_MEMBERS:
        raise _zip_bomb()
    total = 0
    names = set()
    for member in members:
        if member.flag_bits & 0x1:
            raise refuse(
                _(
                    "Tài liệu đang được đặt mật khẩu. Xin bỏ mật khẩu trong Word hoặc Excel "
                    "rồi tải lên lại."
                ),
                "encrypted",
            )
        member_name = member.filename
        if ".." in member_name or member_name.startswith(("/", "\\")) or ":" in member_name:
            raise not_office
        if member.file_size > 0 and (
            member.compress_size == 0 or member.file_size / member.compress_size > ZIP_MAX_RATIO
        ):
            raise _zip_bomb()
        total += member.file_size
        if total > ZIP_MAX_TOTAL_BYTES:
            raise _zip_bomb()
        names.add(member_name)

    if "[Content_Types].xml" not in names:
        raise not_office
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise refuse(
            _(
                "Tài liệu có chứa macro (mã VBA), không được đăng. Xin lưu lại thành tệp .docx "
                "hoặc .xlsx thường (không macro) rồi tải lên."
            ),
            "macro",
        )
    found = [kind for kind, part in OOXML_MAIN_PART.items() if part in names]
    announced = EXTENSIONS.get(_extension(name))
    if announced in found:
        return announced
    if found:
        return found[0]
    raise not_office


def _zip_bomb() -> ValidationError:
    return refuse(
        _(
            "Tài liệu Word/Excel này khi giải nén sẽ lớn bất thường (quá nhiều phần, quá "
            "%(total)s MB hoặc nén hơn %(ratio)s lần), có thể là tệp độc hại nên không được nhận. "
            "Xin lưu lại tài liệu bằng Word hoặc Excel rồi tải lên, hoặc xuất ra PDF."
        )
        % {"total": ZIP_MAX_TOTAL_BYTES // 1024 // 1024, "ratio": ZIP_MAX_RATIO},
        "zip_bomb",
    )


def _check_image(uploaded: UploadedFile, expected: str) -> None:
    """The header is a JPEG or PNG Pillow reads and verifies, within MAX_IMAGE_PIXELS.

    The pixels are not decoded: the stored file is served as is, and its declared size is what a
    decompression bomb lies about.
    """
    broken = refuse(
        _("Ảnh bị hỏng hoặc không đúng định dạng. Chỉ nhận ảnh JPG hoặc PNG còn nguyên vẹn."),
        "image_broken",
    )
    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            # Between Pillow's warning (about 89 million pixels) and its error (twice that) the
            # check below refuses anyway; the warning would only be noise in the logs.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(uploaded.file, formats=[expected]) as image:
                fmt = image.format
                width, height = image.size
                image.verify()
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except Exception:  # Pillow raises many kinds of errors on malformed files
        raise broken from None
    finally:
        uploaded.seek(0)
    # A phone's JPEG with a second, smaller picture appended (MPO) is still a JPEG.
    if fmt != expected and not (expected == "JPEG" and fmt == "MPO"):
        raise broken
    if width * height > MAX_IMAGE_PIXELS:
        raise _too_many_pixels()


def _too_many_pixels() -> ValidationError:
    return refuse(
        _(
            "Ảnh có kích thước quá lớn (tối đa %(mp)s triệu điểm ảnh). Xin giảm độ phân giải "
            "khi quét, hoặc quét thành tệp PDF."
        )
        % {"mp": MAX_IMAGE_PIXELS // 1_000_000},
        "image_too_large",
    )
