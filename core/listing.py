"""What the filtered public lists (/van-ban/, /hoi-dap/) share: short URLs, a 400 for a value the
form refuses, and pages."""

from __future__ import annotations

from collections.abc import Callable

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import urlencode


def without_empty_params(request: HttpRequest) -> HttpResponseRedirect | None:
    """A GET form sends every field, empty ones too: one redirect gives the short URL to share
    (and one cache entry per distinct result). None when there is nothing to drop."""
    params = [(key, value) for key, values in request.GET.lists() for value in values]
    kept = [(key, value) for key, value in params if value.strip()]
    if len(kept) == len(params):
        return None
    return HttpResponseRedirect(request.path + (f"?{urlencode(kept)}" if kept else ""))


def render_filtered_list(
    request: HttpRequest,
    *,
    filterset,
    template: str,
    per_page: int,
    object_name: str,
    items: Callable[[list], list] = list,
    extra: Callable[[], dict] | None = None,
) -> HttpResponse:
    """The page of the filterset's results asked for, or the form with status 400 when a value
    was refused (nothing is searched with it); a page number out of range is a 404.

    The template gets `filter`, `form`, `query_string` (without the page), `is_filtered`, and on
    success `page_obj`, `paginator` and `items(page.object_list)` under `object_name`, plus
    `extra()`.
    """
    context = {
        "filter": filterset,
        "form": filterset.form,
        "query_string": urlencode([(k, v) for k, v in request.GET.items() if k != "page"]),
        "is_filtered": any(k != "page" for k in request.GET),
    }
    if not filterset.is_valid():
        return render(request, template, context, status=400)
    paginator = Paginator(filterset.qs, per_page)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as exc:
        raise Http404("Trang không tồn tại.") from exc
    context.update(page_obj=page, paginator=paginator)
    context[object_name] = items(page.object_list)
    if extra is not None:
        context.update(extra())
    return render(request, template, context)
