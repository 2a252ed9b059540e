"""Reads of the public library, each a fixed number of queries whatever the number of documents.

Only published documents (`Document.objects.published()`) are ever returned, and a related
document or an article is shown only when the public may read it too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from core.links import public_links
from documents.models import INVERSE_LABELS, Document, DocumentFile, DocumentLink, Relation, Status

# The columns a list, a feed or a search hit shows: never the full text or the search columns.
LISTING_FIELDS = (
    "number_symbol",
    "number",
    "doc_type",
    "issuing_body__name",
    "issuing_body__abbreviation",
    "issued_on",
    "effective_on",
    "expires_on",
    "validity_override",
    "summary",
    "slug",
    "status",
    "publish_at",
    "updated_at",
)


def published_documents(*, now: dt.datetime | None = None) -> QuerySet[Document]:
    """Published documents with their issuing body, as lists show them."""
    return Document.objects.published(now).select_related("issuing_body").only(*LISTING_FIELDS)


def published_years() -> list[int]:
    """The years of issue of published documents, newest first (the year filter's choices)."""
    return list(
        Document.objects.published()
        .order_by("-issue_year")
        .values_list("issue_year", flat=True)
        .distinct()
    )


@dataclass
class RelatedGroup:
    label: str  # "Căn cứ", "Là căn cứ của", ...
    documents: list[Document] = field(default_factory=list)


@dataclass
class DocumentPage:
    document: Document
    files: list[DocumentFile]  # current files first, then older versions, newest first
    related: list[RelatedGroup]
    articles: list  # news.Article: published articles that cite the document, newest first


def public_relations(*, now: dt.datetime) -> list[Prefetch]:
    """Prefetches of a document's files (newest first) and of its links to documents the public
    may read, both ways: three queries whatever the number of documents fetched."""
    readable = {"status": Status.PUBLISHED, "publish_at__lte": now}
    return [
        Prefetch(
            "files",
            queryset=DocumentFile.objects.select_related("replaced_by").order_by(
                "-uploaded_at", "-pk"
            ),
        ),
        Prefetch(
            "links_out",
            queryset=DocumentLink.objects.filter(**{f"target__{k}": v for k, v in readable.items()})
            .select_related("target")
            .only(*_linked("target"))
            .order_by("target__issued_on", "target__pk"),
        ),
        Prefetch(
            "links_in",
            queryset=DocumentLink.objects.filter(**{f"source__{k}": v for k, v in readable.items()})
            .select_related("source")
            .only(*_linked("source"))
            .order_by("source__issued_on", "source__pk"),
        ),
    ]


def document_for_reader(*, slug: str, now: dt.datetime | None = None) -> DocumentPage | None:
    """One published document with its files, its links both ways and the articles citing it:
    five queries whatever the number of each."""
    now = now or timezone.now()
    document = (
        Document.objects.published(now)
        .select_related("issuing_body")
        .defer("search_text", "search_vector")
        .prefetch_related(
            *public_relations(now=now),
            # news declares the link (Article.related_documents) and decides which articles show.
            public_links(Document, "articles", now=now),
        )
        .filter(slug=slug)
        .first()
    )
    if document is None:
        return None
    files = sorted(
        document.files.all(), key=lambda f: not f.is_current
    )  # stable: keeps newest first
    return DocumentPage(
        document=document,
        files=files,
        related=related_groups(document),
        articles=list(document.articles.all()),
    )


def _linked(side: str) -> list[str]:
    return [
        "source_id",
        "target_id",
        "relation",
        *(
            f"{side}__{name}"
            for name in ("number_symbol", "doc_type", "summary", "slug", "issued_on")
        ),
    ]


def related_groups(document: Document) -> list[RelatedGroup]:
    """The document's links grouped by how they read from this document: its own links by their
    relation ("Căn cứ"), then other documents' links to it by the inverse ("Là căn cứ của"); the
    groups in the order of `Relation`, each group's documents oldest first."""
    out: dict[str, list[Document]] = {}
    inward: dict[str, list[Document]] = {}
    for link in document.links_out.all():
        out.setdefault(link.relation, []).append(link.target)
    for link in document.links_in.all():
        inward.setdefault(link.relation, []).append(link.source)
    groups = [RelatedGroup(str(r.label), out[r]) for r in Relation if r in out]
    groups += [RelatedGroup(str(INVERSE_LABELS[r]), inward[r]) for r in Relation if r in inward]
    return groups
