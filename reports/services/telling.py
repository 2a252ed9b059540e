"""Who is told of a stored report version, and how: the standing members' digest, and at once for
an urgent report, a serious incident or a suspension."""

from __future__ import annotations

from django.urls import reverse

from core.vietnamese import format_datetime, format_rate
from notifications.models import Delivery, Recipient
from notifications.services import notify
from reports.events import ReportEvent
from reports.figures import rate
from reports.models import (
    ReportKind,
    ReportVersion,
    Severity,
)


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
        event = ReportEvent.URGENT
        subject = f"BÁO CÁO ĐỘT XUẤT – {report.site.code}: {version.title}"
        paragraphs = [version.body, f"Biện pháp đã xử lý: {version.action_taken or 'chưa ghi'}"]
    elif version.number > 1:
        event = ReportEvent.AMENDED
        subject = f"Đính chính {report.get_kind_display().lower()} – {report.site.code} · "
        subject += report.subject_label
        paragraphs = [f"Lý do đính chính: {version.amendment_reason}"]
    else:
        event = ReportEvent.SUBMITTED
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
        "event": ReportEvent.URGENT if alarming else event,
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
        if event != ReportEvent.URGENT:
            notify(event=ReportEvent.URGENT, urgent=True, **common)
    # Subscribers of the report's own event, as they chose.
    notify(event=event, **common)
    if not alarming:
        # The standing members: the digest for ordinary reports.
        notify(**standing, **common)
