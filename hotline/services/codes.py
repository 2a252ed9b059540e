"""Ticket codes, working days and due dates, and the triage of a new ticket."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from exams.selectors import running_session
from hotline.models import (
    URGENT_CATEGORIES,
    Priority,
    TicketSequence,
)

# The shape of a ticket code, HL-2020-000123.
TICKET_CODE = re.compile(r"HL-\d{4}-\d{6}")

# One template trio for what the submitter receives: the acknowledgement and each reply.
SUBMITTER_TEMPLATE = "hotline/emails/submitter"
# Public holidays on fixed solar dates (Bộ luật Lao động 2019, Article 112). Tết and the Hùng
# Kings' day move with the lunar calendar: staff list them in HOTLINE_HOLIDAYS.
FIXED_HOLIDAYS = {(1, 1), (4, 30), (5, 1), (9, 2)}


def next_code(*, year: int) -> str:
    """The next ticket code of the year, `HL-2020-000123`.

    Guarantees: the number is one more than any number given before in that year, even if that
    ticket was rolled back or removed; concurrent callers get different numbers (the sequence row
    is locked by the update until the caller's transaction ends).
    """
    with transaction.atomic():
        if not TicketSequence.objects.filter(year=year).update(last_number=F("last_number") + 1):
            try:
                with transaction.atomic():
                    TicketSequence.objects.create(year=year, last_number=1)
            except IntegrityError:  # another submission created the year's row first
                TicketSequence.objects.filter(year=year).update(last_number=F("last_number") + 1)
        number = TicketSequence.objects.get(year=year).last_number
    return f"HL-{year}-{number:06d}"


def is_working_day(day: dt.date) -> bool:
    return (
        day.weekday() < 5
        and (day.month, day.day) not in FIXED_HOLIDAYS
        and day not in settings.HOTLINE_HOLIDAYS
    )


def add_working_days(start: dt.datetime, days: int) -> dt.datetime:
    """The same local time of day on the `days`-th working day after `start`'s day."""
    local = timezone.localtime(start)
    day = local.date()
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return timezone.make_aware(dt.datetime.combine(day, local.time().replace(microsecond=0)))


@dataclass(frozen=True)
class Triage:
    due_at: dt.datetime
    priority: str
    session: object | None  # the exam session running when the report came, if any


def triage(*, category: str, received_at: dt.datetime) -> Triage:
    """The due date and priority a new ticket starts with.

    A question, a suggestion or anything else is due in HOTLINE_QUESTION_WORKING_DAYS working days
    (15, Nghị định 43/2011). A report of wrongdoing or an incident made while a session is running
    is due within HOTLINE_URGENT_DUE_HOURS hours and is urgent; at another time within
    HOTLINE_REPORT_DUE_HOURS hours, with a high priority.
    """
    if category in URGENT_CATEGORIES:
        session = running_session(at=received_at)
        if session is not None:
            hours, priority = settings.HOTLINE_URGENT_DUE_HOURS, Priority.URGENT
        else:
            hours, priority = settings.HOTLINE_REPORT_DUE_HOURS, Priority.HIGH
        return Triage(received_at + dt.timedelta(hours=hours), priority, session)
    due = add_working_days(received_at, settings.HOTLINE_QUESTION_WORKING_DAYS)
    return Triage(due, Priority.NORMAL, None)
