"""What a submission may set, by kind of report, and the checks of the figures (present + absent =
registered, counts not negative, ...), with their Vietnamese messages."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from exams.models import SessionKind
from reports.models import (
    CANDIDATE_FIGURES,
    DISCIPLINE_FIGURES,
    PAPER_FIGURES,
    STAFF_FIGURES,
    DisciplineForm,
    ReportKind,
    Severity,
)
from reports.services.states import _when

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
