"""Writes of the document library; admin and any other caller go through these functions."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from core.pagecache import bump_public_version
from documents.models import Document, DocumentLink, Status


def document_save(*, document: Document, user=None) -> Document:
    """Validate (the symbol is parsed, type and issuer recognised) and save; refresh public pages.

    Raises ValidationError with Vietnamese messages and saves nothing when the metadata is wrong.
    """
    with transaction.atomic():
        document.full_clean()
        document.save()
        transaction.on_commit(bump_public_version)
    return document


def document_publish(*, document: Document, user=None, publish_at=None) -> Document:
    document.status = Status.PUBLISHED
    document.publish_at = publish_at or document.publish_at or timezone.now()
    return document_save(document=document, user=user)


def document_withdraw(*, document: Document, user=None) -> Document:
    document.status = Status.WITHDRAWN
    return document_save(document=document, user=user)


def link_add(*, source: Document, relation: str, target: Document) -> DocumentLink:
    """Link two documents ("source căn cứ target"); the link shows on both pages."""
    link = DocumentLink(source=source, relation=relation, target=target)
    with transaction.atomic():
        link.full_clean()
        link.save()
        transaction.on_commit(bump_public_version)
    return link
