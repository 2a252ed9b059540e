"""The Q&A column: /hoi-dap/ (topics, keyword, pages) and /hoi-dap/<slug>/."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.listing import render_filtered_list, without_empty_params
from core.pagecache import cache_public_page
from hotline import selectors
from hotline.filters import QAFilter

PER_PAGE = 20


@require_safe
def qa_list(request: HttpRequest) -> HttpResponse:
    return without_empty_params(request) or _qa_list(request)


@cache_public_page
def _qa_list(request: HttpRequest) -> HttpResponse:
    filterset = QAFilter(
        request.GET,
        queryset=selectors.published_entries(),
        request=request,
        counts=selectors.topic_counts(),
    )
    return render_filtered_list(
        request,
        filterset=filterset,
        template="hotline/qaentry_list.html",
        per_page=PER_PAGE,
        object_name="entries",
        items=selectors.with_excerpts,
        extra=lambda: {"topic_label": filterset.topic_label},
    )


@require_safe
@cache_public_page
def qa_detail(request: HttpRequest, slug: str) -> HttpResponse:
    entry = selectors.entry_for_reader(slug=slug)
    if entry is None:
        raise Http404
    return render(
        request,
        "hotline/qaentry_detail.html",
        {"entry": entry, "documents": list(entry.related_documents.all())},
    )
