import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from documents.models import Document, DocumentLink, IssuingBody, Relation, Validity
from documents.services import document_publish, document_save, link_add

D = dt.date


PLAN_DATE = D(2020, 7, 17)


def make(symbol="1423/KH-SGDĐT", issued_on=PLAN_DATE, **fields):
    values = {"summary": "Kế hoạch truyền thông về Kỳ thi tốt nghiệp THPT năm 2020"}
    values.update(fields)
    return document_save(document=Document(number_symbol=symbol, issued_on=issued_on, **values))


def test_typing_the_symbol_fills_type_and_issuer(db):
    document = make()
    assert document.doc_type == "ke-hoach"
    assert document.issuing_body == IssuingBody.objects.get(abbreviation="SGDĐT")
    assert (document.number, document.issuer_abbreviation, document.issue_year) == (
        1423,
        "SGDĐT",
        2020,
    )
    assert document.slug == "1423-kh-sgddt"
    cong_van = make("2594/BGDĐT-VP", D(2020, 7, 16))
    assert cong_van.doc_type == "cong-van" and cong_van.unit == "VP"


def test_an_unknown_issuer_asks_staff_to_choose_one(db):
    with pytest.raises(ValidationError, match="Không nhận ra cơ quan “XYZ”"):
        make("12/KH-XYZ")
    other = IssuingBody.objects.create(name="Sở Y tế Cà Mau", abbreviation="")
    assert make("12/KH-XYZ", issuing_body=other).issuing_body == other


def test_number_symbol_issuer_and_year_are_unique_together(db):
    make()
    with pytest.raises(ValidationError, match="Đã có văn bản cùng số, ký hiệu"):
        make()
    # Numbers restart every 1 January: the same symbol next year is another document.
    assert make(issued_on=D(2021, 7, 1)).pk
    assert Document.objects.count() == 2


def test_the_year_in_the_symbol_must_match_the_date_of_issue(db):
    with pytest.raises(ValidationError, match="khác năm ban hành"):
        make("15/2020/TT-BGDĐT", D(2019, 5, 26))


def test_validity_is_computed_from_the_dates_unless_staff_override_it(db):
    today = timezone.localdate()
    in_force = make("1/KH-SGDĐT", effective_on=today - dt.timedelta(days=1))
    not_yet = make("2/KH-SGDĐT", effective_on=today + dt.timedelta(days=3))
    expired = make("3/KH-SGDĐT", expires_on=today)
    partly = make("4/KH-SGDĐT", validity_override=Validity.PARTLY_EXPIRED)
    expected = {
        in_force.pk: Validity.IN_FORCE,
        not_yet.pk: Validity.NOT_YET,
        expired.pk: Validity.EXPIRED,
        partly.pk: Validity.PARTLY_EXPIRED,
    }
    assert {d.pk: d.validity for d in Document.objects.all()} == expected
    assert dict(Document.objects.with_validity().values_list("pk", "validity_now")) == expected
    assert not_yet.validity_label == "Chưa có hiệu lực"


def test_expiry_before_effect_is_refused(db):
    with pytest.raises(ValidationError, match="không được trước ngày có hiệu lực"):
        make(effective_on=D(2020, 8, 1), expires_on=D(2020, 7, 1))


def test_links_read_both_ways(db):
    plan = make()
    basis = make("06/KH-BCĐ", D(2020, 7, 15))
    link = link_add(source=plan, relation=Relation.BASED_ON, target=basis)
    assert str(link) == "1423/KH-SGDĐT căn cứ 06/KH-BCĐ"
    assert basis.links_in.get().inverse_label == "Là căn cứ của"
    with pytest.raises(ValidationError, match="đã có"):
        link_add(source=plan, relation=Relation.BASED_ON, target=basis)
    with pytest.raises(ValidationError, match="chính nó"):
        link_add(source=plan, relation=Relation.GUIDES, target=plan)
    assert DocumentLink.objects.count() == 1


def test_only_published_documents_are_public_and_history_keeps_each_change(db):
    document = make()
    assert not Document.objects.published().exists()
    document_publish(document=document)
    assert Document.objects.published().get() == document
    assert [h.status for h in document.history.order_by("history_date")] == ["nhap", "da-dang"]


def test_office_adds_a_document_in_admin_and_a_bad_symbol_changes_nothing(client, personas):
    from exams.roles import sync_role_permissions

    sync_role_permissions()
    client.force_login(personas["office"])
    data = {
        "number_symbol": "1423 KH-SGDĐT",
        "doc_type": "",
        "issuing_body": "",
        "issued_on": "17/7/2020",
        "summary": "Kế hoạch truyền thông",
        "field": "Giáo dục và đào tạo",
        "status": "da-dang",
        "publish_at_0": "17/7/2020",
        "publish_at_1": "15:00",
        "links_out-TOTAL_FORMS": "0",
        "links_out-INITIAL_FORMS": "0",
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
    }
    response = client.post("/admin/documents/document/add/", data)
    assert response.status_code == 200
    assert "không có dấu cách" in response.content.decode()
    assert not Document.objects.exists()
    data["number_symbol"] = "1423/KH-SGDĐT"
    response = client.post("/admin/documents/document/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get()
    assert document.issuing_body.abbreviation == "SGDĐT"
    assert document.history.first().history_user == personas["office"]
