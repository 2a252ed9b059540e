"""The demo reports: every state the dashboard shows, made through the service, loaded once."""

from __future__ import annotations

import io
from collections import Counter

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from exams.models import Session
from news.models import Article, Status
from news.services import SESSION_NEWS_CATEGORY
from notifications.models import Message
from reports.demo import seed_reports
from reports.figures import session_figures
from reports.models import (
    DisciplineCase,
    IncidentLine,
    Report,
    ReportKind,
    ReportVersion,
    SessionFollowUp,
    Severity,
)
from reports.services import State, quick_report_state


def sessions():
    return list(Session.objects.filter(round__number=1, kind="thi").order_by("date", "start_time"))


def quick(code: str, session: Session) -> Report:
    return Report.objects.get(site__code=code, session=session, kind=ReportKind.QUICK)


def test_the_demo_shows_every_state_of_a_quick_report(seeded):
    literature, _mathematics, combined, language = sessions()

    # As the dashboard shows them today, long after the exam.
    states = Counter(
        quick_report_state(session=session, report=row.report, now=timezone.now())
        for session in sessions()
        for row in session_figures(session).rows
    )

    assert set(states) == {State.ON_TIME, State.LATE, State.AMENDED, State.OVERDUE}
    assert states[State.ON_TIME] > 60  # most sites report on time
    assert quick("C11", literature).is_late and quick("C06", combined).is_late
    assert [row.site.code for row in session_figures(language).missing] == ["C17"]


def test_the_amended_report_keeps_both_versions_and_the_reason(seeded):
    report = quick("C03", sessions()[0])

    assert report.is_amended and not report.is_late
    first, second = report.versions.order_by("number")
    assert second == report.latest and second.amendment_reason
    assert first.absent_gave_up != second.absent_gave_up


def test_the_demo_has_an_urgent_report_cases_incidents_and_periodic_reports(seeded):
    combined = sessions()[2]
    urgent = Report.objects.get(kind=ReportKind.URGENT)
    assert urgent.session == combined and urgent.site.code == "C15"
    assert urgent.latest.severity == Severity.HIGH and not urgent.is_late

    cases = DisciplineCase.objects.all()
    assert {case.form for case in cases} == {"khien-trach", "canh-cao", "dinh-chi"}
    assert all(case.candidate_number.startswith("61999") for case in cases)
    assert IncidentLine.objects.count() == 2
    assert session_figures(combined).totals["suspensions"] == 1

    daily = Report.objects.filter(kind=ReportKind.DAILY)
    assert {(r.site.code, r.report_date.day) for r in daily} == {
        ("C01", 9),
        ("C15", 9),
        ("C15", 10),
    }
    assert {r.site.code for r in Report.objects.filter(kind=ReportKind.FINAL)} == {"C01", "C15"}
    assert not Report.objects.filter(kind__in=[ReportKind.DAILY, ReportKind.FINAL], is_late=True)


def test_every_report_was_sent_by_a_user_of_its_site_with_fictional_details(seeded):
    for version in ReportVersion.objects.select_related("report__site", "submitted_by"):
        assert version.report.site.memberships.filter(user=version.submitted_by).exists()
        assert version.sender_phone.startswith("0123 456 7")
        assert version.submitted_by.email.endswith("@example.org")
        assert version.submitted_at.year == 2020


def test_the_site_accounts_made_for_the_demo_cannot_log_in(seeded):
    made = get_user_model().objects.get(username="diemthi-c02")
    assert not made.has_usable_password()
    assert made.site_memberships.get().site.code == "C02"
    # The demo's own site accounts keep their demo password.
    assert get_user_model().objects.get(username="diemthi-c15").has_usable_password()


def test_the_follow_up_prepared_one_draft_per_session_for_the_office(seeded):
    drafts = Article.objects.filter(category__slug=SESSION_NEWS_CATEGORY, status=Status.DRAFT)

    assert drafts.count() == 4
    for session in sessions():
        follow_up = SessionFollowUp.objects.get(session=session)
        assert follow_up.missing_notified_at is not None
        article = drafts.get(pk=follow_up.article_id)
        assert list(article.sessions.all()) == [session]
    assert not Article.objects.published().filter(pk__in=drafts).exists()


def test_loading_the_demo_reports_mails_nobody(seeded):
    assert not Message.objects.exists()


def test_loading_the_demo_reports_twice_adds_nothing(seeded):
    def counts():
        return [
            model.objects.count()
            for model in (
                Report,
                ReportVersion,
                DisciplineCase,
                IncidentLine,
                SessionFollowUp,
                Article,
                Message,
                get_user_model(),
            )
        ]

    before = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert seed_reports() == 0

    assert counts() == before
