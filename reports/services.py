"""Submitting site reports: checked, stored once, never changed, and told to the people who must know.

Every function takes the acting user and the site; the caller (a view of /diem-thi/) has already
checked that the user acts for that site, and these functions check it again: a report is never
stored for a site its sender does not act for.

Once-only: a submission carries the key drawn when its form was shown. The same key posted again
(double click, retried POST, a worker replaying a request) returns the version stored the first
time. Two different forms for the same quick report (two tabs) cannot both become the first
version: the second is refused as "already sent", with what was typed kept, and can be sent as an
amendment. An amendment names the version it corrects; if another amendment came in between, it is
refused the same way, so nobody overwrites a correction they have not seen.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.vietnamese import format_date, format_datetime, format_rate
from exams.models import ExamSite, Session, SessionKind
from exams.selectors import sites_for_user
from notifications.models import Delivery, Event, Recipient
from notifications.services import notify
from reports.figures import rate
from reports.models import (
    CANDIDATE_FIGURES,
    DISCIPLINE_FIGURES,
    PAPER_FIGURES,
    STAFF_FIGURES,
    DisciplineCase,
    DisciplineForm,
    IncidentLine,
    Report,
    ReportKind,
    ReportVersion,
    Severity,
    daily_deadline,
)

# Fields of ReportVersion a submission may set, by kind (the rest keep their defaults).
COMMON_FIELDS = ("sender_name", "sender_phone", "proposals")
QUICK_FIELDS = (
    *CANDIDATE_FIGURES,
    *DISCIPLINE_FIGURES,
    *STAFF_FIGURES,
    "staff_notes",
    "seals_intact",
    *PAPER_FIGURES,
    "papers_notes",
)
URGENT_FIELDS = ("incident_category", "severity", "title", "body", "action_taken")
PERIODIC_FIELDS = (
    "body",
    "registered",
    "present",
    "absent",
    "reprimands",
    "warnings",
    "suspensions",
    "staff_violations",
)
FIELDS = {
    ReportKind.QUICK: COMMON_FIELDS + QUICK_FIELDS,
    ReportKind.URGENT: COMMON_FIELDS + URGENT_FIELDS,
    ReportKind.DAILY: COMMON_FIELDS + PERIODIC_FIELDS,
    ReportKind.FINAL: COMMON_FIELDS + PERIODIC_FIELDS,
}
ABSENT_REASONS = ("absent_gave_up", "absent_ill", "absent_covid", "absent_exempt", "absent_other")
COUNT_OF_FORM = {
    DisciplineForm.REPRIMAND: "reprimands",
    DisciplineForm.WARNING: "warnings",
    DisciplineForm.SUSPENSION: "suspensions",
}
CASE_FIELDS = ("candidate_number", "room", "form", "description", "record_number")
INCIDENT_FIELDS = ("category", "severity", "description", "action_taken")

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


# --- deadlines and states --------------------------------------------------------------------------


def deadline_of(*, kind: str, session: Session | None, report_date: dt.date | None, site):
    """When a report is due, or None for an urgent report (never late)."""
    if kind == ReportKind.QUICK:
        return session.report_deadline
    if kind == ReportKind.DAILY:
        return daily_deadline(report_date)
    if kind == ReportKind.FINAL:
        end = site.exam.end_date + dt.timedelta(days=settings.REPORTS_FINAL_DEADLINE_DAYS)
        return daily_deadline(end)
    return None


class State:
    NOT_OPEN = "not_open"
    OPEN = "open"
    OVERDUE = "overdue"
    ON_TIME = "on_time"
    LATE = "late"
    AMENDED = "amended"

    LABELS = {
        NOT_OPEN: "Chưa đến giờ báo cáo",
        OPEN: "Đang chờ báo cáo",
        OVERDUE: "Quá hạn, chưa gửi",
        ON_TIME: "Đã gửi đúng hạn",
        LATE: "Đã gửi muộn",
        AMENDED: "Đã đính chính",
    }


def quick_report_state(*, session: Session, report: Report | None, now: dt.datetime) -> str:
    if report is not None:
        if report.is_amended:
            return State.AMENDED
        return State.LATE if report.is_late else State.ON_TIME
    if now < session.starts_at:
        return State.NOT_OPEN
    return State.OVERDUE if now > session.report_deadline else State.OPEN


# --- checking ---------------------------------------------------------------------------------------


def _require(condition: bool, errors: dict, field: str, message: str) -> None:
    if not condition:
        errors.setdefault(field, []).append(message)


def validate_quick(values: dict, cases: list[dict]) -> None:
    """The checks of a quick report's figures, with a message for each field that is wrong.
    Raises ValidationError(dict)."""
    errors: dict[str, list[str]] = {}
    for name in QUICK_FIELDS:
        value = values.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and value < 0:
            errors.setdefault(name, []).append("Số liệu không được âm.")
    for name in ("rooms", "registered", "present", "absent"):
        if values.get(name) is None:
            errors.setdefault(name, []).append("Xin ghi số liệu này (ghi 0 nếu không có).")
    if errors:
        raise ValidationError(errors)
    registered, present, absent = values["registered"], values["present"], values["absent"]
    _require(
        present + absent == registered,
        errors,
        "absent",
        f"Số có mặt ({present}) cộng số vắng ({absent}) phải bằng số thí sinh đăng ký "
        f"({registered}); hiện là {present + absent}.",
    )
    reasons = sum(values.get(name) or 0 for name in ABSENT_REASONS)
    _require(
        reasons == absent,
        errors,
        "absent_other",
        f"Tổng số vắng theo từng lý do ({reasons}) phải bằng số vắng mặt ({absent}).",
    )
    _require(
        (values.get("late_admitted") or 0) <= present,
        errors,
        "late_admitted",
        "Số thí sinh đến muộn được dự thi không thể lớn hơn số có mặt.",
    )
    _require(
        (values.get("staff_replaced") or 0)
        <= (values.get("staff_absent") or 0) + (values.get("staff_violations") or 0),
        errors,
        "staff_replaced",
        "Số cán bộ thay thế không thể lớn hơn số cán bộ vắng cộng số cán bộ vi phạm.",
    )
    for form, count_field in COUNT_OF_FORM.items():
        lines = sum(1 for case in cases if case.get("form") == form)
        count = values.get(count_field) or 0
        _require(
            lines == count,
            errors,
            count_field,
            f"Đã ghi {count} trường hợp {form.label.lower()} nhưng có {lines} dòng chi tiết; "
            "mỗi trường hợp cần một dòng (số báo danh, phòng thi, hình thức, xử lý, số biên bản).",
        )
    disciplined = sum(values.get(name) or 0 for name in COUNT_OF_FORM.values())
    _require(
        disciplined <= present,
        errors,
        "reprimands",
        "Số thí sinh bị xử lý kỷ luật không thể lớn hơn số có mặt.",
    )
    if errors:
        raise ValidationError(errors)


def validate_urgent(values: dict) -> None:
    errors: dict[str, list[str]] = {}
    _require(bool(values.get("title")), errors, "title", "Xin ghi tiêu đề sự việc.")
    _require(bool(values.get("body")), errors, "body", "Xin mô tả sự việc.")
    _require(values.get("severity") in Severity.values, errors, "severity", "Xin chọn mức độ.")
    if errors:
        raise ValidationError(errors)


def validate_periodic(values: dict) -> None:
    errors: dict[str, list[str]] = {}
    _require(bool(values.get("body")), errors, "body", "Xin ghi nội dung báo cáo.")
    for name in ("registered", "present", "absent", "reprimands", "warnings", "suspensions"):
        value = values.get(name)
        if value is not None and value < 0:
            errors.setdefault(name, []).append("Số liệu không được âm.")
    registered, present, absent = (values.get(k) for k in ("registered", "present", "absent"))
    if None not in (registered, present, absent) and not errors:
        _require(
            present + absent == registered,
            errors,
            "absent",
            f"Số có mặt ({present}) cộng số vắng ({absent}) phải bằng số thí sinh đăng ký "
            f"({registered}).",
        )
    if errors:
        raise ValidationError(errors)


def _validate(kind, values, cases, *, session, now) -> None:
    if kind == ReportKind.QUICK:
        if session.kind != SessionKind.EXAM:
            raise ValidationError("Buổi này không phải buổi thi; không có báo cáo nhanh.")
        if now < session.starts_at:
            raise ValidationError(
                f"Buổi thi chưa bắt đầu (bắt đầu lúc {_when(session.starts_at)}); "
                "chỉ gửi báo cáo nhanh sau giờ bắt đầu.",
                code="not_started",
            )
        validate_quick(values, cases)
    elif kind == ReportKind.URGENT:
        validate_urgent(values)
    else:
        validate_periodic(values)
    errors: dict[str, list[str]] = {}
    _require(bool(values.get("sender_name")), errors, "sender_name", "Xin ghi họ tên người gửi.")
    _require(
        bool(values.get("sender_phone")),
        errors,
        "sender_phone",
        "Xin ghi số điện thoại để Ban Chỉ đạo liên hệ khi cần.",
    )
    if errors:
        raise ValidationError(errors)


# --- submitting -----------------------------------------------------------------------------------


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


def _when(moment: dt.datetime) -> str:
    """10:05 ngày 9/8/2020, as the receipts say it."""
    return f"{timezone.localtime(moment):%H:%M} ngày {format_date(moment)}"


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


# --- telling --------------------------------------------------------------------------------------


def _standing_members():
    return Recipient.objects.filter(is_standing=True, is_active=True)


def is_alarming(version: ReportVersion) -> bool:
    """Sent at once, not in the digest: an urgent report, a high-severity incident, a suspension."""
    return (
        version.report.kind == ReportKind.URGENT
        or version.severity == Severity.HIGH
        or version.suspensions > 0
        or version.incidents.filter(severity=Severity.HIGH).exists()
    )


def _facts(version: ReportVersion) -> list[tuple[str, str]]:
    report = version.report
    facts = [
        ("Điểm thi", f"{report.site.code} — {report.site.name}"),
        ("Loại báo cáo", report.get_kind_display()),
    ]
    if report.subject_label:
        facts.append(("Buổi, ngày", report.subject_label))
    facts += [
        ("Gửi lúc", format_datetime(version.submitted_at)),
        ("Biên nhận", version.receipt_number),
        ("Người gửi", f"{version.sender_name} — {version.sender_phone}"),
    ]
    if version.number > 1:
        facts.append(("Đính chính lần", str(version.number - 1)))
    if version.is_late:
        facts.append(("Tình trạng", "Gửi sau hạn"))
    if version.registered is not None:
        attendance = format_rate(rate(version.present, version.registered))
        facts += [
            ("Thí sinh đăng ký", str(version.registered)),
            ("Có mặt / vắng", f"{version.present} / {version.absent} (tỷ lệ dự thi {attendance})"),
            (
                "Kỷ luật thí sinh",
                f"khiển trách {version.reprimands}, cảnh cáo {version.warnings}, "
                f"đình chỉ thi {version.suspensions}",
            ),
        ]
    if version.severity:
        facts.append(("Mức độ", version.get_severity_display()))
    return facts


def _notify(version: ReportVersion) -> None:
    report = version.report
    alarming = is_alarming(version)
    paragraphs = []
    if report.kind == ReportKind.URGENT:
        event = Event.REPORT_URGENT
        subject = f"BÁO CÁO ĐỘT XUẤT – {report.site.code}: {version.title}"
        paragraphs = [version.body, f"Biện pháp đã xử lý: {version.action_taken or 'chưa ghi'}"]
    elif version.number > 1:
        event = Event.REPORT_AMENDED
        subject = f"Đính chính {report.get_kind_display().lower()} – {report.site.code} · "
        subject += report.subject_label
        paragraphs = [f"Lý do đính chính: {version.amendment_reason}"]
    else:
        event = Event.REPORT_SUBMITTED
        subject = f"{report.get_kind_display()} – {report.site.code} · {report.subject_label}"
    lines = [
        f"{line.get_severity_display()}: {line.description}" for line in version.incidents.all()
    ]
    if lines:
        paragraphs.append("Sự việc bất thường: " + "; ".join(lines))
    if version.proposals:
        paragraphs.append(f"Đề xuất: {version.proposals}")
    common = {
        "subject": subject[:300],
        "dedupe_key": f"reports:version:{version.pk}",
        "context": {
            "paragraphs": [p for p in paragraphs if p],
            "facts": _facts(version),
            "url": reverse("reports:dashboard-site", args=[report.site_id]),
        },
    }
    standing = {
        "event": Event.REPORT_URGENT if alarming else event,
        "urgent": alarming,
        "recipients": _standing_members(),
        "delivery": Delivery.IMMEDIATE if alarming else Delivery.DIGEST,
    }
    # One key for every call: the outbox keeps one row per key and recipient, so a standing member
    # who also subscribes hears of the version once, through the first call that reaches them.
    # Hence the order: what goes out at once first; else a subscriber's own choice before the
    # standing members' digest.
    if alarming:
        # The standing members at once; subscribers of urgent reports hear of a suspension or a
        # serious incident as well.
        notify(**standing, **common)
        if event != Event.REPORT_URGENT:
            notify(event=Event.REPORT_URGENT, urgent=True, **common)
    # Subscribers of the report's own event, as they chose.
    notify(event=event, **common)
    if not alarming:
        # The standing members: the digest for ordinary reports.
        notify(**standing, **common)
