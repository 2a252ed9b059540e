import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document, DocumentFile, IssuingBody

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def document(db):
    return Document.objects.create(
        number_symbol="1423/KH-SGDĐT",
        issuing_body=IssuingBody.objects.get(abbreviation="SGDĐT"),
        issued_on=dt.date(2020, 7, 17),
        summary="Kế hoạch truyền thông",
        status="da-dang",
    )


def upload(client, doc, name, content, replaces=""):
    return client.post(
        "/admin/documents/documentfile/add/",
        {
            "document": doc.pk,
            "title": "",
            "replaces": replaces,
            "upload": SimpleUploadedFile(name, content),
        },
    )


def test_office_adds_a_file_and_a_new_version_keeps_the_old_one_listed(client, personas, settings):
    from exams.roles import sync_role_permissions

    sync_role_permissions()
    doc = document(None)
    client.force_login(personas["office"])
    assert upload(client, doc, "Kế hoạch 1423.pdf", PDF).status_code == 302
    first = DocumentFile.objects.get()
    assert first.original_name == "Kế hoạch 1423.pdf" and first.kind == "pdf"
    assert not first.file.name.endswith("Kế hoạch 1423.pdf")
    assert upload(client, doc, "ban-sua.pdf", PDF + b"%v2\n%%EOF\n", first.pk).status_code == 302
    assert DocumentFile.objects.count() == 2
    first.refresh_from_db()
    assert not first.is_current


def test_a_disguised_file_is_refused_in_vietnamese_and_nothing_is_stored(
    client, personas, settings
):
    from exams.roles import sync_role_permissions

    sync_role_permissions()
    doc = document(None)
    client.force_login(personas["office"])
    response = upload(client, doc, "ke-hoach.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    assert response.status_code == 200
    assert not DocumentFile.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
    assert "tệp" in response.content.decode().lower()
