"""The public hotline pages: what a browser posts, a ticket maker, the exam of 2020. Files are
made with tests.factories (pdf_bytes, png_bytes, upload, private_files)."""

from __future__ import annotations

import pytest

from hotline.models import Category
from tests import factories
from tests.factories import pdf_bytes, png_bytes  # noqa: F401 (tests/fuzz imports them from here)

# The start of a Windows program (its DOS header).
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200) + b"This program"
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


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


@pytest.fixture
def make_ticket(exam):
    """tests.factories.ticket, with the 2020 exam in place."""
    return factories.ticket
