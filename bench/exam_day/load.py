"""Bench data for the exam-day benchmark (run by run.py with the portal's environment).

    python bench/exam_day/load.py <sites> <articles> <out.json>

The site-report bench's data (`bench/site_reports/load.py`: a current exam with one session that
started ten minutes ago, N sites with one logged-in user each, a Steering Committee user and two
standing members), then the agency's details, N published articles written through
Article.save() as `bench/news/load.py` writes them, and the document library's 15 demo documents.
Adds the newest article's slug to out.json.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.news.load import TOPICS, body, paragraph  # noqa: E402
from bench.site_reports import load as site_load  # noqa: E402
from camau_exam_portal.demo import seed_site_info  # noqa: E402
from documents.demo import seed_documents  # noqa: E402
from news.models import Article, Category, Status  # noqa: E402


def main(sites: int, articles: int, out: str) -> None:
    site_load.main(sites, out)
    rng = random.Random(2020)
    now = timezone.now()
    with transaction.atomic():
        seed_site_info()
        categories = list(Category.objects.filter(is_active=True)) or [
            Category.objects.create(name="Tin tức chung")
        ]
        for i in range(articles):
            published = now - dt.timedelta(minutes=90 * (articles - i))
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
    data = json.loads(Path(out).read_text())
    data["article"] = Article.objects.published().order_by("-publish_at").first().slug
    Path(out).write_text(json.dumps(data))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
