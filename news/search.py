"""The news column in the site search (declared as NewsConfig.search_provider)."""

from __future__ import annotations

from django.db.models import QuerySet

from core.search import ProviderResult, Query, SearchHit, ranked, top_hits
from news.models import Article


class ArticleSearch:
    kind = "Tin tức"

    def matching(self, query: Query) -> QuerySet[Article]:
        """Published articles only (never drafts, scheduled-not-yet-due or withdrawn), best first."""
        return ranked(
            Article.objects.published().only("title", "slug", "summary", "publish_at"),
            text_field="search_text",
            vector_field="search_vector",
            query=query,
            title_field="title",
        )

    def search(self, query: Query, *, limit: int) -> ProviderResult:
        return top_hits(self.matching(query), limit=limit, to_hit=self._hit)

    def _hit(self, article: Article) -> SearchHit:
        return SearchHit(
            kind=self.kind,
            title=article.title,
            summary=article.summary,
            url=article.get_absolute_url(),
            date=article.publish_at,
            score=float(article.search_score),
        )


provider = ArticleSearch()
