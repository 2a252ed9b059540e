"""Downloading a document's file: `van-ban/<slug>/tep/<file_id>/`.

Only files of a published document are served, every version of them (a replaced file stays
downloadable at its own address). The response never lets the browser guess: the content type
is the one detected at upload, `nosniff` is set (SecurityMiddleware), the file is an attachment
named after the uploader's cleaned name, and a sandboxing Content-Security-Policy stops anything
in it from running as a page of the portal. `?xem=1` shows a PDF or an image in the browser
instead of saving it.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from core.http import stored_file_response
from core.uploads import CONTENT_TYPES, safe_original_name
from documents.models import Document

INLINE_KINDS = frozenset({"pdf", "jpg", "png"})


@require_safe
def file_download(request, slug: str, file_id: int):
    document = get_object_or_404(Document.objects.published(), slug=slug)
    document_file = get_object_or_404(document.files, pk=file_id)
    inline = request.GET.get("xem") == "1" and document_file.kind in INLINE_KINDS
    # Rows written before or around inspect_upload() are cleaned again: the header is ours.
    filename = safe_original_name(document_file.original_name or f"tep.{document_file.kind}")
    return stored_file_response(
        document_file.file,
        filename=filename,
        content_type=CONTENT_TYPES.get(document_file.kind, "application/octet-stream"),
        inline=inline,
    )
