"""Downloading a document's file: `van-ban/<slug>/tep/<file_id>/`.

Only files of a published document are served, every version of them (a replaced file stays
downloadable at its own address). The response never lets the browser guess: the content type
is the one detected at upload, `nosniff` is set (SecurityMiddleware), the file is an attachment
named after the uploader's cleaned name, and a sandboxing Content-Security-Policy stops anything
in it from running as a page of the portal. `?xem=1` shows a PDF or an image in the browser
instead of saving it.
"""

from __future__ import annotations

import logging

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from documents.files import CONTENT_TYPES, safe_original_name
from documents.models import Document

logger = logging.getLogger(__name__)

INLINE_KINDS = frozenset({"pdf", "jpg", "png"})
# Set here, so the site-wide policy (which would allow our scripts) is not applied.
FILE_CSP = "default-src 'none'; sandbox"


@require_safe
def file_download(request, slug: str, file_id: int):
    document = get_object_or_404(Document.objects.published(), slug=slug)
    document_file = get_object_or_404(document.files, pk=file_id)
    try:
        handle = document_file.file.open("rb")
    except (FileNotFoundError, ValueError):
        logger.error("File %s of document %s is missing from storage", file_id, document.pk)
        raise Http404 from None
    inline = request.GET.get("xem") == "1" and document_file.kind in INLINE_KINDS
    # Rows written before or around inspect_upload() are cleaned again: the header is ours.
    filename = safe_original_name(document_file.original_name or f"tep.{document_file.kind}")
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=filename,
        content_type=CONTENT_TYPES.get(document_file.kind, "application/octet-stream"),
    )
    response["Content-Security-Policy"] = FILE_CSP
    return response
