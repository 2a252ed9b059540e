"""Public pages of the document library: /van-ban/ (filters, sorting, pages) and /van-ban/<slug>/."""

from __future__ import annotations

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from camau_exam_portal.pagecache import cache_public_page
from documents import selectors
from documents.filters import DocumentFilter

PER_PAGE = 20


@require_safe
def document_list(request: HttpRequest) -> HttpResponse:
    # The form sends every field, empty ones too: one redirect gives the short URL to share (and
    # one cache entry per distinct result).
    params = [(key, value) for key, values in request.GET.lists() for value in values]
    kept = [(key, value) for key, value in params if value.strip()]
    if len(kept) != len(params):
        return HttpResponseRedirect(request.path + (f"?{urlencode(kept)}" if kept else ""))
    return _document_list(request)


@cache_public_page
def _document_list(request: HttpRequest) -> HttpResponse:
    filterset = DocumentFilter(
        request.GET,
        queryset=selectors.published_documents(),
        request=request,
        years=selectors.published_years(),
    )
    context = {
        "filter": filterset,
        "form": filterset.form,
        "query_string": urlencode([(k, v) for k, v in request.GET.items() if k != "page"]),
        "is_filtered": any(k != "page" for k in request.GET),
    }
    if not filterset.is_valid():
        # Nothing is searched with a value the form refused; the reader corrects it in the form.
        return render(request, "documents/document_list.html", context, status=400)
    paginator = Paginator(filterset.qs, PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as exc:
        raise Http404("Trang không tồn tại.") from exc
    context.update(page_obj=page, documents=page.object_list, paginator=paginator)
    return render(request, "documents/document_list.html", context)


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
