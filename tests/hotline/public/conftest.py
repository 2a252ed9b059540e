"""The public hotline pages: real files made in the test, a ticket maker, the exam of 2020."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core import ratelimit
from hotline.models import Category, Channel
from hotline.services import ticket_submit

# The start of a Windows program (its DOS header).
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200) + b"This program"
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def pdf_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 80), "steelblue").save(out, format="PDF")
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "steelblue").save(out, format="PNG")
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def private_files(settings) -> list:
    root = settings.PRIVATE_MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def form_data(**overrides) -> dict:
    data = {
        "category": Category.QUESTION,
        "subject": "Hỏi về giấy tờ mang vào phòng thi",
        "message": "Thí sinh cần mang theo những giấy tờ gì khi làm thủ tục dự thi?",
        "name": "Nguyễn Thị Hỏi",
        "phone": "0123 456 789",
        "email": "phuhuynh@example.org",
        "trang_web": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture(autouse=True)
def _fresh_local_rate_counts():
    """The rate limit's fallback count lives in this process: each test starts from zero."""
    ratelimit._local.clear()
    yield
    ratelimit._local.clear()


@pytest.fixture
def make_ticket(exam):
    def make(**fields):
        values = {
            "channel": Channel.WEB,
            "category": Category.QUESTION,
            "subject": "Hỏi về lịch thi",
            "message": "Lịch thi môn Ngữ văn vào ngày nào?",
        }
        values.update(fields)
        return ticket_submit(**values)

    return make
