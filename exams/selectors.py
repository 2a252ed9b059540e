"""Reads of the exam calendar and of who acts for which site."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from exams.models import Exam, ExamSite, Session


def current_exam() -> Exam | None:
    return Exam.objects.current()


def exam_calendar(*, exam: Exam | None) -> QuerySet[Session]:
    """Every session of the exam, all rounds, in calendar order, with their papers."""
    if exam is None:
        return Session.objects.none()
    return Session.objects.with_exam().filter(round__exam=exam).order_by("date", "start_time")


def upcoming_sessions(*, exam: Exam | None, now: dt.datetime | None = None, limit: int = 6):
    if exam is None:
        return Session.objects.none()
    return Session.objects.with_exam().filter(round__exam=exam).upcoming(now)[:limit]


def sites_for_user(user) -> QuerySet[ExamSite]:
    """The exam sites the user acts for; nothing for anyone else, superusers included."""
    if not user.is_authenticated:
        return ExamSite.objects.none()
    return ExamSite.objects.filter(memberships__user=user).select_related("exam").distinct()


def running_session(*, at: dt.datetime) -> Session | None:
    """The exam session of the current exam under way at `at` (between its start and its end)."""
    from django.utils import timezone

    exam = current_exam()
    if exam is None:
        return None
    local_day = timezone.localdate(at)
    for session in Session.objects.filter(round__exam=exam, date=local_day).order_by("start_time"):
        if session.kind == "thi" and session.starts_at <= at <= session.ends_at:
            return session
    return None
