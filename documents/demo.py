"""Demo documents of the 2020 library, so that every filter and both pages can be tried after
`make run`. Idempotent: a document is found by number and symbol, issuing body and year of issue.

The seed plan 1423/KH-SGDĐT (its text in demo_data/, with the parts redacted in the source left as
they are), the documents it names (06/KH-BCĐ, 2594/BGDĐT-VP), Thông tư 15/2020/TT-BGDĐT and Công
văn 2873/BGDĐT-QLCL are the real documents of 2020; their summaries are shortened. The others are
illustrative: numbers, dates and summaries made up to exercise the filters (bodies, types, 2019 and
2020, an expired one, one partly expired, one not yet in force, a draft).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.demo import simple_pdf
from documents.models import (
    Document,
    DocumentLink,
    IssuingBody,
    Relation,
    SignerPrefix,
    Status,
    Urgency,
    Validity,
)
from documents.services import document_save, link_add

D = dt.date
TZ = timezone.get_fixed_timezone(7 * 60)
PLAN_TEXT = Path(__file__).resolve().parent / "demo_data" / "ke-hoach-1423.txt"
PLAN = "1423/KH-SGDĐT"


@dataclass(frozen=True)
class DemoDocument:
    number_symbol: str
    body: str  # IssuingBody.abbreviation
    issued_on: dt.date
    summary: str
    effective_on: dt.date | None = None
    expires_on: dt.date | None = None
    validity_override: str = ""
    signer_prefix: str = ""
    signer_position: str = ""
    signer_name: str = ""
    urgency: str = ""
    status: str = Status.PUBLISHED
    publish_hour: int = 15
    extra: dict = field(default_factory=dict)

    @property
    def publish_at(self) -> dt.datetime:
        return dt.datetime.combine(self.issued_on, dt.time(self.publish_hour), tzinfo=TZ)


DOCUMENTS = [
    # The seed plan and the documents it names (real).
    DemoDocument(
        PLAN, "SGDĐT", D(2020, 7, 17),
        "Kế hoạch truyền thông về Kỳ thi tốt nghiệp THPT năm 2020",
        effective_on=D(2020, 7, 17), signer_position="Giám đốc", signer_name="Nguyễn Minh Luân",
    ),
    DemoDocument(
        "06/KH-BCĐ", "BCĐ", D(2020, 7, 15),
        "Tổ chức Kỳ thi tốt nghiệp THPT tỉnh Cà Mau, năm 2020",
        effective_on=D(2020, 7, 15), signer_prefix=SignerPrefix.TM, signer_position="Ban Chỉ đạo, Trưởng ban",
    ),
    DemoDocument(
        "2594/BGDĐT-VP", "BGDĐT", D(2020, 7, 16),
        "Xây dựng kế hoạch truyền thông Kỳ thi tốt nghiệp THPT trên địa bàn tỉnh, thành phố",
        effective_on=D(2020, 7, 16), signer_prefix=SignerPrefix.TL, signer_position="Bộ trưởng, Chánh Văn phòng",
        urgency=Urgency.URGENT,
    ),
    DemoDocument(
        "15/2020/TT-BGDĐT", "BGDĐT", D(2020, 5, 26),
        "Ban hành Quy chế thi tốt nghiệp trung học phổ thông",
        effective_on=D(2020, 5, 26), signer_prefix=SignerPrefix.KT, signer_position="Bộ trưởng, Thứ trưởng",
    ),
    DemoDocument(
        "2873/BGDĐT-QLCL", "BGDĐT", D(2020, 8, 3),
        "Tổ chức Kỳ thi tốt nghiệp THPT năm 2020 đợt 2",
        effective_on=D(2020, 8, 3), signer_prefix=SignerPrefix.KT, signer_position="Bộ trưởng, Thứ trưởng",
        urgency=Urgency.VERY_URGENT,
    ),
    # Illustrative documents, for the filters.
    DemoDocument(
        "03/2019/TT-BGDĐT", "BGDĐT", D(2019, 3, 28),
        "Sửa đổi, bổ sung một số điều của Quy chế thi trung học phổ thông quốc gia",
        effective_on=D(2019, 5, 13), expires_on=D(2020, 5, 26),
        signer_prefix=SignerPrefix.KT, signer_position="Bộ trưởng, Thứ trưởng",
    ),
    DemoDocument(
        "512/QĐ-UBND", "UBND", D(2019, 3, 25),
        "Thành lập Ban Chỉ đạo thi trung học phổ thông quốc gia tỉnh Cà Mau năm 2019",
        effective_on=D(2019, 3, 25), expires_on=D(2019, 12, 31),
        signer_prefix=SignerPrefix.KT, signer_position="Chủ tịch, Phó Chủ tịch",
    ),
    DemoDocument(
        "820/KH-SGDĐT", "SGDĐT", D(2019, 4, 10),
        "Tổ chức Kỳ thi trung học phổ thông quốc gia năm 2019 trên địa bàn tỉnh Cà Mau",
        effective_on=D(2019, 4, 10), signer_position="Giám đốc",
    ),
    DemoDocument(
        "1035/HD-SGDĐT", "SGDĐT", D(2019, 5, 6),
        "Đăng ký dự thi và xét công nhận tốt nghiệp trung học phổ thông",
        effective_on=D(2019, 5, 6), validity_override=Validity.PARTLY_EXPIRED,
        signer_prefix=SignerPrefix.KT, signer_position="Giám đốc, Phó Giám đốc",
    ),
    DemoDocument(
        "1102/QĐ-UBND", "UBND", D(2020, 6, 18),
        "Thành lập Ban Chỉ đạo thi tốt nghiệp trung học phổ thông tỉnh Cà Mau năm 2020",
        effective_on=D(2020, 6, 18), signer_prefix=SignerPrefix.KT, signer_position="Chủ tịch, Phó Chủ tịch",
    ),
    DemoDocument(
        "15/CĐ-UBND", "UBND", D(2020, 7, 31),
        "Tăng cường phòng, chống dịch COVID-19 trong thời gian tổ chức Kỳ thi tốt nghiệp THPT năm 2020",
        effective_on=D(2020, 7, 31), signer_position="Chủ tịch", urgency=Urgency.FLASH,
    ),
    DemoDocument(
        "12/TB-HĐT", "HĐT", D(2020, 7, 30),
        "Lịch làm thủ tục dự thi và lịch thi Kỳ thi tốt nghiệp THPT năm 2020 tại tỉnh Cà Mau",
        effective_on=D(2020, 7, 30), signer_prefix=SignerPrefix.TM, signer_position="Hội đồng thi, Chủ tịch",
    ),
    DemoDocument(
        "1502/TB-SGDĐT", "SGDĐT", D(2020, 7, 27),
        "Số điện thoại, thư điện tử đường dây nóng Kỳ thi tốt nghiệp THPT năm 2020",
        effective_on=D(2020, 7, 27), signer_prefix=SignerPrefix.KT, signer_position="Giám đốc, Phó Giám đốc",
    ),
    DemoDocument(
        "20/PA-SGDĐT", "SGDĐT", D(2020, 8, 4),
        "Tổ chức thi tốt nghiệp THPT đợt 2 cho thí sinh phải cách ly (áp dụng khi Bộ GD&ĐT "
        "quyết định tổ chức đợt 2 tại tỉnh)",
        validity_override=Validity.NOT_YET, signer_position="Giám đốc",
    ),
    DemoDocument(
        "1680/BC-SGDĐT", "SGDĐT", D(2020, 8, 12),
        "Kết quả tổ chức Kỳ thi tốt nghiệp THPT năm 2020 (dự thảo)",
        status=Status.DRAFT, signer_position="Giám đốc",
    ),
]  # fmt: skip

# (source, relation, target): "source <relation> target".
LINKS = [
    (PLAN, Relation.BASED_ON, "06/KH-BCĐ"),
    (PLAN, Relation.IMPLEMENTS, "2594/BGDĐT-VP"),
    ("06/KH-BCĐ", Relation.BASED_ON, "15/2020/TT-BGDĐT"),
    ("06/KH-BCĐ", Relation.BASED_ON, "1102/QĐ-UBND"),
    ("2873/BGDĐT-QLCL", Relation.BASED_ON, "15/2020/TT-BGDĐT"),
    ("15/2020/TT-BGDĐT", Relation.REPLACES, "03/2019/TT-BGDĐT"),
    ("12/TB-HĐT", Relation.IMPLEMENTS, "06/KH-BCĐ"),
    ("20/PA-SGDĐT", Relation.IMPLEMENTS, "2873/BGDĐT-QLCL"),
]


def seed_documents() -> None:
    bodies = {body.abbreviation: body for body in IssuingBody.objects.all()}
    documents = {}
    for demo in DOCUMENTS:
        full_text = plan_html() if demo.number_symbol == PLAN else ""
        documents[demo.number_symbol] = _upsert(demo, bodies[demo.body], full_text)
    for source, relation, target in LINKS:
        if not DocumentLink.objects.filter(
            source=documents[source], relation=relation, target=documents[target]
        ).exists():
            link_add(source=documents[source], relation=relation, target=documents[target])
    plan = documents[PLAN]
    _attach_plan_pdf(plan)


def numbered(symbols) -> list[Document]:
    """The documents of these numbers and symbols, for the demos of the apps that cite them (news,
    the Q&A column): the seed command passes this look-up to them, as they do not import documents."""
    return list(Document.objects.filter(number_symbol__in=symbols))


def _upsert(demo: DemoDocument, body: IssuingBody, full_text: str) -> Document:
    values = {
        "issued_on": demo.issued_on,
        "summary": demo.summary,
        "effective_on": demo.effective_on,
        "expires_on": demo.expires_on,
        "validity_override": demo.validity_override,
        "signer_prefix": demo.signer_prefix,
        "signer_position": demo.signer_position,
        "signer_name": demo.signer_name,
        "urgency": demo.urgency,
        "status": demo.status,
        "publish_at": demo.publish_at,
        "full_text": full_text,
        **demo.extra,
    }
    document = Document.objects.filter(
        number_symbol=demo.number_symbol, issuing_body=body, issue_year=demo.issued_on.year
    ).first()
    if document is None:
        document = Document(
            number_symbol=demo.number_symbol, issuing_body=body, issued_on=demo.issued_on
        )
    elif all(getattr(document, name) == value for name, value in values.items()):
        return document
    for name, value in values.items():
        setattr(document, name, value)
    return document_save(document=document)


# The seed plan's text ------------------------------------------------------------------------------

_SECTION = re.compile(r"^\d+\. ")


def plan_html() -> str:
    """The plan's text as HTML: a paragraph per block of lines, the numbered parts as headings
    (h3: the page's "Toàn văn" is an h2)."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", PLAN_TEXT.read_text(encoding="utf-8"))]
    parts = []
    for block in filter(None, blocks):
        text = "<br>".join(html.escape(line.strip(), quote=False) for line in block.splitlines())
        tag = "h3" if _SECTION.match(block) else "p"
        parts.append(f"<{tag}>{text}</{tag}>")
    return "".join(parts)


def _attach_plan_pdf(plan: Document) -> None:
    if plan.files.exists():
        return
    from documents.files import attach_file

    attach_file(
        document=plan,
        uploaded=SimpleUploadedFile(
            "ke-hoach-1423-KH-SGDDT.pdf", plan_pdf(), content_type="application/pdf"
        ),
        title="Kế hoạch 1423/KH-SGDĐT (bản PDF mẫu)",
    )


def plan_pdf() -> bytes:
    """A one-page PDF standing in for the scanned plan (demo only)."""
    return simple_pdf(
        [
            "SO GIAO DUC VA DAO TAO CA MAU",
            "So: 1423/KH-SGDDT - Ca Mau, ngay 17 thang 7 nam 2020",
            "KE HOACH",
            "Truyen thong ve Ky thi tot nghiep THPT nam 2020 tren dia ban tinh Ca Mau",
            "(Ban PDF mau cua du lieu thu nghiem. Toan van co tren trang van ban.)",
        ]
    )
