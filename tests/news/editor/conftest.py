"""The upload as CKEditor 5 sends it (images are tests.factories.image_bytes)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

UPLOAD_URL = "/ckeditor5/image_upload/"


def as_upload(name: str, data: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def post_image(client, settings):
    """POST one file as CKEditor's SimpleUploadAdapter does (multipart field "upload")."""

    def post(name: str, data: bytes, content_type: str = "image/png", *, as_user=None):
        if as_user is not None:
            client.force_login(as_user)
        return client.post(UPLOAD_URL, {"upload": as_upload(name, data, content_type)})

    return post
