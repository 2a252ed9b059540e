"""The demo library: the seed plan, its links and enough documents for every filter; idempotent."""

import io

from django.core import serializers
from django.core.management import call_command

from core.uploads import inspect_upload
from documents.demo import PLAN_TEXT, plan_html, plan_pdf
from documents.models import Document, DocumentFile, DocumentLink, Status, Validity


def snapshot() -> str:
    rows = [*Document.objects.order_by("pk"), *DocumentLink.objects.order_by("pk")]
    rows += DocumentFile.objects.order_by("pk")
    return serializers.serialize("json", rows)


def test_the_seed_plan_is_in_the_library_with_its_text_links_file_and_article(seeded, client):
    plan = Document.objects.get(number_symbol="1423/KH-SGDĐT")
    assert (plan.issuing_body.abbreviation, plan.issued_on.isoformat(), plan.status) == (
        "SGDĐT", "2020-07-17", Status.PUBLISHED,
    )  # fmt: skip
    assert plan.summary == "Kế hoạch truyền thông về Kỳ thi tốt nghiệp THPT năm 2020"
    assert "[đã lược bỏ]" in plan.full_text and "Nguyễn Minh Luân" in plan.full_text
    assert {(link.relation, link.target.number_symbol) for link in plan.links_out.all()} == {
        ("can-cu", "06/KH-BCĐ"),
        ("thuc-hien", "2594/BGDĐT-VP"),
    }
    assert Document.objects.get(number_symbol="06/KH-BCĐ").issued_on.isoformat() == "2020-07-15"
    assert Document.objects.get(number_symbol="2594/BGDĐT-VP").issued_on.isoformat() == "2020-07-16"
    assert Document.objects.get(number_symbol="15/2020/TT-BGDĐT").doc_type == "thong-tu"
    assert (
        Document.objects.get(number_symbol="2873/BGDĐT-QLCL").issued_on.isoformat() == "2020-08-03"
    )
    [pdf] = plan.files.all()
    assert pdf.kind == "pdf" and pdf.size == len(plan_pdf())
    assert plan.articles.filter(slug="ke-hoach-truyen-thong-ky-thi-2020").exists()
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Bài viết nhắc đến văn bản này" in page and "Là căn cứ của" not in page


def test_the_demo_exercises_every_filter(seeded):
    published = Document.objects.published()
    assert {d.validity for d in published} == set(Validity.values)
    assert {d.issue_year for d in published} == {2019, 2020}
    assert published.values("issuing_body").distinct().count() >= 4
    assert published.values("doc_type").distinct().count() >= 6
    assert Document.objects.filter(status=Status.DRAFT).exists()


def test_seeding_twice_changes_nothing(seeded, settings):
    first = snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert snapshot() == first


def test_the_plans_text_is_kept_inside_the_repository(db):
    assert PLAN_TEXT.is_file()
    html = plan_html()
    assert html.startswith("<p>Số: 1423/KH-SGDĐT</p>")
    assert "<h3>1. Mục đích, yêu cầu</h3>" in html


def test_the_generated_pdf_passes_the_librarys_file_checks():
    from django.core.files.uploadedfile import SimpleUploadedFile

    inspected = inspect_upload(SimpleUploadedFile("ke-hoach.pdf", plan_pdf()))
    assert inspected.kind == "pdf"
