"""The Q&A column: /hoi-dap/ and its entries."""

from django.http import Http404


def qa_list(request):
    raise Http404


def qa_detail(request, slug):
    raise Http404
