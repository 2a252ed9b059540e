"""Forms of the public hotline pages: the question/report form and the follow-up look-up.

The ticket form only shapes input. Rate limiting and the honeypot are checked by the view before
the form is bound; attachments are checked by `inspect_attachments` (the same function the
service runs again before anything is stored), so every error of a submission is shown at once.
"""

from __future__ import annotations

from django import forms
from django.conf import settings

from core.forms import PublicForm, clean_phone_number
from core.uploads import ACCEPTED
from exams.models import ExamSite, Session
from exams.selectors import current_exam
from hotline.models import Category
from hotline.services import inspect_attachments

ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png"


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type="file" multiple> ("Uploading multiple files", Django
    docs); cleans to a list, empty when nothing was chosen."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",").removesuffix(",0")


class TicketForm(PublicForm):
    not_shown_again = ("attachments",)

    category = forms.ChoiceField(
        label="Loại câu hỏi, phản ánh",
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Xin chọn loại câu hỏi, phản ánh.",
            "invalid_choice": "Xin chọn một loại trong danh sách.",
        },
    )
    site = forms.ModelChoiceField(
        label="Điểm thi liên quan",
        queryset=ExamSite.objects.none(),
        required=False,
        empty_label="— Không chọn —",
        help_text="Chọn nếu câu hỏi, phản ánh liên quan đến một điểm thi.",
        error_messages={"invalid_choice": "Xin chọn một điểm thi trong danh sách."},
    )
    session = forms.ModelChoiceField(
        label="Buổi thi liên quan",
        queryset=Session.objects.none(),
        required=False,
        empty_label="— Không chọn —",
        help_text="Chọn nếu sự việc xảy ra trong một buổi thi.",
        error_messages={"invalid_choice": "Xin chọn một buổi thi trong danh sách."},
    )
    subject = forms.CharField(
        label="Tiêu đề",
        max_length=250,
        help_text="Một câu ngắn nói rõ câu hỏi hoặc sự việc.",
        error_messages={
            "required": "Xin ghi tiêu đề.",
            "max_length": "Tiêu đề dài tối đa %(limit_value)d ký tự (hiện có %(show_value)d).",
        },
    )
    message = forms.CharField(
        label="Nội dung",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            "Ghi rõ sự việc: ở đâu, khi nào, ai liên quan. Với câu hỏi, ghi rõ điều anh/chị cần "
            "được giải đáp."
        ),
        error_messages={
            "required": "Xin ghi nội dung câu hỏi, phản ánh.",
            "max_length": "Nội dung dài tối đa %(limit_value)d ký tự (hiện có %(show_value)d).",
        },
    )
    name = forms.CharField(
        label="Họ và tên",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"max_length": "Họ và tên dài tối đa %(limit_value)d ký tự."},
    )
    phone = forms.CharField(
        label="Số điện thoại",
        max_length=30,
        required=False,
        help_text="Ví dụ: 0123 456 789 hoặc +84 123 456 789.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"max_length": "Số điện thoại dài tối đa %(limit_value)d ký tự."},
    )
    email = forms.EmailField(
        label="Thư điện tử",
        required=False,
        help_text="Nếu ghi, anh/chị sẽ nhận thư xác nhận và câu trả lời qua địa chỉ này.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        max_length=254,  # Ticket.email
        error_messages={
            "invalid": "Địa chỉ thư điện tử chưa đúng, ví dụ: ten@example.com.",
            "max_length": "Địa chỉ thư điện tử dài tối đa %(limit_value)d ký tự.",
        },
    )
    attachments = MultipleFileField(
        label="Tệp đính kèm",
        required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
        error_messages={
            "empty": "Tệp rỗng (0 byte). Xin chọn lại tệp.",
            "invalid": "Không đọc được tệp đã gửi. Xin chọn lại tệp.",
            "missing": "Không nhận được tệp. Xin chọn lại tệp.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        exam = current_exam()
        if exam is None:
            del self.fields["site"], self.fields["session"]
        else:
            self.fields["site"].queryset = ExamSite.objects.filter(exam=exam).order_by("code")
            self.fields["session"].queryset = Session.objects.filter(round__exam=exam).order_by(
                "date", "start_time"
            )
        self.fields["attachments"].help_text = (
            f"Tối đa {settings.HOTLINE_MAX_ATTACHMENTS} tệp, mỗi tệp tối đa "
            f"{_megabytes(settings.HOTLINE_ATTACHMENT_MAX_BYTES)} MB. Chỉ nhận {ACCEPTED}."
        )

    def clean_phone(self) -> str:
        return clean_phone_number(self.cleaned_data["phone"])

    def clean_attachments(self) -> list:
        files = self.cleaned_data["attachments"]
        inspect_attachments(files)  # raises a Vietnamese ValidationError naming the file
        return files

    def submission(self) -> dict:
        """Keyword arguments of `ticket_submit` (without the channel)."""
        data = self.cleaned_data
        return {
            "category": data["category"],
            "subject": data["subject"],
            "message": data["message"],
            "name": data["name"],
            "phone": data["phone"],
            "email": data["email"],
            "site": data.get("site"),
            "session": data.get("session"),
            "files": data["attachments"],
        }


class LookupForm(forms.Form):
    """The code and the key of a private follow-up link, typed in by hand."""

    ma = forms.CharField(
        label="Mã phản ánh",
        max_length=20,
        help_text="Ví dụ: HL-2020-000123.",
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )
    khoa = forms.CharField(
        label="Khóa tra cứu",
        max_length=64,
        help_text=(
            "Phần sau “khoa=” trong đường dẫn riêng hiện ra khi anh/chị gửi, và trong thư "
            "xác nhận (nếu có ghi thư điện tử)."
        ),
        widget=forms.TextInput(
            attrs={"autocapitalize": "none", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
