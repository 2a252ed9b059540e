"""The demo reports need the demo exam (apart from tests/reports/submit/test_demo.py, whose tests
share one loaded demo: this one needs a database without it)."""

from exams.models import ExamSite
from reports.demo import seed_reports
from reports.models import Report


def test_without_the_exam_the_demo_reports_do_nothing(db):
    assert seed_reports() == 0
    assert not Report.objects.exists() and not ExamSite.objects.exists()
