import pytest
from django.core.exceptions import ValidationError

from documents.symbols import parse_symbol


@pytest.mark.parametrize(
    ("symbol", "number", "year", "type_abbr", "issuer", "unit", "doc_type"),
    [
        ("1423/KH-SGDĐT", 1423, None, "KH", "SGDĐT", "", "ke-hoach"),
        ("2594/BGDĐT-VP", 2594, None, "", "BGDĐT", "VP", "cong-van"),
        ("15/2020/TT-BGDĐT", 15, 2020, "TT", "BGDĐT", "", "thong-tu"),
        ("06/KH-BCĐ", 6, None, "KH", "BCĐ", "", "ke-hoach"),
        ("2873/BGDĐT-QLCL", 2873, None, "", "BGDĐT", "QLCL", "cong-van"),
        ("123/QĐ-UBND", 123, None, "QĐ", "UBND", "", "quyet-dinh"),
        ("30/2020/NĐ-CP", 30, 2020, "NĐ", "CP", "", "nghi-dinh"),
        ("45/QĐ-SGDĐT-KTQLCL", 45, None, "QĐ", "SGDĐT", "KTQLCL", "quyet-dinh"),
    ],
)
def test_a_symbol_is_split_into_its_parts(symbol, number, year, type_abbr, issuer, unit, doc_type):
    parsed = parse_symbol(symbol)
    assert (parsed.number, parsed.year, parsed.type_abbreviation) == (number, year, type_abbr)
    assert (parsed.issuer_abbreviation, parsed.unit, parsed.document_type) == (
        issuer,
        unit,
        doc_type,
    )
    assert parsed.whole == symbol


def test_lower_case_and_decomposed_input_are_normalised():
    import unicodedata

    parsed = parse_symbol(unicodedata.normalize("NFD", "1423/kh-sgdđt"))
    assert parsed.whole == "1423/KH-SGDĐT" and parsed.issuer_abbreviation == "SGDĐT"


@pytest.mark.parametrize(
    ("symbol", "message"),
    [
        ("", "Hãy nhập số, ký hiệu"),
        ("1423 / KH-SGDĐT", "không có dấu cách"),
        ("KH-1423", "phải bắt đầu bằng số"),
        ("1423KH-SGDĐT", "phải có dấu “/”"),
        ("15/20/TT-BGDĐT", "phải có 4 chữ số"),
        ("1423/KH--SGDĐT", "nhóm chữ bị trống"),
        ("1423/KH-", "nhóm chữ bị trống"),
        ("1423/KH", "tên viết tắt của cơ quan"),
        ("1423/KH_SGDĐT", "không đúng mẫu"),
        ("15/1890/TT-BGDĐT", "Năm ban hành"),
    ],
)
def test_a_malformed_symbol_gets_a_vietnamese_message_saying_what_is_wrong(symbol, message):
    with pytest.raises(ValidationError) as error:
        parse_symbol(symbol)
    assert message in " ".join(error.value.messages)
