"""Forms of the exam-site area (/diem-thi/): the shape of what a site user sends.

A form only shapes input: whole numbers, required boxes, choices, the phone number. The checks of
the figures (present + absent = registered, case lines against the counts, …) are the service's
(`reports.services`), which the view runs, so a rule lives in one place. Field names are those of
the model and the service: a post made by hand (a benchmark, a test) uses them directly.

Every message is Vietnamese, Django's defaults included ("Xin ghi …", "Phải là số nguyên …").
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

from core.forms import PublicForm, clean_phone_number
from reports.models import DisciplineForm, IncidentCategory, ReportKind, Severity
from reports.services import FIELDS, PERIODIC_FIELDS, QUICK_FIELDS, URGENT_FIELDS

# The largest values the columns hold (PositiveSmallIntegerField, PositiveIntegerField).
ROOMS_MAX = 32_767
COUNT_MAX = 2_147_483_647
# A "Thêm dòng" press adds this many blank lines; a form shows at least this many blank ones.
BLANK_LINES = 3
MAX_LINES = 200

# What people read for each field: on the forms, in the error summary and on the report page.
LABELS = {
    "rooms": "Số phòng thi",
    "registered": "Số thí sinh đăng ký dự thi",
    "present": "Số thí sinh có mặt",
    "absent": "Số thí sinh vắng mặt",
    "absent_gave_up": "Vắng: bỏ thi",
    "absent_ill": "Vắng: ốm, tai nạn",
    "absent_covid": "Vắng: cách ly y tế (COVID-19)",
    "absent_exempt": "Vắng: được tuyển thẳng",
    "absent_other": "Vắng: lý do khác",
    "late_admitted": "Thí sinh đến muộn được dự thi",
    "reprimands": "Số thí sinh bị khiển trách",
    "warnings": "Số thí sinh bị cảnh cáo",
    "suspensions": "Số thí sinh bị đình chỉ thi",
    "staff_violations": "Số cán bộ vi phạm quy chế",
    "staff_absent": "Số cán bộ vắng",
    "staff_replaced": "Số cán bộ được thay thế",
    "staff_notes": "Ghi chú về cán bộ",
    "seals_intact": "Niêm phong túi đề thi còn nguyên vẹn",
    "papers_missing": "Số đề thi bị thiếu",
    "papers_misprinted": "Số đề thi in lỗi",
    "reserve_papers_used": "Số đề thi dự phòng đã dùng",
    "papers_notes": "Ghi chú về đề thi",
    "session": "Buổi thi",
    "incident_category": "Loại sự việc",
    "severity": "Mức độ",
    "title": "Tiêu đề",
    "body": "Nội dung",
    "action_taken": "Biện pháp đã xử lý",
    "proposals": "Đề xuất, kiến nghị",
    "sender_name": "Họ và tên người gửi",
    "sender_phone": "Số điện thoại người gửi",
    "amendment_reason": "Lý do đính chính",
}

COUNT_ERRORS = {
    "required": "Xin ghi số liệu này (ghi 0 nếu không có).",
    "invalid": "Phải là số nguyên không âm, chỉ gồm chữ số (ví dụ 0, 12, 11346).",
    "min_value": "Số liệu không được âm.",
    "max_value": "Số quá lớn (tối đa %(limit_value)s).",
}
CHOICE_ERRORS = {"invalid_choice": "Xin chọn một mục trong danh sách."}
WHOLE_NUMBER = re.compile(r"^-?\d+$")


def _text_errors(required: str = "") -> dict:
    messages = {"max_length": "Dài tối đa %(limit_value)d ký tự (hiện có %(show_value)d)."}
    return {"required": required, **messages} if required else messages


class CountField(forms.IntegerField):
    """A count of people, rooms or papers: a whole number written with digits only, never negative.

    "1.000" is refused rather than read as 1 (Django's IntegerField drops a trailing ".000", and
    Vietnamese readers write thousands with a dot). With `blank_is_zero` an empty box counts as 0,
    the model's default; otherwise it is required.
    """

    widget = forms.TextInput

    def __init__(self, *, blank_is_zero: bool = False, max_value: int = COUNT_MAX, **kwargs):
        self.blank_is_zero = blank_is_zero
        kwargs.setdefault("required", not blank_is_zero)
        kwargs.setdefault("error_messages", COUNT_ERRORS)
        super().__init__(min_value=0, max_value=max_value, **kwargs)

    def widget_attrs(self, widget):
        # A text box with the numeric keypad: a number box would let a browser turn "1.000" into 1.
        # No min/max attributes: the server says what is wrong, in Vietnamese.
        return {"inputmode": "numeric", "autocomplete": "off", "class": "input-count"}

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return 0 if self.blank_is_zero else None
        text = str(value).strip()
        if not WHOLE_NUMBER.match(text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return int(text)
        except ValueError:  # more digits than int() converts (sys.get_int_max_str_digits)
            raise ValidationError(
                self.error_messages["max_value"],
                code="max_value",
                params={"limit_value": self.max_value},
            ) from None


def _choices(choices) -> list[tuple[str, str]]:
    return [("", "— Chọn —"), *choices]


class SiteReportForm(forms.Form):
    """What every report of a site carries: the key drawn when the form was shown, the sender,
    proposals and, for an amendment, the number of the version corrected and the reason.

    `amending` adds the two amendment fields (the reason then required); a first submission has
    neither, so a stray `amends` posted with it is ignored, never taken for an amendment.
    """

    # The fields of the service's `values` (ReportVersion fields), as the service lists them.
    value_fields: tuple[str, ...] = ()

    submission_key = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "Biểu mẫu thiếu khóa gửi: xin mở lại biểu mẫu rồi gửi.",
            "invalid": "Khóa gửi của biểu mẫu không hợp lệ: xin mở lại biểu mẫu rồi gửi.",
        },
    )
    amends = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": "Biểu mẫu đính chính thiếu số lần gửi được đính chính: xin mở lại.",
            "invalid": "Số lần gửi được đính chính không hợp lệ: xin mở lại biểu mẫu.",
            "min_value": "Số lần gửi được đính chính không hợp lệ: xin mở lại biểu mẫu.",
        },
    )
    amendment_reason = forms.CharField(
        label=LABELS["amendment_reason"],
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ghi rõ sửa gì và vì sao, ví dụ: “Nhập nhầm số thí sinh vắng mặt”.",
        error_messages=_text_errors("Xin ghi lý do đính chính."),
    )
    sender_name = forms.CharField(
        label=LABELS["sender_name"],
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages=_text_errors("Xin ghi họ tên người gửi."),
    )
    sender_phone = forms.CharField(
        label=LABELS["sender_phone"],
        max_length=30,
        help_text="Để Ban Chỉ đạo liên hệ khi cần. Ví dụ: 0123 456 789.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages=_text_errors("Xin ghi số điện thoại để Ban Chỉ đạo liên hệ khi cần."),
    )
    proposals = forms.CharField(
        label=LABELS["proposals"],
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_text_errors(),
    )

    # A refusal of the service at the field it names, or above the form, as on the public forms.
    add_service_error = PublicForm.add_service_error

    def __init__(self, *args, amending: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.amending = amending
        if not amending:
            del self.fields["amends"]
            del self.fields["amendment_reason"]

    def clean_sender_phone(self) -> str:
        return clean_phone_number(self.cleaned_data["sender_phone"])

    def error_summary(self) -> list[dict]:
        """Every error, in the order of the fields (the form's own first), with the field's name
        and the id its link jumps to; a hidden field's error (the form's key) has no link: there
        is nothing to correct on the page."""
        summary = []
        for name in ["__all__", *self.fields]:
            errors = self.errors.get(name)
            if not errors:
                continue
            bound = None if name == "__all__" else self[name]
            if bound is None or bound.is_hidden:
                anchor = label = ""
            else:
                anchor, label = bound.id_for_label or f"{bound.auto_id}_0", bound.label
            summary += [
                {"field": name, "anchor": anchor, "label": label, "message": e} for e in errors
            ]
        return summary

    def values(self) -> dict:
        """The cleaned values the service stores on the version."""
        return {name: self.cleaned_data[name] for name in self.value_fields}


def _count(name: str, **kwargs) -> CountField:
    return CountField(label=LABELS[name], **kwargs)


def _notes(name: str, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=LABELS[name],
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_text_errors(),
        **kwargs,
    )


class QuickReportForm(SiteReportForm):
    """The quick report of a session (báo cáo nhanh buổi thi); its case and event lines are the
    two formsets below."""

    value_fields = FIELDS[ReportKind.QUICK]
    field_order = ("submission_key", "amends", "amendment_reason", *QUICK_FIELDS, "proposals")

    rooms = _count("rooms", max_value=ROOMS_MAX)
    registered = _count("registered", help_text="Theo danh sách của Hội đồng thi.")
    present = _count("present")
    absent = _count("absent", help_text="Có mặt cộng vắng mặt phải bằng số đăng ký.")
    absent_gave_up = _count("absent_gave_up", blank_is_zero=True)
    absent_ill = _count("absent_ill", blank_is_zero=True)
    absent_covid = _count("absent_covid", blank_is_zero=True)
    absent_exempt = _count("absent_exempt", blank_is_zero=True)
    absent_other = _count("absent_other", blank_is_zero=True)
    late_admitted = _count("late_admitted", blank_is_zero=True)
    reprimands = _count(
        "reprimands", blank_is_zero=True, help_text="Trừ 25% điểm bài thi (Điều 54)."
    )
    warnings = _count("warnings", blank_is_zero=True, help_text="Trừ 50% điểm bài thi.")
    suspensions = _count(
        "suspensions",
        blank_is_zero=True,
        help_text="Do Trưởng Điểm thi quyết định; báo ngay cho Ban Chỉ đạo.",
    )
    staff_violations = _count("staff_violations", blank_is_zero=True)
    staff_absent = _count("staff_absent", blank_is_zero=True)
    staff_replaced = _count("staff_replaced", blank_is_zero=True)
    staff_notes = _notes("staff_notes", help_text="Ai vắng, ai thay thế, vi phạm gì (nếu có).")
    seals_intact = forms.BooleanField(
        label=LABELS["seals_intact"],
        required=False,
        help_text="Bỏ chọn nếu có túi đề thi bị rách, mất niêm phong; ghi rõ ở ghi chú.",
    )
    papers_missing = _count("papers_missing", blank_is_zero=True)
    papers_misprinted = _count("papers_misprinted", blank_is_zero=True)
    reserve_papers_used = _count("reserve_papers_used", blank_is_zero=True)
    papers_notes = _notes("papers_notes")


class UrgentReportForm(SiteReportForm):
    """An urgent report (báo cáo đột xuất): sent at any time, as often as something happens.

    `sessions` are the choices of `session` (the exam's sessions); without them (an amendment,
    whose session cannot change) the field is left out.
    """

    value_fields = FIELDS[ReportKind.URGENT]

    field_order = (
        "submission_key",
        "amends",
        "amendment_reason",
        "session",
        *URGENT_FIELDS,
        "proposals",
    )

    session = forms.ModelChoiceField(
        label=LABELS["session"],
        queryset=None,
        required=False,
        empty_label="— Không thuộc buổi thi nào —",
        help_text="Buổi thi đang diễn ra khi sự việc xảy ra (nếu có).",
        error_messages={"invalid_choice": "Xin chọn một buổi thi trong danh sách."},
    )
    incident_category = forms.ChoiceField(
        label=LABELS["incident_category"],
        choices=_choices(IncidentCategory.choices),
        error_messages={"required": "Xin chọn loại sự việc.", **CHOICE_ERRORS},
    )
    severity = forms.ChoiceField(
        label=LABELS["severity"],
        choices=_choices(Severity.choices),
        help_text="“Nghiêm trọng”: Ban Chỉ đạo được báo ngay, kể cả ngoài giờ.",
        error_messages={"required": "Xin chọn mức độ.", **CHOICE_ERRORS},
    )
    title = forms.CharField(
        label=LABELS["title"],
        max_length=250,
        help_text="Một câu ngắn nói rõ sự việc.",
        error_messages=_text_errors("Xin ghi tiêu đề sự việc."),
    )
    body = forms.CharField(
        label=LABELS["body"],
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Xảy ra lúc nào, ở đâu (phòng thi), ai liên quan, diễn biến.",
        error_messages=_text_errors("Xin mô tả sự việc."),
    )
    action_taken = forms.CharField(
        label=LABELS["action_taken"],
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_text_errors(),
    )

    def __init__(self, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sessions is None:
            del self.fields["session"]
        else:
            self.fields["session"].queryset = sessions


class PeriodicReportForm(SiteReportForm):
    """The end-of-day report and the final report: free text and the period's figures."""

    value_fields = FIELDS[ReportKind.DAILY]
    field_order = ("submission_key", "amends", "amendment_reason", *PERIODIC_FIELDS, "proposals")
    figures = tuple(name for name in PERIODIC_FIELDS if name != "body")

    body = forms.CharField(
        label=LABELS["body"],
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Tình hình chung, những việc đã làm, sự việc đáng chú ý.",
        error_messages=_text_errors("Xin ghi nội dung báo cáo."),
    )
    registered = _count("registered", required=False)
    present = _count("present", required=False)
    absent = _count("absent", required=False)
    reprimands = _count("reprimands", blank_is_zero=True)
    warnings = _count("warnings", blank_is_zero=True)
    suspensions = _count("suspensions", blank_is_zero=True)
    staff_violations = _count("staff_violations", blank_is_zero=True)


# --- lines of a quick report -------------------------------------------------------------------


class CaseForm(forms.Form):
    """One candidate disciplined (Thông tư 15/2020, Article 54)."""

    candidate_number = forms.CharField(
        label="Số báo danh",
        max_length=12,
        error_messages=_text_errors("Xin ghi số báo danh."),
    )
    room = forms.CharField(
        label="Phòng thi", max_length=20, error_messages=_text_errors("Xin ghi phòng thi.")
    )
    form = forms.ChoiceField(
        label="Hình thức kỷ luật",
        choices=_choices(DisciplineForm.choices),
        error_messages={"required": "Xin chọn hình thức kỷ luật.", **CHOICE_ERRORS},
    )
    description = forms.CharField(
        label="Vi phạm và cách xử lý",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_text_errors("Xin ghi vi phạm và cách xử lý."),
    )
    record_number = forms.CharField(
        label="Số biên bản",
        max_length=30,
        error_messages=_text_errors("Xin ghi số biên bản."),
    )


class IncidentForm(forms.Form):
    """One unusual event (sự việc bất thường) of the session."""

    category = forms.ChoiceField(
        label="Loại sự việc",
        choices=_choices(IncidentCategory.choices),
        error_messages={"required": "Xin chọn loại sự việc.", **CHOICE_ERRORS},
    )
    severity = forms.ChoiceField(
        label="Mức độ",
        choices=_choices(Severity.choices),
        error_messages={"required": "Xin chọn mức độ.", **CHOICE_ERRORS},
    )
    description = forms.CharField(
        label="Sự việc",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_text_errors("Xin mô tả sự việc."),
    )
    action_taken = forms.CharField(
        label="Biện pháp đã xử lý",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_text_errors(),
    )


class LineFormSet(forms.BaseFormSet):
    """Lines (cases, events) of which any may be left blank, and a blank one is ignored.

    Every line may be empty, not only the extra ones: a line copied from the version being amended
    and then cleared is dropped, not refused. A post without the management form (made by hand)
    has no lines.
    """

    default_prefix = "lines"
    title = ""
    default_error_messages = {
        "missing_management_form": "Biểu mẫu thiếu thông tin về các dòng: xin mở lại biểu mẫu.",
        "too_many_forms": "Tối đa %(num)d dòng.",
        "too_few_forms": "Cần ít nhất %(num)d dòng.",
    }

    def __init__(self, data=None, *args, prefix=None, **kwargs):
        prefix = prefix or self.get_default_prefix()
        if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
            data = data.copy()
            data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
        super().__init__(data, *args, prefix=prefix, **kwargs)

    @classmethod
    def get_default_prefix(cls) -> str:
        return cls.default_prefix

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None:
            kwargs["empty_permitted"] = True
        return kwargs

    def lines(self) -> list[dict]:
        """The cleaned lines that are not blank (after is_valid())."""
        return [form.cleaned_data for form in self.forms if form.cleaned_data]


class CaseLines(LineFormSet):
    default_prefix = "cases"
    title = "Trường hợp kỷ luật"


class IncidentLines(LineFormSet):
    default_prefix = "incidents"
    title = "Sự việc bất thường"


def _lines(form, formset):
    return forms.formset_factory(
        form,
        formset=formset,
        extra=BLANK_LINES,
        max_num=MAX_LINES,
        absolute_max=MAX_LINES,
        validate_max=True,
    )


CaseFormSet = _lines(CaseForm, CaseLines)
IncidentFormSet = _lines(IncidentForm, IncidentLines)
