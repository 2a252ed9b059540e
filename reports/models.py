"""Reports from the exam sites to the Steering Committee.

A `Report` is what a site sends about one thing: the quick report of a session (one per site and
session), an urgent report (as many as happen), the end-of-day report (one per site and day) and
the final report (one per site and exam). What was sent is never edited nor deleted: every
submission, the first and each amendment, is a `ReportVersion` with its own receipt, and the report
points at its latest version, which the dashboard counts.

A submission carries a key drawn when its form was shown (`submission_key`, unique): the same form
posted twice (a double click, a retried POST) finds the version it made the first time.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.vietnamese import format_date
from exams.models import ExamSite, Session


class ReportKind(models.TextChoices):
    QUICK = "nhanh", _("Báo cáo nhanh buổi thi")
    URGENT = "dot-xuat", _("Báo cáo đột xuất")
    DAILY = "cuoi-ngay", _("Báo cáo cuối ngày")
    FINAL = "tong-ket", _("Báo cáo kết thúc kỳ thi")


class Severity(models.TextChoices):
    LOW = "thap", _("Thấp")
    MEDIUM = "trung-binh", _("Trung bình")
    HIGH = "cao", _("Nghiêm trọng")


class IncidentCategory(models.TextChoices):
    HEALTH = "suc-khoe", _("Sức khỏe thí sinh, cán bộ")
    COVID = "covid", _("Phòng, chống dịch COVID-19")
    SECURITY = "an-ninh", _("Trật tự, an ninh")
    POWER_WEATHER = "dien-thoi-tiet", _("Mất điện, thời tiết")
    LEAK = "lo-de", _("Nghi lộ đề thi")
    PAPERS = "de-thi", _("Đề thi, bài thi")
    OTHER = "khac", _("Khác")


class DisciplineForm(models.TextChoices):
    """Thông tư 15/2020, Article 54."""

    REPRIMAND = "khien-trach", _("Khiển trách")
    WARNING = "canh-cao", _("Cảnh cáo")
    SUSPENSION = "dinh-chi", _("Đình chỉ thi")


# The figures of a quick report, by part of the form (ReportVersion's columns).
CANDIDATE_FIGURES = (
    "rooms",
    "registered",
    "present",
    "absent",
    "absent_gave_up",
    "absent_ill",
    "absent_covid",
    "absent_exempt",
    "absent_other",
    "late_admitted",
)
DISCIPLINE_FIGURES = ("reprimands", "warnings", "suspensions")
STAFF_FIGURES = ("staff_violations", "staff_absent", "staff_replaced")
PAPER_FIGURES = ("papers_missing", "papers_misprinted", "reserve_papers_used")


class ReportQuerySet(models.QuerySet):
    def quick(self) -> ReportQuerySet:
        return self.filter(kind=ReportKind.QUICK)

    def with_latest(self) -> ReportQuerySet:
        return self.select_related("site", "session", "latest")


class Report(models.Model):
    site = models.ForeignKey(
        ExamSite, on_delete=models.PROTECT, related_name="reports", verbose_name=_("điểm thi")
    )
    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=ReportKind.choices)
    # The session of a quick report; of an urgent report when it happened in one.
    session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        related_name="reports",
        null=True,
        blank=True,
        verbose_name=_("buổi thi"),
    )
    # The day of an end-of-day report.
    report_date = models.DateField(_("ngày"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(_("gửi lần đầu lúc"))
    is_late = models.BooleanField(_("gửi muộn"), default=False)
    latest = models.OneToOneField(
        "ReportVersion",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        verbose_name=_("bản mới nhất"),
    )
    version_count = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo điểm thi")
        verbose_name_plural = _("báo cáo điểm thi")
        ordering = ["-first_submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "session"],
                condition=Q(kind="nhanh"),
                name="reports_one_quick_report_per_site_session",
                violation_error_message=_("Điểm thi đã gửi báo cáo nhanh của buổi thi này."),
            ),
            models.UniqueConstraint(
                fields=["site", "report_date"],
                condition=Q(kind="cuoi-ngay"),
                name="reports_one_daily_report_per_site_day",
                violation_error_message=_("Điểm thi đã gửi báo cáo cuối ngày này."),
            ),
            models.UniqueConstraint(
                fields=["site"],
                condition=Q(kind="tong-ket"),
                name="reports_one_final_report_per_site",
                violation_error_message=_("Điểm thi đã gửi báo cáo kết thúc kỳ thi."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="nhanh") | Q(session__isnull=False),
                name="reports_quick_report_has_session",
            ),
            models.CheckConstraint(
                condition=~Q(kind="cuoi-ngay") | Q(report_date__isnull=False),
                name="reports_daily_report_has_date",
            ),
        ]
        indexes = [models.Index(fields=["session", "kind"], name="reports_session_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.site.code} · {self.subject_label}"

    def get_absolute_url(self) -> str:
        return reverse("reports:dashboard-report", args=[self.pk])

    @property
    def subject_label(self) -> str:
        if self.kind == ReportKind.DAILY and self.report_date:
            return f"ngày {format_date(self.report_date)}"
        if self.session_id:
            return str(self.session)
        return ""

    @property
    def is_amended(self) -> bool:
        return self.version_count > 1


class ReportVersion(models.Model):
    """One submission of a report, as it was sent. Never changed afterwards."""

    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, related_name="versions", verbose_name=_("báo cáo")
    )
    number = models.PositiveSmallIntegerField(_("lần gửi"), validators=[MinValueValidator(1)])
    submission_key = models.UUIDField(_("khóa gửi"), unique=True, default=uuid.uuid4)
    amendment_reason = models.TextField(_("lý do đính chính"), blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tài khoản gửi"),
    )
    is_late = models.BooleanField(_("gửi sau hạn"), default=False)
    sender_name = models.CharField(_("người gửi"), max_length=200)
    sender_phone = models.CharField(_("số điện thoại người gửi"), max_length=30)

    # Candidates (quick report; the periodic reports carry them too, summed for their period).
    rooms = models.PositiveSmallIntegerField(_("số phòng thi"), null=True, blank=True)
    registered = models.PositiveIntegerField(_("số thí sinh đăng ký"), null=True, blank=True)
    present = models.PositiveIntegerField(_("có mặt"), null=True, blank=True)
    absent = models.PositiveIntegerField(_("vắng mặt"), null=True, blank=True)
    absent_gave_up = models.PositiveIntegerField(_("vắng: bỏ thi"), default=0)
    absent_ill = models.PositiveIntegerField(_("vắng: ốm, tai nạn"), default=0)
    absent_covid = models.PositiveIntegerField(_("vắng: cách ly COVID-19"), default=0)
    absent_exempt = models.PositiveIntegerField(_("vắng: tuyển thẳng"), default=0)
    absent_other = models.PositiveIntegerField(_("vắng: lý do khác"), default=0)
    late_admitted = models.PositiveIntegerField(_("đến muộn được dự thi"), default=0)

    # Discipline of candidates: counts, with one DisciplineCase per case.
    reprimands = models.PositiveIntegerField(_("khiển trách"), default=0)
    warnings = models.PositiveIntegerField(_("cảnh cáo"), default=0)
    suspensions = models.PositiveIntegerField(_("đình chỉ thi"), default=0)

    # Staff.
    staff_violations = models.PositiveIntegerField(_("cán bộ vi phạm quy chế"), default=0)
    staff_absent = models.PositiveIntegerField(_("cán bộ vắng"), default=0)
    staff_replaced = models.PositiveIntegerField(_("cán bộ thay thế"), default=0)
    staff_notes = models.TextField(_("ghi chú về cán bộ"), blank=True)

    # Exam papers.
    seals_intact = models.BooleanField(_("niêm phong đề thi còn nguyên vẹn"), default=True)
    papers_missing = models.PositiveIntegerField(_("đề thi thiếu"), default=0)
    papers_misprinted = models.PositiveIntegerField(_("đề thi in lỗi"), default=0)
    reserve_papers_used = models.PositiveIntegerField(_("đề dự phòng đã dùng"), default=0)
    papers_notes = models.TextField(_("ghi chú về đề thi"), blank=True)

    # Urgent report: what happened; any report: proposals and free text.
    incident_category = models.CharField(
        _("loại sự việc"), max_length=16, choices=IncidentCategory.choices, blank=True
    )
    severity = models.CharField(_("mức độ"), max_length=12, choices=Severity.choices, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=250, blank=True)
    body = models.TextField(_("nội dung"), blank=True)
    action_taken = models.TextField(_("biện pháp đã xử lý"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)

    class Meta:
        verbose_name = _("lần gửi báo cáo")
        verbose_name_plural = _("các lần gửi báo cáo")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="reports_version_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_number} ({self.report})"

    @property
    def receipt_number(self) -> str:
        """The receipt a site is given: year and a number that only goes up."""
        return f"BC-{timezone.localtime(self.submitted_at).year}-{self.pk:06d}"

    @property
    def attendance_rate(self):
        """Present over registered, as a percentage with two decimals, or None."""
        from reports.figures import rate

        return rate(self.present, self.registered)

    @property
    def discipline_total(self) -> int:
        return self.reprimands + self.warnings + self.suspensions

    @property
    def highest_severity(self) -> str:
        """The most serious severity among this version and its incident lines ("" for none)."""
        order = [Severity.HIGH, Severity.MEDIUM, Severity.LOW]
        seen = {self.severity, *(line.severity for line in self.incidents.all())}
        return next((level for level in order if level in seen), "")


class DisciplineCase(models.Model):
    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="cases")
    candidate_number = models.CharField(_("số báo danh"), max_length=12)
    room = models.CharField(_("phòng thi"), max_length=20)
    form = models.CharField(_("hình thức kỷ luật"), max_length=12, choices=DisciplineForm.choices)
    description = models.TextField(_("vi phạm và cách xử lý"))
    record_number = models.CharField(_("số biên bản"), max_length=30)

    class Meta:
        verbose_name = _("trường hợp xử lý kỷ luật")
        verbose_name_plural = _("các trường hợp xử lý kỷ luật")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"SBD {self.candidate_number} · {self.get_form_display()}"


class IncidentLine(models.Model):
    """An unusual event (sự việc bất thường) told in a quick or periodic report."""

    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="incidents")
    category = models.CharField(_("loại sự việc"), max_length=16, choices=IncidentCategory.choices)
    severity = models.CharField(_("mức độ"), max_length=12, choices=Severity.choices)
    description = models.TextField(_("sự việc"))
    action_taken = models.TextField(_("biện pháp đã xử lý"), blank=True)

    class Meta:
        verbose_name = _("sự việc bất thường")
        verbose_name_plural = _("các sự việc bất thường")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} · {self.get_severity_display()}"


class SessionFollowUp(models.Model):
    """What the worker did once for a session after its deadline or when every site had reported:
    reminders and the list of missing sites, and the draft article."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="follow_up")
    missing_notified_at = models.DateTimeField(null=True, blank=True)
    article_id = models.PositiveIntegerField(null=True, blank=True)
    article_drafted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("theo dõi sau buổi thi")
        verbose_name_plural = _("theo dõi sau buổi thi")

    def __str__(self) -> str:
        return str(self.session)


def daily_deadline(day: dt.date) -> dt.datetime:
    """An end-of-day report is due at REPORTS_DAILY_DEADLINE (local time) of its day."""
    hour, minute = (int(part) for part in settings.REPORTS_DAILY_DEADLINE.split(":"))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
