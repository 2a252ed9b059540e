"""The library's public pages: documents of the data migration's issuing bodies (make_document and
count_queries are tests/conftest.py's), their files and links, and five thousand more at once."""

import datetime as dt
import hashlib

import pytest
from django.utils import timezone

from core.vietnamese import normalise_search
from documents.models import Document, DocumentFile, DocumentLink, IssuingBody, Status

D = dt.date


@pytest.fixture
def bodies(db):
    """The issuing bodies of the data migration, by abbreviation."""
    return {body.abbreviation: body for body in IssuingBody.objects.all()}


@pytest.fixture
def hidden_documents(make_document):
    """One document of each kind the public must never see."""
    return {
        "draft": make_document(summary="Bản nháp chưa đăng về lịch thi", status=Status.DRAFT),
        "withdrawn": make_document(summary="Văn bản đã gỡ về lịch thi", status=Status.WITHDRAWN),
        "not-yet": make_document(
            summary="Văn bản hẹn đăng sau về lịch thi",
            publish_at=timezone.now() + dt.timedelta(hours=2),
        ),
    }


def make_file(document: Document, *, name="ke-hoach.pdf", kind="pdf", replaces=None, **fields):
    """A file row as documents.files.attach_file writes it (the bytes are not needed to list it)."""
    content = f"{document.pk}-{name}-{fields.get('uploaded_at')}".encode()
    values = {
        "document": document,
        "file": f"van-ban/2020/07/{hashlib.md5(content).hexdigest()}.{kind}",  # noqa: S324 (a name)
        "original_name": name,
        "kind": kind,
        "content_type": "application/pdf" if kind == "pdf" else "application/msword",
        "size": 245_760,
        "sha256": hashlib.sha256(content).hexdigest(),
        "replaces": replaces,
    }
    values.update(fields)
    return DocumentFile.objects.create(**values)


def link(source: Document, relation: str, target: Document) -> DocumentLink:
    return DocumentLink.objects.create(source=source, relation=relation, target=target)


@pytest.fixture
def many_documents(bodies):
    """Add `count` published documents with bulk_create: Document.save() is skipped, so the fields it
    derives (number, issuer, year, slug, search text) are filled here."""

    def add(count: int = 5000, *, start: int = 10_000) -> None:
        body_cycle = [bodies["SGDĐT"], bodies["BGDĐT"], bodies["UBND"]]
        types = [("KH", "ke-hoach"), ("TB", "thong-bao"), ("QĐ", "quyet-dinh")]
        now = timezone.now()
        rows = []
        for i in range(count):
            n = start + i
            body = body_cycle[i % 3]
            abbreviation, doc_type = types[i % 3]
            symbol = f"{n}/{abbreviation}-{body.abbreviation}"
            summary = f"Kế hoạch tổ chức Kỳ thi số {n}"
            rows.append(
                Document(
                    number_symbol=symbol,
                    number=n,
                    type_abbreviation=abbreviation,
                    issuer_abbreviation=body.abbreviation,
                    doc_type=doc_type,
                    issuing_body=body,
                    issued_on=D(2019 + i % 2, 1 + i % 12, 1 + i % 28),
                    issue_year=2019 + i % 2,
                    summary=summary,
                    slug=f"van-ban-bulk-{n}",
                    status=Status.PUBLISHED,
                    publish_at=now - dt.timedelta(minutes=i + 1),
                    search_text=normalise_search(f"{symbol} {summary}"),
                )
            )
        Document.objects.bulk_create(rows, batch_size=500)

    return add
