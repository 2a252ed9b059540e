"""Reads of the public Q&A column, each a fixed number of queries whatever the number of entries.

Only entries the public may read (`QAEntry.objects.published()`: published and due) are ever
returned, and of their related documents only those the public may read too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.text import Truncator

from core.links import public_links
from core.richtext import html_to_text
from hotline.models import QAEntry, QATopic

# The columns a list, a feed or the API shows: never the search columns.
LISTING_FIELDS = (
    "question_title",
    "slug",
    "question",
    "topic",
    "answer",
    "answering_unit",
    "published_at",
    "updated_at",
)
# The first lines of the answer shown under a question in the list (characters).
EXCERPT_LENGTH = 240


def published_entries(*, now: dt.datetime | None = None) -> QuerySet[QAEntry]:
    """Entries the public may read, newest published first."""
    return QAEntry.objects.published(now).only(*LISTING_FIELDS).order_by("-published_at", "-pk")


def topic_counts(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The number of published entries of each topic, every topic listed (0 when it has none):
    one query."""
    counts = dict(
        QAEntry.objects.published(now)
        .order_by()
        .values_list("topic")
        .annotate(n=Count("pk"))
        .values_list("topic", "n")
    )
    return {topic: counts.get(topic, 0) for topic in QATopic.values}


def with_excerpts(entries: Iterable[QAEntry]) -> list[QAEntry]:
    """The entries, each given `answer_excerpt`: the start of its answer as plain text."""
    entries = list(entries)
    for entry in entries:
        entry.answer_excerpt = answer_excerpt(entry)
    return entries


def answer_excerpt(entry: QAEntry, *, length: int = EXCERPT_LENGTH) -> str:
    return Truncator(html_to_text(entry.answer)).chars(length)


def readable_documents(*, now: dt.datetime) -> Prefetch:
    """The related documents the public may read, as the documents app shows them in a link (oldest
    issued first): one query for any number of entries."""
    return public_links(QAEntry, "related_documents", now=now)


def entry_for_reader(*, slug: str, now: dt.datetime | None = None) -> QAEntry | None:
    """One entry the public may read, with its readable related documents: two queries."""
    now = now or timezone.now()
    return (
        QAEntry.objects.published(now)
        .defer("search_text", "search_vector")
        .prefetch_related(readable_documents(now=now))
        .filter(slug=slug)
        .first()
    )
