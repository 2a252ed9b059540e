"""Load the bench database: the 2020 exam, the agency's details and N published articles.

Run by run.py with the bench's environment: `python bench/news/load.py 1000`. Every article goes
through Article.save(), which sanitises the body and derives the slug and the search text exactly
as the editor's saves do. Prints the slug of the newest article.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from camau_exam_portal.demo import seed_site_info  # noqa: E402
from documents.demo import seed_documents  # noqa: E402
from exams.demo import seed_exam  # noqa: E402
from news.models import Article, Category, Status  # noqa: E402

TOPICS = [
    "Kỳ thi tốt nghiệp THPT: lịch làm thủ tục dự thi",
    "Hướng dẫn thí sinh mang theo Giấy báo dự thi",
    "Ban Chỉ đạo kiểm tra công tác chuẩn bị tại điểm thi",
    "Tập huấn nghiệp vụ coi thi cho cán bộ, giáo viên",
    "Thí sinh tự do đăng ký dự thi tại Cà Mau",
    "Kết quả buổi thi môn Ngữ văn",
    "Phúc khảo bài thi: thời hạn và thủ tục",
    "Ôn thi môn Toán: kinh nghiệm làm bài trắc nghiệm",
    "Bảo đảm an ninh, an toàn tại các điểm thi",
    "Vận chuyển đề thi đến các điểm thi vùng sâu",
    "Thông báo về quy chế thi và các vật dụng được mang vào phòng thi",
    "Hỗ trợ thí sinh có hoàn cảnh khó khăn đến điểm thi",
]
VOCABULARY = (
    "thí sinh điểm thi phòng thi cán bộ coi thi hội đồng thi đề thi bài thi môn thi ngữ văn toán "
    "ngoại ngữ khoa học tự nhiên khoa học xã hội giấy báo dự thi căn cước quy chế kỷ luật an toàn "
    "y tế phụ huynh trường THPT sở giáo dục đào tạo tỉnh Cà Mau huyện Năm Căn Ngọc Hiển Đầm Dơi "
    "kết quả phúc khảo xét tuyển đại học cao đẳng lịch trình buổi sáng buổi chiều thủ tục"
)
WORDS = VOCABULARY.split()


def paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def body(rng: random.Random) -> str:
    parts = [f"<p>{paragraph(rng, 60)}</p>", f"<h2>{paragraph(rng, 6)[:-1]}</h2>"]
    parts.append(f"<p><strong>{paragraph(rng, 8)}</strong> {paragraph(rng, 50)}</p>")
    parts.append("<ul>" + "".join(f"<li>{paragraph(rng, 10)}</li>" for _ in range(4)) + "</ul>")
    parts.append(f"<blockquote><p>{paragraph(rng, 25)}</p></blockquote>")
    parts.append(f"<p>{paragraph(rng, 70)}</p>")
    return "".join(parts)


def load_articles(count: int) -> str:
    """`count` published articles written through Article.save(), 90 minutes apart, and the
    document library's demo (15 documents, for /van-ban/ with two filters); the newest's slug."""
    rng = random.Random(2020)
    now = timezone.now()
    categories = list(Category.objects.filter(is_active=True))
    if not categories:
        categories = [Category.objects.create(name="Tin tức chung")]
    for i in range(count):
        published = now - dt.timedelta(minutes=90 * (count - i))
        article = Article(
            title=f"{rng.choice(TOPICS)} ({i + 1})",
            summary=paragraph(rng, 30),
            body=body(rng),
            category=categories[i % len(categories)],
            status=Status.PUBLISHED,
            publish_at=published,
            byline="Văn phòng Sở",
        )
        article.first_published_at = published
        article._change_reason = "Dữ liệu bench"
        article.save()
    seed_documents()
    return Article.objects.published().order_by("-publish_at").first().slug


def main(count: int) -> None:
    with transaction.atomic():
        seed_exam()
        seed_site_info()
        newest = load_articles(count)
    print(newest)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
