"""Bench data for the site-report benchmark (run by run.py with the portal's environment).

    python bench/site_reports/load.py <sites> <out.json>

A current exam with one exam session that started ten minutes ago (its quick reports are open and
not yet late), N exam sites registered for it with 500 candidates each, one site user per site
logged in (a database session written here: the benchmark measures reporting, not password
hashing), a Steering Committee user, and two standing members to be notified. Writes the session
id, the site ids and the session keys to out.json.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import django

django.setup()

from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.utils import timezone  # noqa: E402

from exams.models import Exam, ExamSite, Round, Session, SiteMembership, SiteSession  # noqa: E402
from exams.roles import Role  # noqa: E402
from notifications.models import Recipient, RecipientRole  # noqa: E402


def logged_in(user) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def main(count: int, out: str) -> None:
    now = timezone.localtime()
    start = (now - dt.timedelta(minutes=10)).replace(second=0, microsecond=0)
    exam = Exam.objects.create(
        year=2020,
        title="Kỳ thi tốt nghiệp THPT năm 2020",
        start_date=start.date(),
        end_date=start.date(),
        is_current=True,
    )
    round_1 = Round.objects.create(exam=exam, number=1, name="Đợt 1")
    # Long enough to stay open for the whole run, ending the same day.
    minutes_left = int((start.replace(hour=23, minute=0) - start).total_seconds() // 60)
    session = Session.objects.create(
        round=round_1,
        date=start.date(),
        period="sang" if start.hour < 12 else "chieu",
        title="Ngữ văn",
        start_time=start.time(),
        duration_minutes=max(30, min(180, minutes_left)),
        report_deadline_minutes=240,
    )
    site_group = Group.objects.get(name=Role.SITE)
    users = get_user_model().objects
    sites = []
    for number in range(1, count + 1):
        site = ExamSite.objects.create(
            exam=exam,
            code=f"B{number:03d}",
            name=f"Điểm thi thử tải {number}",
            district="tp-ca-mau",
        )
        SiteSession.objects.create(site=site, session=session, registered_candidates=500, rooms=21)
        user = users.create_user(username=f"bench-site-{number}", email=f"site{number}@example.org")
        user.set_unusable_password()
        user.save()
        user.groups.add(site_group)
        SiteMembership.objects.create(site=site, user=user)
        sites.append({"id": site.pk, "code": site.code, "cookie": logged_in(user)})
    steering = users.create_user(username="bench-steering", email="steering@example.org")
    steering.groups.add(Group.objects.get(name=Role.STEERING))
    for slug, role in (
        ("pho-truong-ban", RecipientRole.STANDING_DEPUTY),
        ("hdt", RecipientRole.COUNCIL_CHAIR),
    ):
        Recipient.objects.create(
            name=f"Thường trực {slug}", role=role, email=f"{slug}@example.org", is_standing=True
        )
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(
            {"session": session.pk, "sites": sites, "steering_cookie": logged_in(steering)}, handle
        )


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
