"""Bench data for the exam-day benchmark (run by run.py with the portal's environment).

    python bench/exam_day/load.py <sites> <articles> <out.json>

The site-report bench's data (`bench/site_reports/load.py`: a current exam with one session that
started ten minutes ago, N sites with one logged-in user each, a Steering Committee user and two
standing members), then the agency's details, N published articles written through
Article.save() as `bench/news/load.py` writes them, and the document library's 15 demo documents.
Adds the newest article's slug to out.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django

django.setup()

from django.db import transaction  # noqa: E402

from bench.news.load import load_articles  # noqa: E402
from bench.site_reports import load as site_load  # noqa: E402
from camau_exam_portal.demo import seed_site_info  # noqa: E402


def main(sites: int, articles: int, out: str) -> None:
    site_load.main(sites, out)
    with transaction.atomic():
        seed_site_info()
        newest = load_articles(articles)
    data = json.loads(Path(out).read_text())
    data["article"] = newest
    Path(out).write_text(json.dumps(data))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
