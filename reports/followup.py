"""What happens after a session without anyone acting, each thing once (beat: every minute).

At the quick-report deadline the sites that have not reported get a reminder and the standing
members get the list of missing sites. Once every site has reported, or the deadline has passed,
a draft article "Tình hình buổi thi …" with the province's figures is prepared in the news column
for the Office to review and publish; nothing is published here.

Once-only rests on the `SessionFollowUp` row, locked while it is decided, and on the outbox's
dedupe keys (a second run, or two beats at once, write no second message).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.vietnamese import format_count, format_date, format_datetime, format_rate
from exams.models import Session, SessionKind
from exams.selectors import current_exam
from news.services import article_draft_prepare
from notifications.models import Delivery, Recipient
from notifications.services import notify
from reports.events import ReportEvent
from reports.figures import SessionFigures, session_figures
from reports.models import SessionFollowUp

logger = logging.getLogger(__name__)

# Sessions older than this are left alone: the beat is not the place to catch up a past exam.
LOOKBACK = dt.timedelta(days=2)


def sessions_follow_up(*, now: dt.datetime | None = None) -> int:
    """Follow up every session of the current exam that started within LOOKBACK. Returns how
    many sessions had something done."""
    now = now or timezone.now()
    exam = current_exam()
    if exam is None:
        return 0
    since = timezone.localdate(now - LOOKBACK)
    sessions = Session.objects.filter(
        round__exam=exam, kind=SessionKind.EXAM, date__gte=since, date__lte=timezone.localdate(now)
    ).select_related("round__exam")
    return sum(session_follow_up(session=session, now=now) for session in sessions)


def session_follow_up(*, session: Session, now: dt.datetime) -> bool:
    if now < session.starts_at:
        return False
    deadline_passed = now > session.report_deadline
    done = False
    with transaction.atomic():
        follow_up, _created = SessionFollowUp.objects.get_or_create(session=session)
        follow_up = SessionFollowUp.objects.select_for_update().get(pk=follow_up.pk)
        figures = session_figures(session)
        if deadline_passed and follow_up.missing_notified_at is None:
            _tell_missing(session, figures)
            follow_up.missing_notified_at = now
            done = True
        ready = figures.complete or deadline_passed
        if ready and figures.reported and follow_up.article_id is None:
            article = _draft_article(session, figures)
            follow_up.article_id, follow_up.article_drafted_at = article.pk, now
            done = True
        if done:
            follow_up.save()
    return done


def _tell_missing(session: Session, figures: SessionFigures) -> None:
    missing = figures.missing
    if not missing:
        return
    for row in missing:
        users = [m.user for m in row.site.memberships.select_related("user") if m.user.is_active]
        if not users:
            continue
        notify(
            event=ReportEvent.REMINDER,
            subject=f"Nhắc gửi báo cáo nhanh: {session}"[:300],
            dedupe_key=f"reports:reminder:{session.pk}:{row.site.pk}",
            users=users,
            urgent=True,
            context={
                "paragraphs": [
                    f"Điểm thi {row.site.code} — {row.site.name} chưa gửi báo cáo nhanh của "
                    f"{session}. Hạn gửi là {format_datetime(session.report_deadline)}.",
                    "Xin gửi ngay trên trang điểm thi; báo cáo gửi sau hạn vẫn được nhận và "
                    "được ghi là gửi muộn.",
                ],
                "url": reverse("reports:site-detail", args=[row.site.pk]),
            },
        )
    listing = "; ".join(f"{row.site.code} — {row.site.name}" for row in missing)
    common = {
        "subject": (
            f"{len(missing)}/{figures.expected} điểm thi chưa gửi báo cáo nhanh: {session}"
        )[:300],
        "dedupe_key": f"reports:missing:{session.pk}",
        "context": {
            "paragraphs": [
                f"Đến hạn {format_datetime(session.report_deadline)}, "
                f"{figures.reported}/{figures.expected} điểm thi đã gửi báo cáo nhanh của {session}.",
                f"Chưa gửi: {listing}. Các điểm thi này đã được nhắc.",
            ],
            "url": reverse("reports:dashboard-session", args=[session.pk]),
        },
    }
    # The standing members first, at once, then the event's subscribers as they chose; one key,
    # so a standing member who also subscribes gets the list once.
    notify(
        event=ReportEvent.MISSING,
        recipients=Recipient.objects.filter(is_standing=True, is_active=True),
        delivery=Delivery.IMMEDIATE,
        **common,
    )
    notify(event=ReportEvent.MISSING, **common)


def _draft_article(session: Session, figures: SessionFigures):
    totals = figures.totals
    attendance = format_rate(figures.attendance_rate)
    title = (
        f"Tình hình buổi thi {session.get_period_display().lower()} ngày "
        f"{format_date(session.date)}: {session.title}"
    )
    summary = (
        f"Buổi thi {session.title} ({session.get_period_display().lower()} ngày "
        f"{format_date(session.date)}): {format_count(totals['present'])}/"
        f"{format_count(totals['registered'])} thí sinh dự thi, tỷ lệ {attendance}; "
        f"{totals['suspensions']} thí sinh bị đình chỉ thi."
    )
    body = render_to_string(
        "reports/article_draft.html",
        {"session": session, "figures": figures, "totals": totals, "attendance": attendance},
    )
    logger.info("Draft article prepared for session %s", session.pk)
    return article_draft_prepare(
        title=title, summary=summary, body_html=body, sessions=[session], byline="Văn phòng Sở"
    )
