"""The Q&A column: /hoi-dap/ (topics, keyword, pages) and /hoi-dap/<slug>/."""

from __future__ import annotations

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from camau_exam_portal.pagecache import cache_public_page
from hotline import selectors
from hotline.filters import QAFilter

PER_PAGE = 20


@require_safe
def qa_list(request: HttpRequest) -> HttpResponse:
    # The form sends every field, empty ones too: one redirect gives the short URL to share (and
    # one cache entry per distinct result).
    params = [(key, value) for key, values in request.GET.lists() for value in values]
    kept = [(key, value) for key, value in params if value.strip()]
    if len(kept) != len(params):
        return HttpResponseRedirect(request.path + (f"?{urlencode(kept)}" if kept else ""))
    return _qa_list(request)


@cache_public_page
def _qa_list(request: HttpRequest) -> HttpResponse:
    filterset = QAFilter(
        request.GET,
        queryset=selectors.published_entries(),
        request=request,
        counts=selectors.topic_counts(),
    )
    context = {
        "filter": filterset,
        "form": filterset.form,
        "query_string": urlencode([(k, v) for k, v in request.GET.items() if k != "page"]),
        "is_filtered": any(k != "page" for k in request.GET),
    }
    if not filterset.is_valid():
        # Nothing is searched with a value the form refused; the reader corrects it in the form.
        return render(request, "hotline/qaentry_list.html", context, status=400)
    paginator = Paginator(filterset.qs, PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as exc:
        raise Http404("Trang không tồn tại.") from exc
    context.update(
        page_obj=page,
        entries=selectors.with_excerpts(page.object_list),
        paginator=paginator,
        topic_label=filterset.topic_label,
    )
    return render(request, "hotline/qaentry_list.html", context)


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
