import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from exams.models import Component, Exam, ExamTest
from tests import factories


def test_only_one_exam_can_be_current(db):
    factories.ExamFactory(year=2020, is_current=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ExamFactory(year=2021, is_current=True)
    assert Exam.objects.filter(is_current=True).count() == 1


def test_report_deadline_is_minutes_after_the_session_ends_in_ca_mau_time(db):
    session = factories.SessionFactory(
        date=dt.date(2020, 8, 9),
        start_time=dt.time(7, 35),
        duration_minutes=120,
        report_deadline_minutes=45,
    )
    local = session.report_deadline.astimezone(dt.timezone(dt.timedelta(hours=7)))
    assert (local.hour, local.minute) == (10, 20)
    assert session.weekday == "Chủ nhật"


def test_a_combined_test_needs_one_of_its_own_components(db):
    session = factories.SessionFactory()
    paper = factories.PaperFactory.build(
        session=session, test=ExamTest.NATURAL_SCIENCES, component=""
    )
    with pytest.raises(ValidationError, match="môn thành phần"):
        paper.full_clean()
    paper.component = Component.HISTORY
    with pytest.raises(ValidationError, match="không thuộc bài thi"):
        paper.full_clean()
    paper.component = Component.PHYSICS
    paper.full_clean()


def test_a_single_test_has_no_component(db):
    paper = factories.PaperFactory.build(
        session=factories.SessionFactory(), test=ExamTest.MATHEMATICS, component=Component.PHYSICS
    )
    with pytest.raises(ValidationError, match="không có môn thành phần"):
        paper.full_clean()


def test_site_codes_are_validated_and_unique_per_exam(db):
    exam = factories.ExamFactory()
    factories.ExamSiteFactory(exam=exam, code="C15")
    duplicate = factories.ExamSiteFactory.build(exam=exam, code="C15")
    with pytest.raises(ValidationError, match="đã có điểm thi mang mã này"):
        duplicate.full_clean()
    bad = factories.ExamSiteFactory.build(exam=exam, code="c 15")
    with pytest.raises(ValidationError, match="ví dụ C15"):
        bad.full_clean()


def test_a_session_must_end_the_same_day(db):
    session = factories.SessionFactory.build(
        round=factories.RoundFactory(), start_time=dt.time(22, 0), duration_minutes=180
    )
    with pytest.raises(ValidationError, match="kết thúc trong ngày"):
        session.full_clean()
