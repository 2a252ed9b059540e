import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from documents.models import Document, IssuingBody
from documents.models import Status as DocumentStatus
from hotline.models import QAEntry, QATopic


@pytest.fixture
def make_entry(db):
    """Published Q&A entries, each published an hour before the previous one: the first made is
    the newest. Saved as the editor saves them (QAEntry.save sanitises and fills the search text)."""
    counter = iter(range(1, 10_000))

    def make(question_title: str | None = None, **fields) -> QAEntry:
        n = next(counter)
        values = {
            "question_title": question_title or f"Câu hỏi thử nghiệm số {n}",
            "question": f"Nội dung câu hỏi số {n}.",
            "topic": QATopic.OTHER,
            "answer": f"<p>Trả lời câu hỏi số {n}.</p>",
            "is_published": True,
            "published_at": timezone.now() - dt.timedelta(hours=n),
        }
        values.update(fields)
        return QAEntry.objects.create(**values)

    return make


@pytest.fixture
def hidden_entries(make_entry):
    """One entry of each kind the public must never see, all about the exam schedule."""
    return {
        "draft": make_entry(
            "Bản nháp: lịch thi có thay đổi không?",
            topic=QATopic.SCHEDULE,
            is_published=False,
        ),
        "not-yet": make_entry(
            "Hẹn đăng sau: lịch thi đợt 2",
            topic=QATopic.SCHEDULE,
            published_at=timezone.now() + dt.timedelta(hours=2),
        ),
    }


@pytest.fixture
def make_document(db):
    """A published document of the Department (Sở GD&ĐT) unless told otherwise."""
    body = IssuingBody.objects.get(abbreviation="SGDĐT")
    counter = iter(range(1, 10_000))

    def make(symbol: str | None = None, **fields) -> Document:
        n = next(counter)
        values = {
            "number_symbol": symbol or f"{n}/KH-SGDĐT",
            "issuing_body": body,
            "issued_on": dt.date(2020, 7, 31) - dt.timedelta(days=n),
            "summary": f"Văn bản thử nghiệm số {n} về Kỳ thi",
            "status": DocumentStatus.PUBLISHED,
            "publish_at": timezone.now() - dt.timedelta(hours=n),
        }
        values.update(fields)
        return Document.objects.create(**values)

    return make


@pytest.fixture
def count_queries(client):
    """Number of queries one GET makes, with an empty cache (no cached page, no cached site info).

    A first request creates the rows made once on first use (the agency's details).
    """

    def count(path: str) -> int:
        client.get(path)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, response.content[:500]
        return len(queries)

    return count
