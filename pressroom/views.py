"""Public pages of the press room (being written)."""

from django.http import Http404


def index(request):
    raise Http404


def release_detail(request, slug):
    raise Http404


def release_embargoed(request, slug, token):
    raise Http404


def release_file(request, pk):
    raise Http404


def briefing_detail(request, slug):
    raise Http404


def briefing_ics(request, slug):
    raise Http404
