"""Public hotline pages: contacts and the form, the follow-up page; staff download of attachments."""

from django.http import Http404


def contact(request):
    raise Http404


def ticket_lookup(request):
    raise Http404


def attachment_download(request, pk):
    raise Http404
