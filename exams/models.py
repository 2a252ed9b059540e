"""The exam, its rounds and sessions (buổi thi), exam sites (điểm thi) and who acts for which site."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.vietnamese import format_date, format_weekday


class ExamQuerySet(models.QuerySet):
    def current(self) -> Exam | None:
        return self.filter(is_current=True).first()


class Exam(models.Model):
    """One graduation exam a year: 2020 now, later years next."""

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    title = models.CharField(_("tên kỳ thi"), max_length=200)
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))
    results_date = models.DateField(_("ngày công bố kết quả"), null=True, blank=True)
    is_current = models.BooleanField(
        _("kỳ thi hiện hành"),
        default=False,
        help_text=_("Kỳ thi hiện trên trang chủ. Chỉ một kỳ thi được đánh dấu."),
    )

    objects = ExamQuerySet.as_manager()

    class Meta:
        verbose_name = _("kỳ thi")
        verbose_name_plural = _("kỳ thi")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="exams_exam_one_current",
                violation_error_message=_("Chỉ một kỳ thi được là kỳ thi hiện hành."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="exams_exam_end_after_start",
                violation_error_message=_("Ngày kết thúc không được trước ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Round(models.Model):
    """A round (đợt) of the exam: in 2020 a second round on 3-4/9 for candidates in quarantine."""

    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("đợt"), validators=[MinValueValidator(1)])
    name = models.CharField(_("tên đợt"), max_length=200)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("đợt thi")
        verbose_name_plural = _("đợt thi")
        ordering = ["exam", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["exam", "number"],
                name="exams_round_unique_number",
                violation_error_message=_("Kỳ thi đã có đợt thi số này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.exam}"


class Period(models.TextChoices):
    MORNING = "sang", _("Sáng")
    AFTERNOON = "chieu", _("Chiều")


class SessionKind(models.TextChoices):
    EXAM = "thi", _("Buổi thi")
    PROCEDURES = "thu-tuc", _("Làm thủ tục dự thi")
    RESERVE = "du-phong", _("Dự phòng")


class ExamTest(models.TextChoices):
    """The five tests (bài thi) of the exam."""

    LITERATURE = "ngu-van", _("Ngữ văn")
    MATHEMATICS = "toan", _("Toán")
    NATURAL_SCIENCES = "khtn", _("Khoa học tự nhiên")
    SOCIAL_SCIENCES = "khxh", _("Khoa học xã hội")
    FOREIGN_LANGUAGE = "ngoai-ngu", _("Ngoại ngữ")


class Component(models.TextChoices):
    """Component subjects (môn thành phần) of the two combined tests."""

    PHYSICS = "vat-li", _("Vật lí")
    CHEMISTRY = "hoa-hoc", _("Hóa học")
    BIOLOGY = "sinh-hoc", _("Sinh học")
    HISTORY = "lich-su", _("Lịch sử")
    GEOGRAPHY = "dia-li", _("Địa lí")
    CIVICS = "gdcd", _("Giáo dục công dân")


COMPONENTS_OF_TEST = {
    ExamTest.NATURAL_SCIENCES: {Component.PHYSICS, Component.CHEMISTRY, Component.BIOLOGY},
    ExamTest.SOCIAL_SCIENCES: {Component.HISTORY, Component.GEOGRAPHY, Component.CIVICS},
}


class SessionQuerySet(models.QuerySet):
    def with_exam(self) -> SessionQuerySet:
        return self.select_related("round__exam").prefetch_related("papers")

    def upcoming(self, now: dt.datetime | None = None) -> SessionQuerySet:
        """Sessions from today on (in the portal's time zone), in calendar order."""
        today = timezone.localdate(now or timezone.now())
        return self.filter(date__gte=today).order_by("date", "start_time")


class Session(models.Model):
    """A session (buổi thi): a morning or afternoon of one day, with the papers sat in it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("ngày"))
    period = models.CharField(_("buổi"), max_length=8, choices=Period.choices)
    kind = models.CharField(
        _("loại"), max_length=10, choices=SessionKind.choices, default=SessionKind.EXAM
    )
    title = models.CharField(
        _("tên buổi thi"),
        max_length=200,
        help_text=_("Ví dụ: Ngữ văn; Khoa học tự nhiên, Khoa học xã hội."),
    )
    start_time = models.TimeField(_("giờ bắt đầu"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("thời lượng cả buổi (phút)"), validators=[MinValueValidator(1)]
    )
    report_deadline_minutes = models.PositiveSmallIntegerField(
        _("hạn báo cáo nhanh (phút sau khi kết thúc buổi)"),
        default=45,
        help_text=_(
            "Điểm thi gửi báo cáo nhanh chậm nhất sau khi buổi thi kết thúc bấy nhiêu phút."
        ),
    )
    times_confirmed = models.BooleanField(
        _("giờ đã được xác nhận"),
        default=False,
        help_text=_(
            "Bỏ chọn khi giờ thi chưa có văn bản chính thức; trang công khai ghi rõ “dự kiến”."
        ),
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("buổi thi")
        verbose_name_plural = _("buổi thi")
        ordering = ["date", "start_time"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "date", "period"],
                name="exams_session_unique_period",
                violation_error_message=_("Đợt thi đã có buổi này trong ngày."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_period_display()} {format_date(self.date)} — {self.title}"

    @property
    def starts_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)

    @property
    def report_deadline(self) -> dt.datetime:
        return self.ends_at + dt.timedelta(minutes=self.report_deadline_minutes)

    @property
    def weekday(self) -> str:
        return format_weekday(self.date)

    def clean(self) -> None:
        if self.start_time and self.duration_minutes:
            end = self.starts_at + dt.timedelta(minutes=self.duration_minutes)
            if timezone.localtime(end).date() != self.date:
                raise ValidationError({"duration_minutes": _("Buổi thi phải kết thúc trong ngày.")})


class Paper(models.Model):
    """A test or component sat in a session, with its own start time and working time."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="papers")
    test = models.CharField(_("bài thi"), max_length=12, choices=ExamTest.choices)
    component = models.CharField(
        _("môn thành phần"), max_length=10, choices=Component.choices, blank=True
    )
    start_time = models.TimeField(_("giờ phát đề / bắt đầu làm bài"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("thời gian làm bài (phút)"), validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("môn thi trong buổi")
        verbose_name_plural = _("môn thi trong buổi")
        ordering = ["session", "start_time", "test"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "test", "component"],
                name="exams_paper_unique",
                violation_error_message=_("Buổi thi đã có môn này."),
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.component:
            return f"{self.get_test_display()} — {self.get_component_display()}"
        return self.get_test_display()

    def clean(self) -> None:
        allowed = COMPONENTS_OF_TEST.get(self.test)
        if allowed is None and self.component:
            raise ValidationError({"component": _("Bài thi này không có môn thành phần.")})
        if allowed is not None and self.component and self.component not in allowed:
            raise ValidationError(
                {
                    "component": _("Môn thành phần không thuộc bài thi %(test)s.")
                    % {"test": self.get_test_display()}
                }
            )
        if allowed is not None and not self.component:
            raise ValidationError({"component": _("Bài thi tổ hợp cần chọn môn thành phần.")})


class District(models.TextChoices):
    """Districts of Cà Mau province (2020)."""

    CA_MAU = "tp-ca-mau", _("TP Cà Mau")
    THOI_BINH = "thoi-binh", _("Thới Bình")
    U_MINH = "u-minh", _("U Minh")
    TRAN_VAN_THOI = "tran-van-thoi", _("Trần Văn Thời")
    CAI_NUOC = "cai-nuoc", _("Cái Nước")
    DAM_DOI = "dam-doi", _("Đầm Dơi")
    NAM_CAN = "nam-can", _("Năm Căn")
    PHU_TAN = "phu-tan", _("Phú Tân")
    NGOC_HIEN = "ngoc-hien", _("Ngọc Hiển")


site_code_validator = RegexValidator(
    r"^[A-Z]{1,3}\d{1,3}$", _("Mã điểm thi gồm chữ in hoa rồi số, ví dụ C15.")
)


class ExamSite(models.Model):
    """An exam site (điểm thi), led by its Trưởng Điểm thi; one site may serve several schools."""

    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name="sites")
    code = models.CharField(_("mã điểm thi"), max_length=6, validators=[site_code_validator])
    name = models.CharField(_("tên điểm thi"), max_length=200)
    district = models.CharField(_("huyện, thành phố"), max_length=20, choices=District.choices)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    schools = models.TextField(_("các trường có thí sinh dự thi"), blank=True)
    is_reserve = models.BooleanField(_("điểm thi dự phòng"), default=False)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="SiteMembership",
        related_name="exam_sites",
        verbose_name=_("người dùng của điểm thi"),
        blank=True,
    )

    class Meta:
        verbose_name = _("điểm thi")
        verbose_name_plural = _("điểm thi")
        ordering = ["exam", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["exam", "code"],
                name="exams_site_unique_code",
                violation_error_message=_("Kỳ thi đã có điểm thi mang mã này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class SiteSession(models.Model):
    """A site's registration for one session: candidates registered and rooms in use."""

    site = models.ForeignKey(ExamSite, on_delete=models.CASCADE, related_name="site_sessions")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="site_sessions")
    registered_candidates = models.PositiveIntegerField(_("số thí sinh đăng ký"))
    rooms = models.PositiveSmallIntegerField(_("số phòng thi"), default=0)

    class Meta:
        verbose_name = _("số thí sinh theo buổi")
        verbose_name_plural = _("số thí sinh theo buổi")
        ordering = ["session", "site"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "session"],
                name="exams_sitesession_unique",
                violation_error_message=_("Điểm thi đã có số liệu cho buổi thi này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.site.code} · {self.session}"

    def clean(self) -> None:
        if self.site_id and self.session_id and self.site.exam_id != self.session.round.exam_id:
            raise ValidationError(_("Điểm thi và buổi thi phải thuộc cùng một kỳ thi."))


class SiteMembership(models.Model):
    """A user who acts for an exam site: its head (Trưởng Điểm thi) or a secretary."""

    class SiteRole(models.TextChoices):
        HEAD = "truong", _("Trưởng Điểm thi")
        SECRETARY = "thu-ky", _("Thư ký")

    site = models.ForeignKey(ExamSite, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="site_memberships"
    )
    role = models.CharField(
        _("vai trò"), max_length=10, choices=SiteRole.choices, default=SiteRole.HEAD
    )

    class Meta:
        verbose_name = _("người dùng điểm thi")
        verbose_name_plural = _("người dùng điểm thi")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "user"],
                name="exams_membership_unique",
                violation_error_message=_("Người dùng này đã thuộc điểm thi."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.site.code}"
