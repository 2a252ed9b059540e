"""Demo hotline: published lines (fictional numbers, example.org), tickets in every status and
channel, and Q&A entries in several topics. Idempotent: tickets are found by subject, entries by
slug. Rows are written directly, without the services, so that loading the demo e-mails nobody."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from django.utils import timezone
from django.utils.html import escape

from exams.models import ExamSite
from hotline.models import (
    Category,
    Channel,
    EntryKind,
    HotlineLine,
    LineKind,
    QAEntry,
    QATopic,
    Ticket,
    TicketEntry,
    TicketStatus,
)
from hotline.services import next_code, triage

TZ = timezone.get_fixed_timezone(7 * 60)


def at(day: int, month: int, hour: int = 8, minute: int = 0) -> dt.datetime:
    return dt.datetime(2020, month, day, hour, minute, tzinfo=TZ)


# (kind, name, role, phone, e-mail, hours, active from, active until, order)
LINES = [
    (
        LineKind.HOTLINE,
        "Đường dây nóng Kỳ thi – Sở GD&ĐT Cà Mau",
        "Tiếp nhận thông tin, phản ánh về Kỳ thi",
        "0123 456 780",
        "duongdaynong@example.org",
        "7:00–21:00 hằng ngày",
        dt.date(2020, 7, 15),
        None,
        1,
    ),
    (
        LineKind.HOTLINE,
        "Phòng Khảo thí và Quản lý chất lượng",
        "Giải đáp quy chế thi, hồ sơ dự thi",
        "0123 456 782",
        "khaothi@example.org",
        "Giờ hành chính các ngày làm việc",
        dt.date(2020, 7, 15),
        None,
        2,
    ),
    (
        LineKind.FOCAL_POINT,
        "Nguyễn Văn Mẫu",
        "Chánh Văn phòng Sở, đầu mối thông tin, truyền thông về Kỳ thi",
        "0123 456 781",
        "truyenthong@example.org",
        "",
        dt.date(2020, 7, 15),
        None,
        3,
    ),
    (
        LineKind.HOTLINE,
        "Đường dây nóng năm 2019 (đã hết hạn)",
        "Không còn hoạt động: không hiện trên cổng",
        "0123 456 799",
        "",
        "",
        dt.date(2019, 6, 1),
        dt.date(2019, 8, 31),
        9,
    ),
]

# (subject, channel, category, site code, received, status, name, e-mail, message, reply)
TICKETS = [
    (
        "Thí sinh tự do cần mang giấy tờ gì khi làm thủ tục dự thi?",
        Channel.WEB, Category.QUESTION, None, at(20, 7, 9, 15), TicketStatus.ANSWERED,
        "Phụ huynh Mẫu A", "phuhuynh.a@example.org",
        "Con tôi là thí sinh tự do. Ngày 8/8 làm thủ tục cần mang những giấy tờ gì ạ?",
        "Thí sinh mang Giấy báo dự thi và Căn cước công dân (hoặc Chứng minh nhân dân) khi đến "
        "làm thủ tục dự thi lúc 8 giờ ngày 8/8/2020 tại điểm thi ghi trên Giấy báo dự thi.",
    ),
    (
        "Hỏi về điểm ưu tiên khu vực",
        Channel.EMAIL, Category.QUESTION, None, at(24, 7, 20, 5), TicketStatus.NEW,
        "Thí sinh Mẫu B", "thisinh.b@example.org",
        "Em ở xã Tân Ân, huyện Ngọc Hiển thì được ưu tiên khu vực nào ạ?", "",
    ),
    (
        "Đề nghị bố trí chỗ trú mưa cho phụ huynh đưa đón",
        Channel.WEB, Category.SUGGESTION, "C15", at(27, 7, 10), TicketStatus.IN_PROGRESS,
        "", "", "Mùa mưa, đề nghị điểm thi bố trí mái che cho phụ huynh chờ con.", "",
    ),
    (
        "Phản ánh có người rao bán đề thi trên mạng",
        Channel.PHONE, Category.VIOLATION, None, at(9, 8, 8, 40), TicketStatus.ESCALATED,
        "", "", "Người gọi (không cho biết tên) báo thấy tài khoản mạng xã hội rao bán đề thi "
        "môn Ngữ văn trước giờ thi.", "",
    ),
    (
        "Mất điện cục bộ tại điểm thi",
        Channel.SITE, Category.INCIDENT, "C07", at(10, 8, 14, 50), TicketStatus.CLOSED,
        "Trưởng Điểm thi C07", "", "Mất điện 10 phút tại dãy phòng B, đã dùng máy phát dự phòng, "
        "không ảnh hưởng thời gian làm bài.", "",
    ),
    (
        "Lịch phúc khảo bài thi năm 2020",
        Channel.WEB, Category.QUESTION, None, at(28, 8, 7, 30), TicketStatus.ANSWERED,
        "Phụ huynh Mẫu C", "phuhuynh.c@example.org",
        "Xin hỏi thời gian nộp đơn phúc khảo bài thi năm nay?",
        "Thí sinh nộp đơn phúc khảo tại nơi đăng ký dự thi trong 10 ngày kể từ ngày công bố "
        "kết quả thi (27/8/2020), theo hướng dẫn của Sở.",
    ),
    (
        "Khác: hỏi số điện thoại điểm thi C01",
        Channel.EMAIL, Category.OTHER, "C01", at(5, 8, 16), TicketStatus.CLOSED,
        "Người dân Mẫu D", "nguoidan.d@example.org", "Cho tôi xin số điện thoại điểm thi C01.",
        "Anh/chị vui lòng liên hệ đường dây nóng của Sở để được kết nối với điểm thi.",
    ),
]  # fmt: skip

# (slug, topic, title, question, answer paragraphs, asker, published, document symbols)
QA = [
    (
        "giay-to-can-mang-khi-lam-thu-tuc-du-thi",
        QATopic.SCHEDULE,
        "Cần mang giấy tờ gì khi đến làm thủ tục dự thi?",
        "Khi đến điểm thi làm thủ tục dự thi, thí sinh cần mang theo những giấy tờ gì?",
        [
            "Thí sinh mang Giấy báo dự thi và Căn cước công dân (hoặc Chứng minh nhân dân) để "
            "đối chiếu khi làm thủ tục dự thi vào 8 giờ ngày 8/8/2020.",
            "Thí sinh sai sót thông tin đăng ký dự thi báo ngay cho cán bộ điểm thi để được sửa.",
        ],
        "Một phụ huynh ở thành phố Cà Mau",
        at(21, 7, 9),
        ["15/2020/TT-BGDĐT"],
    ),
    (
        "vat-dung-duoc-mang-vao-phong-thi",
        QATopic.RULES,
        "Thí sinh được mang những vật dụng gì vào phòng thi?",
        "Em được mang máy tính cầm tay và thước kẻ vào phòng thi không ạ?",
        [
            "Thí sinh được mang vào phòng thi: bút viết, bút chì, compa, tẩy, thước kẻ, thước "
            "tính; máy tính cầm tay không có chức năng soạn thảo văn bản, không có thẻ nhớ; "
            "Atlat Địa lí Việt Nam (không đánh dấu hay viết thêm).",
            "Không mang điện thoại di động, thiết bị thu phát, ghi âm, ghi hình vào phòng thi.",
        ],
        "Một thí sinh huyện Cái Nước",
        at(25, 7, 10),
        ["15/2020/TT-BGDĐT"],
    ),
    (
        "lich-thi-tot-nghiep-thpt-2020-tai-ca-mau",
        QATopic.SCHEDULE,
        "Lịch thi tốt nghiệp THPT năm 2020 như thế nào?",
        "Kỳ thi năm nay diễn ra vào những ngày nào, mỗi buổi thi môn gì?",
        [
            "Ngày 8/8/2020 thí sinh làm thủ tục dự thi. Ngày 9/8: sáng Ngữ văn, chiều Toán. "
            "Ngày 10/8: sáng bài thi tổ hợp (Khoa học tự nhiên hoặc Khoa học xã hội), chiều "
            "Ngoại ngữ. Ngày 11/8 dự phòng.",
            "Xem chi tiết giờ làm bài của từng môn tại trang Lịch thi của cổng.",
        ],
        "",
        at(28, 7, 15),
        [],
    ),
    (
        "diem-uu-tien-khu-vuc",
        QATopic.PRIORITY,
        "Điểm ưu tiên khu vực được xác định thế nào?",
        "Thí sinh ở xã đặc biệt khó khăn vùng bãi ngang ven biển được ưu tiên khu vực nào?",
        [
            "Khu vực ưu tiên xác định theo nơi thường trú và nơi học THPT của thí sinh, theo "
            "quy định của Bộ Giáo dục và Đào tạo.",
            "Thí sinh kiểm tra mã khu vực trên phiếu đăng ký dự thi; thấy sai sót báo ngay cho "
            "nơi đăng ký dự thi để được điều chỉnh.",
        ],
        "Một thí sinh huyện Ngọc Hiển",
        at(29, 7, 9),
        [],
    ),
    (
        "thoi-han-nop-don-phuc-khao",
        QATopic.GRADUATION,
        "Nộp đơn phúc khảo bài thi trong thời hạn nào?",
        "Sau khi có điểm thi, muốn phúc khảo thì nộp đơn ở đâu và trong bao lâu?",
        [
            "Thí sinh nộp đơn phúc khảo tại nơi đăng ký dự thi trong thời hạn 10 ngày kể từ "
            "ngày công bố kết quả thi.",
        ],
        "Một phụ huynh huyện Đầm Dơi",
        at(28, 8, 9),
        [],
    ),
    (
        "deo-khau-trang-tai-diem-thi",
        QATopic.HEALTH,
        "Thí sinh có phải đeo khẩu trang tại điểm thi?",
        "Trong tình hình dịch COVID-19, thí sinh có phải đeo khẩu trang khi vào điểm thi?",
        [
            "Thí sinh thực hiện các biện pháp phòng, chống dịch theo hướng dẫn của ngành Y tế "
            "và của điểm thi: đeo khẩu trang, sát khuẩn tay, khai báo y tế khi được yêu cầu.",
        ],
        "",
        at(5, 8, 8),
        [],
    ),
]


def seed_hotline(*, cited_documents: Callable[[Sequence[str]], Iterable] | None = None) -> None:
    """The hotline lines, demo tickets and Q&A entries. `cited_documents(symbols)` finds the
    documents a Q&A answer cites by number and symbol (the seed command passes documents' look-up:
    this app does not import documents); without it the entries cite none."""
    for kind, name, role, phone, email, hours, start, until, order in LINES:
        HotlineLine.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind, "role": role, "phone": phone, "email": email, "hours": hours,
                "active_from": start, "active_until": until, "order": order,
            },
        )  # fmt: skip
    _seed_tickets()
    _seed_qa(cited_documents)


def _seed_tickets() -> None:
    sites = {site.code: site for site in ExamSite.objects.filter(exam__is_current=True)}
    for row in TICKETS:
        subject, channel, category, site, received, status, name, email, message, reply = row
        if Ticket.objects.filter(subject=subject).exists():
            continue
        plan = triage(category=category, received_at=received)
        ticket = Ticket.objects.create(
            code=next_code(year=received.year),
            channel=channel,
            category=category,
            site=sites.get(site),
            session=plan.session,
            subject=subject,
            message=message,
            name=name,
            email=email,
            priority=plan.priority,
            status=status,
            received_at=received,
            due_at=plan.due_at,
            handling_unit="" if status == TicketStatus.NEW else "Phòng Khảo thí và QLCL",
            escalated_at=received + dt.timedelta(minutes=20)
            if status == TicketStatus.ESCALATED
            else None,
            closed_at=received + dt.timedelta(days=1) if status == TicketStatus.CLOSED else None,
        )
        if reply:
            TicketEntry.objects.create(
                ticket=ticket,
                kind=EntryKind.PUBLIC_REPLY,
                body=reply,
                created_at=received + dt.timedelta(hours=3),
            )
            Ticket.objects.filter(pk=ticket.pk).update(answered_at=received + dt.timedelta(hours=3))
        if status == TicketStatus.ESCALATED:
            TicketEntry.objects.create(
                ticket=ticket,
                kind=EntryKind.INTERNAL_NOTE,
                body="Đã báo Công an tỉnh và Ban Chỉ đạo để xác minh.",
                created_at=received + dt.timedelta(minutes=20),
            )


def _seed_qa(cited_documents) -> None:
    for slug, topic, title, question, paragraphs, asker, published, symbols in QA:
        if QAEntry.objects.filter(slug=slug).exists():
            continue  # staff may have edited it: a second run changes nothing
        entry = QAEntry.objects.create(
            slug=slug,
            topic=topic,
            question_title=title,
            question=question,
            answer="".join(f"<p>{escape(p)}</p>" for p in paragraphs),
            asker_label=asker,
            is_published=True,
            published_at=published,
        )
        if symbols and cited_documents is not None:
            entry.related_documents.set(cited_documents(symbols))
