"""Demo press room: outlets and fictional contacts (example.org), lists, the Office's press contact,
releases (one under embargo), the two briefings of the plan with registrations, a media kit.
Idempotent; written without the services' e-mails, so loading the demo mails nobody."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape

from core.demo import simple_pdf
from pressroom.models import (
    BriefingStatus,
    DistributionList,
    MediaKitItem,
    MediaOutlet,
    OutletKind,
    PressBriefing,
    PressContact,
    PressRelease,
    Registration,
    ReleaseStatus,
    Spokesperson,
    Wave,
)
from pressroom.services.contacts import contact_save

TZ = timezone.get_fixed_timezone(7 * 60)


def at(day: int, month: int, hour: int = 8, minute: int = 0) -> dt.datetime:
    return dt.datetime(2020, month, day, hour, minute, tzinfo=TZ)


# (outlet, kind, [(contact name, title, e-mail)])
OUTLETS = [
    ("Báo Cà Mau", OutletKind.LOCAL, [("Nguyễn Văn Phóng", "Phóng viên", "pv.baocamau@example.org")]),
    ("Đài Phát thanh và Truyền hình Cà Mau", OutletKind.LOCAL,
     [("Trần Thị Tin", "Biên tập viên", "btv.ptth@example.org")]),
    ("Sở Thông tin và Truyền thông tỉnh Cà Mau", OutletKind.AGENCY,
     [("Lê Văn Thông", "Chuyên viên", "stttt@example.org")]),
    ("Báo Giáo dục và Thời đại (văn phòng đại diện)", OutletKind.CENTRAL,
     [("Phạm Thị Giáo", "Phóng viên thường trú", "pv.gddt@example.org")]),
    ("Thông tấn xã Việt Nam (phân xã Cà Mau)", OutletKind.CENTRAL,
     [("Võ Văn Xã", "Phóng viên", "pv.ttx@example.org")]),
]  # fmt: skip

RELEASES = [
    (
        "01/TCBC-SGDĐT",
        "Cà Mau sẵn sàng cho Kỳ thi tốt nghiệp THPT năm 2020",
        "Toàn tỉnh có 9.658 thí sinh dự thi tại 17 điểm thi; công tác chuẩn bị đã hoàn tất.",
        [
            "Kỳ thi tốt nghiệp THPT năm 2020 tại Cà Mau có 9.658 thí sinh đăng ký dự thi, "
            "bố trí tại 17 điểm thi và 1 điểm thi dự phòng.",
            "Thí sinh làm thủ tục dự thi ngày 8/8/2020; thi ngày 9 và 10/8/2020.",
        ],
        at(5, 8, 10),
    ),
    (
        "02/TCBC-SGDĐT",
        "Kết thúc an toàn Kỳ thi tốt nghiệp THPT năm 2020 tại Cà Mau",
        "Các buổi thi diễn ra an toàn, nghiêm túc, đúng quy chế.",
        [
            "Sau hai ngày thi, các điểm thi trên địa bàn tỉnh báo cáo kỳ thi diễn ra an toàn, "
            "nghiêm túc, đúng quy chế.",
        ],
        at(10, 8, 18),
    ),
]
# Under embargo in the demo whatever today's date: a week after the demo is loaded.
EMBARGOED = (
    "03/TCBC-SGDĐT",
    "Công bố kết quả Kỳ thi tốt nghiệp THPT năm 2020 tại Cà Mau",
    "Kết quả thi và tỷ lệ tốt nghiệp của tỉnh (thông tin cấm đăng trước giờ công bố).",
    ["Thông tin cấm đăng trước giờ công bố ghi trên thông cáo."],
)

BRIEFINGS = [
    (
        "hop-bao-dot-1-ky-thi-tot-nghiep-thpt-2020",
        "Họp báo đợt 1: công tác chuẩn bị Kỳ thi tốt nghiệp THPT năm 2020",
        Wave.BEFORE,
        at(5, 8, 8, 30),
        at(5, 8, 10, 0),
        "Thông tin công tác chuẩn bị Kỳ thi; trả lời câu hỏi của phóng viên.",
        "Ban Chỉ đạo thông tin đầy đủ về công tác chuẩn bị; các cơ quan báo chí đưa tin.",
    ),
    (
        "hop-bao-dot-2-ky-thi-tot-nghiep-thpt-2020",
        "Họp báo đợt 2: kết quả tổ chức Kỳ thi tốt nghiệp THPT năm 2020",
        Wave.AFTER,
        at(12, 8, 8, 30),
        at(12, 8, 10, 0),
        "Thông tin kết quả tổ chức các buổi thi; trả lời câu hỏi của phóng viên.",
        "Ban Chỉ đạo thông tin kết quả tổ chức Kỳ thi; các cơ quan báo chí đưa tin.",
    ),
]


def seed_pressroom() -> None:
    contacts = _seed_contacts()
    everyone, _ = DistributionList.objects.get_or_create(
        name="Tất cả cơ quan báo chí", defaults={"description": "Báo chí địa phương và trung ương"}
    )
    everyone.contacts.add(*contacts)
    spokesperson = Spokesperson.objects.filter(is_default=True).first() or (
        Spokesperson.objects.create(
            name="Nguyễn Văn Mẫu",
            title="Chánh Văn phòng Sở, người phát ngôn về Kỳ thi (dữ liệu mẫu)",
            phone="0123 456 781",
            email="baochi@example.org",
            is_default=True,
        )
    )
    for number, title, summary, paragraphs, publish_at in RELEASES:
        _release(number, title, summary, paragraphs, publish_at, spokesperson, everyone, True)
    number, title, summary, paragraphs = EMBARGOED
    if not PressRelease.objects.filter(number=number).exists():
        publish_at = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=7)
        _release(number, title, summary, paragraphs, publish_at, spokesperson, everyone, False)
    for row in BRIEFINGS:
        _briefing(*row, everyone)
    _media_kit()


def _seed_contacts() -> list[PressContact]:
    contacts = []
    for outlet_name, kind, people in OUTLETS:
        outlet, _ = MediaOutlet.objects.get_or_create(name=outlet_name, defaults={"kind": kind})
        for name, title, email in people:
            contact = PressContact.objects.filter(outlet=outlet, email=email).first()
            if contact is None:
                contact = contact_save(
                    contact=PressContact(outlet=outlet, name=name, title=title, email=email)
                )
            contacts.append(contact)
    return contacts


def _release(number, title, summary, paragraphs, publish_at, spokesperson, lists, sent) -> None:
    if PressRelease.objects.filter(number=number).exists():
        return
    release = PressRelease.objects.create(
        number=number,
        title=title,
        summary=summary,
        body="".join(f"<p>{escape(p)}</p>" for p in paragraphs),
        spokesperson=spokesperson,
        status=ReleaseStatus.APPROVED,
        publish_at=publish_at,
        # The demo's past releases count as sent then (no e-mail now).
        distributed_at=publish_at if sent else None,
    )
    release.lists.add(lists)


def _briefing(slug, title, wave, starts, ends, agenda, outcome, lists) -> None:
    if PressBriefing.objects.filter(slug=slug).exists():
        return
    briefing = PressBriefing.objects.create(
        slug=slug,
        title=title,
        wave=wave,
        starts_at=starts,
        ends_at=ends,
        chair="Phó Trưởng ban Thường trực Ban Chỉ đạo thi tỉnh (dữ liệu mẫu)",
        participants=(
            "Thường trực Ban Chỉ đạo thi tỉnh; đại diện các sở, ngành liên quan; lãnh đạo các "
            "phòng chuyên môn của Sở; phóng viên các cơ quan báo chí địa phương và trung ương."
        ),
        agenda=f"<p>{escape(agenda)}</p>",
        outcome=f"<p>{escape(outcome)}</p>",
        status=BriefingStatus.HELD,
        capacity=40,
        invited_sequence=0,
    )
    briefing.lists.add(lists)
    for n, (name, outlet) in enumerate(
        [("Nguyễn Văn Phóng", "Báo Cà Mau"), ("Trần Thị Tin", "Đài PT-TH Cà Mau")], start=1
    ):
        Registration.objects.create(
            briefing=briefing,
            name=name,
            outlet=outlet,
            email=f"dangky{n}.{wave}@example.org",
            phone=f"0123 000 {n:03d}",
            created_at=starts - dt.timedelta(days=2),
        )


def _media_kit() -> None:
    if MediaKitItem.objects.exists():
        return
    content = simple_pdf(
        [
            "KY THI TOT NGHIEP THPT NAM 2020 - TINH CA MAU",
            "So lieu cho bao chi (du lieu mau)",
            "9.658 thi sinh; 17 diem thi va 1 diem thi du phong",
            "Thu tuc du thi: 8/8/2020. Thi: 9 va 10/8/2020. Du phong: 11/8/2020.",
        ]
    )
    item = MediaKitItem(
        title="Số liệu Kỳ thi năm 2020 (PDF)",
        description="Số thí sinh, điểm thi, lịch thi của tỉnh Cà Mau.",
        original_name="so-lieu-ky-thi-2020.pdf",
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    item.file.save("so-lieu.pdf", ContentFile(content), save=False)
    item.save()
