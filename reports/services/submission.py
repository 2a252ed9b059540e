"""Submitting site reports: checked, stored once, never changed, and told to the people who must know.

Every function takes the acting user and the site; the caller (a view of /diem-thi/) has already
checked that the user acts for that site, and these functions check it again: a report is never
stored for a site its sender does not act for.

Once-only: a submission carries the key drawn when its form was shown. The same key posted again
(double click, retried POST, a worker replaying a request) returns the version stored the first
time. Two different forms for the same quick report (two tabs) cannot both become the first
version: the second is refused as "already sent", with what was typed kept, and can be sent as an
amendment. An amendment names the version it corrects; if another amendment came in between, it is
refused the same way, so nobody overwrites a correction they have not seen."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from exams.models import ExamSite, Session
from exams.selectors import sites_for_user
from reports.models import (
    DisciplineCase,
    IncidentLine,
    Report,
    ReportKind,
    ReportVersion,
)
from reports.services.states import _when, deadline_of
from reports.services.telling import _notify
from reports.services.validation import CASE_FIELDS, FIELDS, INCIDENT_FIELDS, _validate

# Codes of the refusals that concern the report's state, not what was typed: the caller shows the
# form again, as typed, and offers an amendment.
ALREADY_SENT_CODE, STALE_CODE = "already_sent", "stale"
ALREADY_SENT = (
    "Báo cáo này đã được gửi lúc {when} (biên nhận số {receipt}). Nội dung anh/chị vừa nhập "
    "chưa được gửi và vẫn còn trên biểu mẫu: nếu cần sửa, hãy gửi dưới dạng đính chính, ghi rõ "
    "lý do."
)
STALE = (
    "Báo cáo đã được đính chính lúc {when} (biên nhận số {receipt}) sau khi anh/chị mở biểu mẫu. "
    "Nội dung anh/chị vừa nhập chưa được gửi và vẫn còn trên biểu mẫu: xin xem bản mới nhất rồi "
    "gửi lại."
)


@dataclass(frozen=True)
class Submission:
    """What a site user sent: the version stored, and whether this call stored it (False when the
    same key had been sent before)."""

    version: ReportVersion
    created: bool

    @property
    def report(self) -> Report:
        return self.version.report


def report_submit(
    *,
    site: ExamSite,
    user,
    kind: str,
    submission_key: uuid.UUID | str,
    values: dict,
    cases: list[dict] | None = None,
    incidents: list[dict] | None = None,
    session: Session | None = None,
    report_date: dt.date | None = None,
    report: Report | None = None,
    amends: int | None = None,
    reason: str = "",
    now: dt.datetime | None = None,
) -> Submission:
    """Store a first version, or, with `report` and `amends` (the number of the version the
    sender corrected), an amendment. An urgent report's first submission is always a new report.

    Raises ValidationError with Vietnamese messages (a dict when about fields) and stores nothing
    then; PermissionDenied when the user does not act for the site or the report is another's.
    """
    now = now or timezone.now()
    if (amends is None) != (report is None):
        raise ValueError("An amendment names both the report and the version it corrects.")
    if report is not None:
        kind, session, report_date = report.kind, report.session, report.report_date
    key = uuid.UUID(str(submission_key))
    cases = [dict(case) for case in cases or []]
    incidents = [dict(line) for line in incidents or []]
    if not sites_for_user(user).filter(pk=site.pk).exists():
        raise PermissionDenied("Người dùng không thuộc điểm thi này.")
    if session is not None and session.round.exam_id != site.exam_id:
        raise ValidationError("Buổi thi không thuộc kỳ thi của điểm thi.")
    # A figure left out, or given as None, keeps its default (0, sealed): only the columns that
    # may be empty (the candidates' counts, which the checks require) are kept as None.
    values = {
        name: values[name]
        for name in FIELDS[kind]
        if name in values and (values[name] is not None or ReportVersion._meta.get_field(name).null)
    }
    if kind == ReportKind.QUICK and session is None:
        raise ValidationError({"session": ["Xin chọn buổi thi của báo cáo nhanh."]})
    if kind == ReportKind.DAILY and report_date is None:
        raise ValidationError({"report_date": ["Xin chọn ngày của báo cáo cuối ngày."]})

    again = _stored_with_key(key, site)
    if again is not None:
        return again
    _validate(kind, values, cases, session=session, now=now)
    if amends is not None and not reason.strip():
        raise ValidationError({"amendment_reason": ["Xin ghi lý do đính chính."]})

    try:
        with transaction.atomic():
            report = _report_for_update(
                site=site,
                kind=kind,
                session=session,
                report_date=report_date,
                amending=report,
                now=now,
            )
            # The same form, stored while we waited for the lock (or, for an urgent report,
            # since the check above). Keep nothing of this call: an urgent report's row made just
            # now would otherwise be committed empty.
            again = _stored_with_key(key, site)
            if again is not None:
                transaction.set_rollback(True)
                return again
            if amends is None and report.version_count:
                raise ValidationError(_already(ALREADY_SENT, report), code=ALREADY_SENT_CODE)
            if amends is not None and amends != report.version_count:
                raise ValidationError(_already(STALE, report), code=STALE_CODE)
            version = _store_version(
                report=report,
                user=user,
                key=key,
                values=values,
                cases=cases,
                incidents=incidents,
                reason=reason.strip() if amends is not None else "",
                now=now,
            )
            _notify(version)
    except IntegrityError:
        # A concurrent request with the same key stored it first (the unique key held).
        again = _stored_with_key(key, site)
        if again is None:
            raise
        return again
    return Submission(version, created=True)


def _stored_with_key(key: uuid.UUID, site: ExamSite) -> Submission | None:
    version = (
        ReportVersion.objects.select_related("report__site", "report__session")
        .filter(submission_key=key)
        .first()
    )
    if version is None:
        return None
    if version.report.site_id != site.pk:
        raise PermissionDenied("Khóa gửi thuộc báo cáo của điểm thi khác.")
    return Submission(version, created=False)


def _already(template: str, report: Report) -> str:
    latest = report.latest
    return template.format(when=_when(latest.submitted_at), receipt=latest.receipt_number)


def _report_for_update(*, site, kind, session, report_date, amending, now) -> Report:
    """The report row, locked. An amendment's report must be the site's; a first submission of a
    kind that has one row per site and session, day or exam creates that row (empty) or finds the
    one another request made; an urgent report always gets a new row."""
    if amending is not None:
        found = Report.objects.select_for_update().filter(pk=amending.pk, site=site).first()
        if found is None:
            raise PermissionDenied("Báo cáo không thuộc điểm thi này.")
        return found
    if kind == ReportKind.URGENT:
        return Report.objects.create(site=site, kind=kind, session=session, first_submitted_at=now)
    lookup = {"site": site, "kind": kind}
    if kind == ReportKind.QUICK:
        lookup["session"] = session
    elif kind == ReportKind.DAILY:
        lookup["report_date"] = report_date
    found = Report.objects.select_for_update().filter(**lookup).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Report.objects.create(**lookup, first_submitted_at=now)
    except IntegrityError:
        # Another request created it a moment ago: its transaction has ended, decide on its row.
        return Report.objects.select_for_update().get(**lookup)


def _store_version(*, report, user, key, values, cases, incidents, reason, now) -> ReportVersion:
    deadline = deadline_of(
        kind=report.kind, session=report.session, report_date=report.report_date, site=report.site
    )
    late = deadline is not None and now > deadline
    version = ReportVersion.objects.create(
        report=report,
        number=report.version_count + 1,
        submission_key=key,
        amendment_reason=reason,
        submitted_at=now,
        submitted_by=user,
        is_late=late,
        **values,
    )
    DisciplineCase.objects.bulk_create(
        DisciplineCase(version=version, **{k: case.get(k, "") for k in CASE_FIELDS})
        for case in cases
    )
    IncidentLine.objects.bulk_create(
        IncidentLine(version=version, **{k: line.get(k, "") for k in INCIDENT_FIELDS})
        for line in incidents
    )
    first = report.version_count == 0
    report.version_count += 1
    report.latest = version
    fields = ["version_count", "latest"]
    if first:
        report.first_submitted_at, report.is_late = now, late
        fields += ["first_submitted_at", "is_late"]
    report.save(update_fields=fields)
    return version
