"""The Q&A column: entries made with tests.factories.QAEntryFactory (make_document and
count_queries are tests/conftest.py's)."""

import datetime as dt

import pytest
from django.utils import timezone

from hotline.models import QATopic
from tests.factories import QAEntryFactory


@pytest.fixture
def make_entry(db):
    """Published Q&A entries, each published an hour before the previous one: the first made is
    the newest. Saved as the editor saves them (QAEntry.save sanitises and fills the search text)."""

    def make(question_title: str | None = None, **fields):
        if question_title is not None:
            fields["question_title"] = question_title
        return QAEntryFactory(**fields)

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
