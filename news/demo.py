"""Demo articles of the 2020 column: every category and every state (scheduled, withdrawn,
corrected) so that each page can be seen after `make run`. Idempotent: found by slug."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from django.utils import timezone

from news.models import Article, Category, Correction, RelatedPortal, Status

TZ = timezone.get_fixed_timezone(7 * 60)


def at(day: int, month: int, hour: int = 8, minute: int = 0) -> dt.datetime:
    return dt.datetime(2020, month, day, hour, minute, tzinfo=TZ)


# (slug, category slug, title, summary, body paragraphs, publish_at)
ARTICLES = [
    (
        "ke-hoach-truyen-thong-ky-thi-2020",
        "chi-dao-dieu-hanh",
        "Sở GD&ĐT ban hành Kế hoạch truyền thông về Kỳ thi tốt nghiệp THPT năm 2020",
        "Kế hoạch số 1423/KH-SGDĐT ngày 17/7/2020 đề ra nội dung, hình thức truyền thông về Kỳ thi trên địa bàn tỉnh.",
        [
            "Ngày 17/7/2020, Sở Giáo dục và Đào tạo ban hành Kế hoạch số 1423/KH-SGDĐT về truyền thông Kỳ thi tốt nghiệp THPT năm 2020 trên địa bàn tỉnh Cà Mau.",
            "Kế hoạch yêu cầu xây dựng chuyên mục về Kỳ thi trên Cổng thông tin điện tử của Sở, thông cáo báo chí, họp báo và chuyên mục hỏi đáp.",
        ],
        at(17, 7, 15),
    ),
    (
        "ban-chi-dao-kiem-tra-cong-tac-chuan-bi",
        "hoat-dong-ban-chi-dao",
        "Ban Chỉ đạo thi tỉnh kiểm tra công tác chuẩn bị tại các điểm thi",
        "Đoàn kiểm tra của Ban Chỉ đạo thi cấp tỉnh làm việc tại một số điểm thi ở TP Cà Mau và huyện Năm Căn.",
        [
            "Đoàn kiểm tra đánh giá cơ sở vật chất, phương án phòng, chống dịch COVID-19 và công tác bảo mật đề thi tại các điểm thi."
        ],
        at(5, 8, 16),
    ),
    (
        "diem-thi-c15-san-sang",
        "cong-tac-chuan-bi",
        "Điểm thi C15 (Năm Căn) sẵn sàng đón 661 thí sinh",
        "Điểm thi đặt tại Trường THPT Phan Ngọc Hiển phục vụ thí sinh của ba trường trên địa bàn huyện Năm Căn.",
        ["Điểm thi đã bố trí đủ phòng thi, phòng chờ và phương án dự phòng khi mất điện."],
        at(7, 8, 10),
    ),
    (
        "kinh-nghiem-lam-bai-thi-trac-nghiem",
        "on-thi-va-kinh-nghiem-lam-bai",
        "Kinh nghiệm làm bài thi trắc nghiệm: đọc kỹ đề, tô đúng phiếu",
        "Giáo viên chia sẻ những lưu ý giúp thí sinh tránh mất điểm đáng tiếc khi làm bài trắc nghiệm.",
        [
            "Thí sinh nên làm câu dễ trước, không bỏ trống câu nào và kiểm tra lại số báo danh, mã đề trên phiếu trả lời."
        ],
        at(1, 8, 9),
    ),
    (
        "thi-sinh-lam-thu-tuc-du-thi",
        "tinh-hinh-cac-buoi-thi",
        "9.623 thí sinh làm thủ tục dự thi tại 17 điểm thi",
        "Chiều 8/8/2020, 9.623 trên 9.658 thí sinh đăng ký đã có mặt làm thủ tục dự thi; 35 thí sinh vắng.",
        [
            "Các điểm thi phổ biến quy chế thi, kiểm tra giấy tờ và hướng dẫn thí sinh các biện pháp phòng, chống dịch."
        ],
        at(8, 8, 18),
    ),
    (
        "buoi-thi-ngu-van-dien-ra-an-toan",
        "tinh-hinh-cac-buoi-thi",
        "Buổi thi Ngữ văn diễn ra an toàn, đúng quy chế",
        "Sáng 9/8/2020, các điểm thi trong tỉnh tổ chức buổi thi Ngữ văn an toàn, nghiêm túc.",
        ["Đề thi Ngữ văn được đánh giá vừa sức. Không có sự cố bất thường nào được báo cáo."],
        at(9, 8, 11, 30),
    ),
    (
        "buoi-thi-toan-dien-ra-nghiem-tuc",
        "tinh-hinh-cac-buoi-thi",
        "Buổi thi Toán diễn ra nghiêm túc",
        "Chiều 9/8/2020, thí sinh dự thi môn Toán theo hình thức trắc nghiệm.",
        ["Các điểm thi báo cáo nhanh về Ban Chỉ đạo đúng thời hạn."],
        at(9, 8, 17),
    ),
    (
        "cong-bo-ket-qua-thi-tot-nghiep-2020",
        "ket-qua-thi",
        "Công bố kết quả thi tốt nghiệp THPT năm 2020",
        "Ngày 27/8/2020, thí sinh tra cứu điểm thi; xét công nhận tốt nghiệp theo quy định.",
        [
            "Thí sinh tốt nghiệp khi không có bài thi nào từ 1,0 điểm trở xuống và điểm xét tốt nghiệp từ 5,0 trở lên."
        ],
        at(27, 8, 8),
    ),
    (
        "thong-bao-so-dien-thoai-duong-day-nong",
        "thong-bao",
        "Thông báo số điện thoại, thư điện tử đường dây nóng Kỳ thi",
        "Sở GD&ĐT công bố đường dây nóng tiếp nhận thông tin về Kỳ thi tốt nghiệp THPT năm 2020.",
        ["Số điện thoại và thư điện tử đường dây nóng được đăng ở cuối mỗi trang của chuyên mục."],
        at(20, 7, 9),
    ),
]

CORRECTED = "thi-sinh-lam-thu-tuc-du-thi"
WITHDRAWN = (
    "lich-thi-dot-2-du-kien",
    "thong-bao",
    "Lịch thi đợt 2 (dự kiến)",
    "Lịch thi đợt 2 dành cho thí sinh đang cách ly.",
    ["Lịch thi đợt 2 dự kiến tổ chức vào đầu tháng 9/2020."],
    at(4, 8, 9),
    "Bộ GD&ĐT đã có Công văn 2873/BGDĐT-QLCL thay thế; xem tin mới về lịch thi đợt 2.",
)
SCHEDULED = (
    "tong-ket-ky-thi-2020",
    "ket-qua-thi",
    "Tổng kết Kỳ thi tốt nghiệp THPT năm 2020",
    "Bài tổng kết được hẹn giờ đăng.",
    ["Nội dung tổng kết sẽ được công bố."],
)

PORTALS = [
    ("Bộ Giáo dục và Đào tạo", "https://moet.gov.vn/"),
    ("Cổng thông tin điện tử tỉnh Cà Mau", "https://camau.gov.vn/"),
    ("Sở Giáo dục và Đào tạo Cà Mau", "https://sgddt.camau.gov.vn/"),
]


def _body(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


# Demo articles that cite documents of the library, by number and symbol.
CITED = {"ke-hoach-truyen-thong-ky-thi-2020": ["1423/KH-SGDĐT"]}


def seed_news(*, cited_documents: Callable[[Sequence[str]], Iterable] | None = None) -> None:
    """The demo column. `cited_documents(symbols)` finds the documents an article cites by number
    and symbol (the seed command passes documents' look-up, after seeding the library: this app
    does not import documents); without it the articles cite none."""
    categories = {c.slug: c for c in Category.objects.all()}
    for slug, category, title, summary, paragraphs, publish_at in ARTICLES:
        _upsert(
            slug, categories[category], title, summary, paragraphs, publish_at, Status.PUBLISHED
        )
    article = Article.objects.get(slug=CORRECTED)
    Correction.objects.get_or_create(
        article=article,
        note="Đính chính: số thí sinh vắng mặt là 35, không phải 53.",
        defaults={"created_at": at(8, 8, 20)},
    )
    slug, category, title, summary, paragraphs, publish_at, reason = WITHDRAWN
    _upsert(
        slug,
        categories[category],
        title,
        summary,
        paragraphs,
        publish_at,
        Status.WITHDRAWN,
        withdrawn_reason=reason,
        withdrawn_at=at(5, 8, 9),
    )
    slug, category, title, summary, paragraphs = SCHEDULED
    # Always in the future, so that the scheduled state can be seen whenever the demo runs.
    existing = Article.objects.filter(slug=slug).first()
    publish_at = (
        existing.publish_at
        if existing and existing.publish_at > timezone.now()
        else (timezone.now() + dt.timedelta(days=30)).replace(microsecond=0, second=0)
    )
    _upsert(slug, categories[category], title, summary, paragraphs, publish_at, Status.SCHEDULED)
    for order, (name, url) in enumerate(PORTALS, start=1):
        RelatedPortal.objects.get_or_create(url=url, defaults={"name": name, "order": order})
    if cited_documents is not None:
        for slug, symbols in CITED.items():
            Article.objects.get(slug=slug).related_documents.add(*cited_documents(symbols))


def _upsert(slug, category, title, summary, paragraphs, publish_at, status, **extra) -> Article:
    values = {
        "title": title,
        "summary": summary,
        "body": _body(paragraphs),
        "category": category,
        "status": status,
        "publish_at": publish_at,
        "byline": "Văn phòng Sở GD&ĐT",
        "first_published_at": publish_at if status != Status.SCHEDULED else None,
        **extra,
    }
    article = Article.objects.filter(slug=slug).first()
    if article is None:
        return Article.objects.create(slug=slug, **values)
    if any(getattr(article, field) != value for field, value in values.items()):
        for field, value in values.items():
            setattr(article, field, value)
        article.save()
    return article
