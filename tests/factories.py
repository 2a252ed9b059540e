import datetime as dt

import factory

from exams.models import Exam, ExamSite, ExamTest, Paper, Period, Round, Session, SiteSession


class ExamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exam
        django_get_or_create = ("year",)

    year = 2020
    title = "Kỳ thi tốt nghiệp THPT năm 2020"
    start_date = dt.date(2020, 8, 8)
    end_date = dt.date(2020, 8, 11)
    results_date = dt.date(2020, 8, 27)
    is_current = True


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round
        django_get_or_create = ("exam", "number")

    exam = factory.SubFactory(ExamFactory)
    number = 1
    name = "Đợt 1"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    round = factory.SubFactory(RoundFactory)
    date = dt.date(2020, 8, 9)
    period = Period.MORNING
    title = "Ngữ văn"
    start_time = dt.time(7, 35)
    duration_minutes = 120


class PaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paper

    session = factory.SubFactory(SessionFactory)
    test = ExamTest.LITERATURE
    start_time = dt.time(7, 35)
    duration_minutes = 120


class ExamSiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExamSite

    exam = factory.SubFactory(ExamFactory)
    code = factory.Sequence(lambda n: f"C{n + 1:02d}")
    name = factory.Sequence(lambda n: f"Trường THPT Mẫu {n + 1}")
    district = "tp-ca-mau"


class SiteSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteSession

    site = factory.SubFactory(ExamSiteFactory)
    session = factory.SubFactory(SessionFactory)
    registered_candidates = 500
    rooms = 21
