"""The Q&A column in the site search (declared as HotlineConfig.search_provider)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.text import Truncator

from core.search import ProviderResult, Query, SearchHit, top_hits
from hotline.filters import search_entries
from hotline.models import QAEntry

# The question as the hit's summary: its first characters are enough to tell entries apart.
SUMMARY_LENGTH = 300


class QASearch:
    kind = "Hỏi đáp"

    def matching(self, query: Query) -> QuerySet[QAEntry]:
        """Published, due entries only (never drafts or entries scheduled later), best first."""
        return search_entries(
            QAEntry.objects.published().only("question_title", "slug", "question", "published_at"),
            query,
        )

    def search(self, query: Query, *, limit: int) -> ProviderResult:
        return top_hits(self.matching(query), limit=limit, to_hit=self._hit)

    def _hit(self, entry: QAEntry) -> SearchHit:
        return SearchHit(
            kind=self.kind,
            title=entry.question_title,
            summary=Truncator(" ".join(entry.question.split())).chars(SUMMARY_LENGTH),
            url=entry.get_absolute_url(),
            date=entry.published_at,
            score=float(entry.search_score),
        )


provider = QASearch()
