"""The document library in the site search (declared as DocumentsConfig.search_provider)."""

from __future__ import annotations

from django.db.models import QuerySet, Value
from django.db.models.functions import Concat

from core.search import ProviderResult, Query, SearchHit, ranked, top_hits
from documents.models import Document


class DocumentSearch:
    kind = "Văn bản"

    def matching(self, query: Query) -> QuerySet[Document]:
        """Published documents only (never drafts or withdrawn ones), best first."""
        return ranked(
            Document.objects.published().only(
                "number_symbol", "doc_type", "summary", "slug", "issued_on"
            ),
            text_field="search_text",
            vector_field="search_vector",
            query=query,
            # search_text begins with the normalised "number_symbol summary": that is the title.
            title_field=Concat("number_symbol", Value(" "), "summary"),
        )

    def search(self, query: Query, *, limit: int) -> ProviderResult:
        return top_hits(self.matching(query), limit=limit, to_hit=self._hit)

    def _hit(self, document: Document) -> SearchHit:
        return SearchHit(
            kind=self.kind,
            title=f"{document.get_doc_type_display()} {document.number_symbol}",
            summary=document.summary,
            url=document.get_absolute_url(),
            date=document.issued_on,
            score=float(document.search_score),
        )


provider = DocumentSearch()
