"""Public pages of the document library: /van-ban/ (filters, sorting, pages) and /van-ban/<slug>/."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.listing import render_filtered_list, without_empty_params
from core.pagecache import cache_public_page
from documents import selectors
from documents.filters import DocumentFilter

PER_PAGE = 20


@require_safe
def document_list(request: HttpRequest) -> HttpResponse:
    return without_empty_params(request) or _document_list(request)


@cache_public_page
def _document_list(request: HttpRequest) -> HttpResponse:
    filterset = DocumentFilter(
        request.GET,
        queryset=selectors.published_documents(),
        request=request,
        years=selectors.published_years(),
    )
    return render_filtered_list(
        request,
        filterset=filterset,
        template="documents/document_list.html",
        per_page=PER_PAGE,
        object_name="documents",
    )


@require_safe
@cache_public_page
def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.document_for_reader(slug=slug)
    if page is None:
        raise Http404
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": page.document,
            "files": page.files,
            "related": page.related,
            "articles": page.articles,
        },
    )
