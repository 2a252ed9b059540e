"""Images made with Pillow in the test, and the upload as CKEditor 5 sends it."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

UPLOAD_URL = "/ckeditor5/image_upload/"


def image_bytes(fmt: str = "PNG", size=(64, 48), *, mode: str = "RGB", **save) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "steelblue" if mode in ("RGB", "RGBA") else 1).save(
        out, format=fmt, **save
    )
    return out.getvalue()


def as_upload(name: str, data: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def post_image(client, settings):
    """POST one file as CKEditor's SimpleUploadAdapter does (multipart field "upload")."""

    def post(name: str, data: bytes, content_type: str = "image/png", *, as_user=None):
        if as_user is not None:
            client.force_login(as_user)
        return client.post(UPLOAD_URL, {"upload": as_upload(name, data, content_type)})

    return post
