"""Attaching a file to a document: checked by core.uploads, stored, versioned."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.pagecache import bump_public_version
from core.uploads import inspect_upload, refuse
from documents.models import Document, DocumentFile

logger = logging.getLogger(__name__)


def attach_file(
    *,
    document: Document,
    uploaded: UploadedFile,
    title: str = "",
    replaces: DocumentFile | None = None,
) -> DocumentFile:
    """Check the upload and add it to the document's files, as a new version of `replaces` if given.

    Guarantees: nothing is written to storage unless the file passes `inspect_upload` and
    `replaces` is a current file of the same document; the stored name is generated, with the
    detected kind's extension; if the row cannot be written, the stored file is deleted again.
    A replacement keeps the old file (still listed, still downloadable) and, when no title is given,
    its title. Public pages are refreshed on commit.
    """
    inspected = inspect_upload(uploaded)
    storage_name = None
    try:
        with transaction.atomic():
            if replaces is not None:
                replaces = _lock_current(document, replaces)
            document_file = DocumentFile(
                document=document,
                title=title.strip() or (replaces.title if replaces is not None else ""),
                original_name=inspected.original_name,
                kind=inspected.kind,
                content_type=inspected.content_type,
                size=inspected.size,
                sha256=inspected.sha256,
                replaces=replaces,
            )
            # A title too long, say, is refused here, before anything is written.
            document_file.full_clean(
                exclude=["file", "document", "replaces"],
                validate_unique=False,
                validate_constraints=False,
            )
            # The name handed to upload_to carries only the detected kind's extension.
            document_file.file.save(f"tep.{inspected.kind}", uploaded, save=False)
            storage_name = document_file.file.name
            document_file.save()
            transaction.on_commit(bump_public_version)
    except IntegrityError:
        _delete_stored(storage_name)
        if replaces is None:
            raise
        # Two editors replaced the same file at once (replaces is unique); the other one won.
        raise _replaced_already() from None
    except BaseException:
        _delete_stored(storage_name)
        raise
    return document_file


def _lock_current(document: Document, replaces: DocumentFile) -> DocumentFile:
    locked = DocumentFile.objects.select_for_update().filter(pk=replaces.pk).first()
    if locked is None or locked.document_id != document.pk:
        raise refuse(
            _("Tệp cần thay thế không thuộc văn bản này. Xin chọn một tệp của chính văn bản."),
            "replaces_other_document",
        )
    if not locked.is_current:
        raise _replaced_already()
    return locked


def _replaced_already() -> ValidationError:
    return refuse(
        _(
            "Tệp này đã được thay bằng một phiên bản mới hơn. Xin tải lại trang và thay thế "
            "phiên bản mới nhất."
        ),
        "replaces_not_current",
    )


def _delete_stored(name: str | None) -> None:
    if not name:
        return
    try:
        DocumentFile._meta.get_field("file").storage.delete(name)
    # Not only OSError: object storage raises botocore's errors, and a failed clean-up must not
    # hide the error that caused it.
    except Exception:
        logger.exception("Could not delete the orphaned document file %s", name)
