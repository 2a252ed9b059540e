"""Number and symbol of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP).

1423/KH-SGDĐT       number 1423, type Kế hoạch (KH), issued by SGDĐT
2594/BGDĐT-VP       a công văn: no type, issued by BGDĐT, drafted by its unit VP
15/2020/TT-BGDĐT    a legal normative document carries its year
123/QĐ-UBND         a decision of a People's Committee
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError

# Abbreviation -> document type (value of documents.models.DocumentType).
TYPE_ABBREVIATIONS = {
    "NQ": "nghi-quyet",
    "QĐ": "quyet-dinh",
    "CT": "chi-thi",
    "QC": "quy-che",
    "QYĐ": "quy-dinh",
    "TC": "thong-cao",
    "TB": "thong-bao",
    "HD": "huong-dan",
    "CTR": "chuong-trinh",
    "KH": "ke-hoach",
    "PA": "phuong-an",
    "ĐA": "de-an",
    "DA": "du-an",
    "BC": "bao-cao",
    "BB": "bien-ban",
    "TTR": "to-trinh",
    "HĐ": "hop-dong",
    "CĐ": "cong-dien",
    "GM": "giay-moi",
    "GGT": "giay-gioi-thieu",
    "NĐ": "nghi-dinh",
    "TT": "thong-tu",
    "TTLT": "thong-tu-lien-tich",
}
# "QyĐ", "CTr", "TTr" are written with a lower-case letter: compare in upper case.

_GROUP = r"[A-ZĐ][A-ZĐ0-9&]*"
_SYMBOL = re.compile(
    rf"^(?P<number>\d{{1,6}})(?:/(?P<year>\d{{4}}))?/(?P<groups>{_GROUP}(?:-{_GROUP})*)$"
)


@dataclass(frozen=True)
class ParsedSymbol:
    whole: str
    number: int
    year: int | None
    type_abbreviation: str  # "" for a công văn
    issuer_abbreviation: str
    unit: str  # the drafting unit of a công văn, or the rest after the issuer

    @property
    def document_type(self) -> str:
        return TYPE_ABBREVIATIONS.get(self.type_abbreviation.upper(), "cong-van")


def parse_symbol(raw: str) -> ParsedSymbol:
    """Split a number and symbol into its parts, or raise a ValidationError saying what is wrong."""
    text = unicodedata.normalize("NFC", (raw or "").strip())
    if not text:
        raise ValidationError("Hãy nhập số, ký hiệu văn bản, ví dụ 1423/KH-SGDĐT.")
    if re.search(r"\s", text):
        raise ValidationError("Số, ký hiệu văn bản không có dấu cách, ví dụ 1423/KH-SGDĐT.")
    if not text[0].isdigit():
        raise ValidationError("Số, ký hiệu phải bắt đầu bằng số văn bản, ví dụ 1423/KH-SGDĐT.")
    if "/" not in text:
        raise ValidationError(
            "Sau số văn bản phải có dấu “/” rồi đến ký hiệu, ví dụ 1423/KH-SGDĐT."
        )
    upper = text.upper()
    match = _SYMBOL.match(upper)
    if match is None:
        if re.search(r"/\d{1,3}/|/\d{5,}/", text):
            raise ValidationError(
                "Năm ban hành trong số, ký hiệu phải có 4 chữ số, ví dụ 15/2020/TT-BGDĐT."
            )
        if "--" in text or text.endswith("-") or "/-" in text or text.endswith("/"):
            raise ValidationError("Ký hiệu có nhóm chữ bị trống giữa các dấu “-” hoặc “/”.")
        raise ValidationError(
            "Ký hiệu không đúng mẫu: số/[năm/]loại-cơ quan, chỉ gồm chữ in hoa, chữ số và dấu “-”, "
            "ví dụ 1423/KH-SGDĐT, 15/2020/TT-BGDĐT, 2594/BGDĐT-VP."
        )
    groups = match["groups"].split("-")
    if groups[0] in TYPE_ABBREVIATIONS:
        if len(groups) < 2:
            raise ValidationError("Sau loại văn bản phải có tên viết tắt của cơ quan ban hành.")
        type_abbreviation, issuer, unit = groups[0], groups[1], "-".join(groups[2:])
    else:
        type_abbreviation, issuer, unit = "", groups[0], "-".join(groups[1:])
    year = int(match["year"]) if match["year"] else None
    if year is not None and not 1945 <= year <= 2100:
        raise ValidationError("Năm ban hành trong số, ký hiệu không hợp lệ.")
    return ParsedSymbol(
        whole=_restore_case(text, upper),
        number=int(match["number"]),
        year=year,
        type_abbreviation=type_abbreviation,
        issuer_abbreviation=issuer,
        unit=unit,
    )


def _restore_case(original: str, upper: str) -> str:
    """Keep the writer's own case for the few mixed abbreviations (QyĐ, CTr, TTr), else upper."""
    mixed = {"QYĐ": "QyĐ", "CTR": "CTr", "TTR": "TTr"}
    parts = re.split(r"([/-])", upper)
    return "".join(mixed.get(part, part) for part in parts)
