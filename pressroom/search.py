"""Press releases in the site search (declared as PressroomConfig.search_provider)."""

from __future__ import annotations

from django.db.models import QuerySet, Value
from django.db.models.functions import Concat, Trim

from core.search import ProviderResult, Query, SearchHit, ranked, top_hits
from pressroom.models import PressRelease
from pressroom.selectors import release_heading


class ReleaseSearch:
    kind = "Thông cáo báo chí"

    def matching(self, query: Query) -> QuerySet[PressRelease]:
        """Published releases only (never drafts, withdrawn ones or ones under embargo), best
        first."""
        return ranked(
            PressRelease.objects.published().only(
                "number", "title", "slug", "summary", "publish_at"
            ),
            text_field="search_text",
            vector_field="search_vector",
            query=query,
            # search_text begins with the normalised "number title" (the title alone without a
            # number): that is the title.
            title_field=Trim(Concat("number", Value(" "), "title")),
        )

    def search(self, query: Query, *, limit: int) -> ProviderResult:
        return top_hits(self.matching(query), limit=limit, to_hit=self._hit)

    def _hit(self, release: PressRelease) -> SearchHit:
        return SearchHit(
            kind=self.kind,
            title=release_heading(release),
            summary=release.summary,
            url=release.get_absolute_url(),
            date=release.publish_at,
            score=float(release.search_score),
        )


provider = ReleaseSearch()
